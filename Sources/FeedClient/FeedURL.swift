/// `ws://host:port/path`, split for a socket and a request line.
public struct FeedURL: Equatable, Sendable {
  public var host: String
  public var port: Int
  /// The path with its query, e.g. `/ws?token=…`.
  public var target: String

  /// Accepts `ws://` and also `http://` (the server's base URL, which officers already know):
  /// the feed lives at `/ws` on the same port.
  public init?(_ text: String) {
    var rest: Substring
    if text.hasPrefix("ws://") {
      rest = text.dropFirst(5)
    } else if text.hasPrefix("http://") {
      rest = text.dropFirst(7)
    } else {
      return nil
    }
    let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
    let authority = rest[..<slash]
    var path = String(rest[slash...])
    if path.isEmpty || path == "/" { path = "/ws" }
    if !path.hasPrefix("/") { path = "/ws" + path }
    rest = authority
    if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") || rest[..<colon].hasSuffix("]") {
      guard let port = Int(rest[rest.index(after: colon)...]), (1...65535).contains(port) else {
        return nil
      }
      self.port = port
      rest = rest[..<colon]
    } else {
      self.port = 80
    }
    if rest.hasPrefix("["), rest.hasSuffix("]") { rest = rest.dropFirst().dropLast() }
    guard !rest.isEmpty else { return nil }
    host = String(rest)
    target = path
  }

  /// The target with `key=value` appended to its query.
  public func adding(_ key: String, _ value: String) -> FeedURL {
    var copy = self
    copy.target += (target.contains("?") ? "&" : "?") + key + "=" + percentEncoded(value)
    return copy
  }
}

private func percentEncoded(_ s: String) -> String {
  var out = ""
  for b in s.utf8 {
    switch b {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
      UInt8(ascii: "."), UInt8(ascii: "~"):
      out.unicodeScalars.append(Unicode.Scalar(b))
    default:
      let hex = Array("0123456789ABCDEF")
      out += "%" + String(hex[Int(b >> 4)]) + String(hex[Int(b & 0xF)])
    }
  }
  return out
}
