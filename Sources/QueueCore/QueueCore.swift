// QueueCore: placeholder until the module lands.
