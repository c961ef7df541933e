// FeedClient: placeholder until the module lands.
