import FoundationEssentials

/// The client side of RFC 6455's opening handshake: the request to send, then the server's
/// response fed in as it arrives.
public struct ClientHandshake: Sendable {
  /// The most a response head may take before it is refused.
  public static let maxHeaderBytes = 8192

  public enum Progress: Equatable, Sendable {
    /// The response head is not complete yet.
    case needMore
    /// The upgrade succeeded; `leftover` are the first bytes of the WebSocket stream, to be
    /// fed to a `WebSocketSession(role: .client)`.
    case accepted(leftover: [UInt8])
    case rejected(WebSocketError)
  }

  public let key: String
  public let requestBytes: [UInt8]
  private var buffer: [UInt8] = []
  /// Where the search for the blank line resumes, so a trickled response is scanned once.
  private var scanned = 0
  private var finished = false

  /// - Parameters:
  ///   - host: the `Host` header, with the port when it is not the default.
  ///   - path: the request target, query included (`/ws?since=12&token=…`).
  ///   - headers: extra request headers.
  ///   - key: the `Sec-WebSocket-Key`; random unless a test pins it.
  public init(
    host: String, path: String, origin: String? = nil, headers: [(String, String)] = [],
    key: String = ClientHandshake.randomKey()
  ) {
    self.key = key
    var request =
      "GET \(path) HTTP/1.1\r\n"
      + "Host: \(host)\r\n"
      + "Upgrade: websocket\r\n"
      + "Connection: Upgrade\r\n"
      + "Sec-WebSocket-Key: \(key)\r\n"
      + "Sec-WebSocket-Version: 13\r\n"
    if let origin { request += "Origin: \(origin)\r\n" }
    for (name, value) in headers { request += "\(name): \(value)\r\n" }
    request += "\r\n"
    requestBytes = Array(request.utf8)
  }

  /// Sixteen random bytes in base64 (RFC 6455 §4.1).
  public static func randomKey() -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return Data(bytes).base64EncodedString()
  }

  /// Feeds response bytes; call again with more while it answers `.needMore`, and not after
  /// any other answer (a finished handshake answers `.rejected(.malformedResponse)`).
  public mutating func receive(_ bytes: [UInt8]) -> Progress {
    guard !finished else { return .rejected(.malformedResponse) }
    buffer.append(contentsOf: bytes)
    guard let end = findHeadEnd() else {
      if buffer.count > Self.maxHeaderBytes { return finish(.rejected(.responseTooLarge)) }
      return .needMore
    }
    guard end <= Self.maxHeaderBytes else { return finish(.rejected(.responseTooLarge)) }
    let head = String(decoding: buffer[..<end], as: UTF8.self)
    let leftover = Array(buffer[(end + 4)...])
    return finish(validate(head: head, leftover: leftover))
  }

  private mutating func finish(_ progress: Progress) -> Progress {
    finished = true
    buffer = []
    return progress
  }

  private mutating func findHeadEnd() -> Int? {
    guard buffer.count >= 4 else { return nil }
    for i in scanned...(buffer.count - 4)
    where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
      return i
    }
    scanned = buffer.count - 3
    return nil
  }

  private func validate(head: String, leftover: [UInt8]) -> Progress {
    let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map(String.init)
    let statusParts = lines[0].split(separator: " ", maxSplits: 2).map(String.init)
    guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."),
      let status = Int(statusParts[1])
    else { return .rejected(.malformedResponse) }
    let reason = statusParts.count == 3 ? statusParts[2] : ""
    guard status == 101 else { return .rejected(.unexpectedStatus(status, reason: reason)) }

    var headers: [(String, String)] = []
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { return .rejected(.malformedResponse) }
      headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
    }
    let fields = HeaderFields(headers)
    guard fields.values("Upgrade").contains(where: { $0.lowercased() == "websocket" }),
      fields.hasToken("upgrade", in: "Connection"),
      fields.first("Sec-WebSocket-Accept") == WebSocketHandshake.acceptKey(for: key),
      // We offered no extension or subprotocol, so the server may not pick one (§4.1).
      fields.values("Sec-WebSocket-Extensions").isEmpty,
      fields.values("Sec-WebSocket-Protocol").isEmpty
    else { return .rejected(.badAccept) }
    return .accepted(leftover: leftover)
  }
}
