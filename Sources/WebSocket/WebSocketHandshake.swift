import FoundationEssentials

/// The server side of RFC 6455's opening handshake (§4.2), over headers the HTTP layer parsed.
public enum WebSocketHandshake {
  /// RFC 6455 §1.3: appended to the client's key before hashing.
  static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

  /// `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key`.
  public static func acceptKey(for clientKey: String) -> String {
    Data(SHA1.digest(Array((clientKey + guid).utf8))).base64EncodedString()
  }

  /// Validates an upgrade request and returns the exact `101 Switching Protocols` response
  /// to write before handing the connection to a `WebSocketSession(role: .server)`.
  ///
  /// Extensions and subprotocols offered by the client are declined by omission.
  /// - Parameter isOriginAllowed: given the `Origin` header (nil when absent); the server
  ///   checks it against its configuration.
  public static func serverAccept(
    method: String, headers: [(String, String)],
    isOriginAllowed: (String?) -> Bool = { _ in true }
  ) throws(WebSocketError) -> [UInt8] {
    guard method == "GET" else { throw .methodNotGet(method) }
    let fields = HeaderFields(headers)
    guard fields.values("Upgrade").contains(where: { $0.lowercased() == "websocket" }) else {
      throw .missingUpgradeHeader
    }
    guard fields.hasToken("upgrade", in: "Connection") else {
      throw .missingConnectionUpgrade
    }
    let version = fields.first("Sec-WebSocket-Version")
    guard version == "13" else { throw .unsupportedVersion(version) }
    guard let key = fields.first("Sec-WebSocket-Key"), isValidKey(key) else {
      throw .invalidKey
    }
    let origin = fields.first("Origin")
    guard isOriginAllowed(origin) else { throw .forbiddenOrigin(origin) }

    let response =
      "HTTP/1.1 101 Switching Protocols\r\n"
      + "Upgrade: websocket\r\n"
      + "Connection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: \(acceptKey(for: key))\r\n\r\n"
    return Array(response.utf8)
  }

  static func isValidKey(_ key: String) -> Bool {
    key.utf8.count == 24 && Data(base64Encoded: key)?.count == 16
  }
}

/// Case-insensitive view of a header list; repeated headers and comma lists both count.
struct HeaderFields {
  private let fields: [(name: String, value: String)]

  init(_ headers: [(String, String)]) {
    fields = headers.map { (name: $0.0.lowercased(), value: trimmed($0.1)) }
  }

  func values(_ name: String) -> [String] {
    let wanted = name.lowercased()
    return fields.filter { $0.name == wanted }.map(\.value)
  }

  func first(_ name: String) -> String? { values(name).first }

  func hasToken(_ token: String, in name: String) -> Bool {
    values(name).contains { value in
      value.split(separator: ",").contains { trimmed(String($0)).lowercased() == token }
    }
  }
}

func trimmed(_ s: String) -> String {
  var view = Substring(s)
  while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
  while let last = view.last, last == " " || last == "\t" { view.removeLast() }
  return String(view)
}
