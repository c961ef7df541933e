import HTTP

/// `ws://host:port/path`, split for a socket and a request line.
public struct FeedURL: Equatable, Sendable {
  public var host: String
  public var port: Int
  /// The path with its query, e.g. `/ws?token=…`.
  public var target: String

  /// Accepts `ws://` and also `http://` (the server's base URL, which officers already know):
  /// the feed lives at `/ws` on the same port.
  public init?(_ text: String) {
    guard let url = URLParts(text), url.scheme == "ws" || url.scheme == "http" else {
      return nil
    }
    host = url.host
    port = url.port ?? 80
    var path = url.pathAndQuery
    if path.isEmpty || path == "/" { path = "/ws" }
    if !path.hasPrefix("/") { path = "/ws" + path }
    target = path
  }

  /// The target with `key=value` appended to its query.
  public func adding(_ key: String, _ value: String) -> FeedURL {
    var copy = self
    copy.target += (target.contains("?") ? "&" : "?") + key + "=" + percentEncoded(value)
    return copy
  }
}
