/// A request as the server hands it to routing: the target already split and decoded.
public struct HTTPRequest: Sendable {
  public var method: HTTPMethod
  /// The request target exactly as received (`/api/stats?date=2026-11-28`).
  public var uri: String
  /// The percent-decoded path, without the query.
  public var path: String
  /// Decoded query parameters; for a repeated key the last value wins.
  public var query: [String: String]
  public var headers: HTTPHeaders
  public var body: [UInt8]
  /// The peer's IP address, without the port.
  public var remoteAddress: String

  public init(
    method: HTTPMethod, uri: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
    remoteAddress: String = ""
  ) {
    self.method = method
    self.uri = uri
    self.headers = headers
    self.body = body
    self.remoteAddress = remoteAddress
    let target = Self.originForm(uri)
    let pathPart: Substring
    let queryPart: Substring?
    if let mark = target.firstIndex(of: "?") {
      pathPart = target[..<mark]
      queryPart = target[target.index(after: mark)...]
    } else {
      pathPart = target
      queryPart = nil
    }
    let fragmentless = pathPart.split(
      separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    path = PercentDecoding.decode(fragmentless.first ?? "", plusAsSpace: false)
    if path.isEmpty { path = "/" }
    query = queryPart.map(Self.parseQuery) ?? [:]
  }

  public static func parseQuery(_ text: Substring) -> [String: String] {
    var result: [String: String] = [:]
    let withoutFragment = text.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    for pair in (withoutFragment.first ?? "").split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let key = PercentDecoding.decode(parts[0], plusAsSpace: true)
      guard !key.isEmpty else { continue }
      result[key] = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) : ""
    }
    return result
  }

  /// Strips `http://host` from an absolute-form target (RFC 9112 §3.2.2), which proxies send.
  private static func originForm(_ uri: String) -> Substring {
    let whole = Substring(uri)
    guard !whole.hasPrefix("/"), let colon = whole.firstIndex(of: ":"),
      whole[colon...].hasPrefix("://")
    else { return whole }
    let afterAuthority = whole[whole.index(colon, offsetBy: 3)...]
    guard let slash = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }) else {
      return "/"
    }
    return afterAuthority[slash...]
  }
}
