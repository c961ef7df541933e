import Testing

@testable import WebSocket

private let validHeaders: [(String, String)] = [
  ("Host", "server.example.com"),
  ("Upgrade", "websocket"),
  ("Connection", "keep-alive, Upgrade"),
  ("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ=="),
  ("Origin", "http://example.com"),
  ("Sec-WebSocket-Version", "13"),
]

private func headers(without name: String) -> [(String, String)] {
  validHeaders.filter { $0.0 != name }
}

private func headers(replacing name: String, with value: String) -> [(String, String)] {
  headers(without: name) + [(name, value)]
}

@Test func sha1MatchesKnownDigests() {
  func hex(_ s: String) -> String {
    SHA1.digest(Array(s.utf8)).map { String($0, radix: 16).leftPad() }.joined()
  }
  #expect(hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
  #expect(hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d")
  #expect(
    hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
      == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
}

extension String {
  fileprivate func leftPad() -> String { count == 1 ? "0" + self : self }
}

@Test func acceptKeyMatchesRFC6455Sample() {
  #expect(
    WebSocketHandshake.acceptKey(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
}

@Test func serverAcceptsValidUpgradeWithExactResponse() throws {
  let response = try WebSocketHandshake.serverAccept(method: "GET", headers: validHeaders)
  #expect(
    String(decoding: response, as: UTF8.self)
      == "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
}

@Test func serverAcceptsHeaderNamesAndValuesInAnyCase() throws {
  let shouting = validHeaders.map { ($0.0.uppercased(), $0.1) }
    .map { $0.0 == "UPGRADE" ? ($0.0, "WebSocket") : $0 }
  _ = try WebSocketHandshake.serverAccept(method: "GET", headers: shouting)
}

@Test func serverRejectsMissingKeyWith400() {
  #expect(throws: WebSocketError.invalidKey) {
    try WebSocketHandshake.serverAccept(
      method: "GET", headers: headers(without: "Sec-WebSocket-Key"))
  }
  #expect(WebSocketError.invalidKey.httpStatus == 400)
  #expect(WebSocketError.invalidKey.errorCode == "bad_request")
}

@Test func serverRejectsKeyThatIsNotSixteenBytes() {
  #expect(throws: WebSocketError.invalidKey) {
    try WebSocketHandshake.serverAccept(
      method: "GET", headers: headers(replacing: "Sec-WebSocket-Key", with: "c2hvcnQ="))
  }
}

@Test func serverRejectsWrongVersionWith426AdvertisingThirteen() {
  #expect(throws: WebSocketError.unsupportedVersion("8")) {
    try WebSocketHandshake.serverAccept(
      method: "GET", headers: headers(replacing: "Sec-WebSocket-Version", with: "8"))
  }
  let error = WebSocketError.unsupportedVersion("8")
  #expect(error.httpStatus == 426)
  #expect(error.httpHeaders.map { "\($0.0): \($0.1)" } == ["Sec-WebSocket-Version: 13"])
}

@Test func serverRejectsMethodOtherThanGet() {
  #expect(throws: WebSocketError.methodNotGet("POST")) {
    try WebSocketHandshake.serverAccept(method: "POST", headers: validHeaders)
  }
}

@Test func serverRejectsMissingUpgradeOrConnectionToken() {
  #expect(throws: WebSocketError.missingUpgradeHeader) {
    try WebSocketHandshake.serverAccept(method: "GET", headers: headers(without: "Upgrade"))
  }
  #expect(throws: WebSocketError.missingConnectionUpgrade) {
    try WebSocketHandshake.serverAccept(
      method: "GET", headers: headers(replacing: "Connection", with: "keep-alive"))
  }
}

@Test func serverRejectsOriginTheCallerRefusesWith403() {
  #expect(throws: WebSocketError.forbiddenOrigin("http://example.com")) {
    try WebSocketHandshake.serverAccept(
      method: "GET", headers: validHeaders, isOriginAllowed: { $0 == "http://hall.local" })
  }
  #expect(WebSocketError.forbiddenOrigin(nil).httpStatus == 403)
}
