import Testing

@testable import WebSocket

private let sampleKey = "dGhlIHNhbXBsZSBub25jZQ=="

private func response(accept: String = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=") -> [UInt8] {
  Array(
    ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
      + "Sec-WebSocket-Accept: \(accept)\r\n\r\n").utf8)
}

@Test func clientRequestCarriesTheUpgradeHeaders() {
  let handshake = ClientHandshake(
    host: "127.0.0.1:8080", path: "/ws?since=3", origin: "http://127.0.0.1:8080", key: sampleKey)
  #expect(
    String(decoding: handshake.requestBytes, as: UTF8.self)
      == "GET /ws?since=3 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUpgrade: websocket\r\n"
      + "Connection: Upgrade\r\nSec-WebSocket-Key: \(sampleKey)\r\n"
      + "Sec-WebSocket-Version: 13\r\nOrigin: http://127.0.0.1:8080\r\n\r\n")
}

@Test func clientRandomKeysAreSixteenBytesAndDiffer() {
  let a = ClientHandshake.randomKey()
  #expect(WebSocketHandshake.isValidKey(a))
  #expect(a != ClientHandshake.randomKey())
}

@Test func clientAcceptsMatchingResponseAndKeepsLeftover() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  let firstFrame: [UInt8] = [0x81, 0x02, 0x68, 0x69]
  #expect(handshake.receive(response() + firstFrame) == .accepted(leftover: firstFrame))
}

@Test func clientWaitsForTheWholeHeadByteByByte() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  let bytes = response()
  for byte in bytes.dropLast() {
    #expect(handshake.receive([byte]) == .needMore)
  }
  #expect(handshake.receive([bytes.last!]) == .accepted(leftover: []))
}

@Test func clientRejectsWrongAcceptValue() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  #expect(
    handshake.receive(response(accept: "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")) == .rejected(.badAccept))
}

@Test func clientReportsRefusalStatus() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  let refusal = Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".utf8)
  #expect(handshake.receive(refusal) == .rejected(.unexpectedStatus(403, reason: "Forbidden")))
}

@Test func clientRefusesHeadOverEightKiB() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  let endless =
    Array("HTTP/1.1 101 Switching Protocols\r\nX-Pad: ".utf8)
    + [UInt8](repeating: 0x61, count: 9000)
  #expect(handshake.receive(endless) == .rejected(.responseTooLarge))
}

@Test func clientRejectsGarbage() {
  var handshake = ClientHandshake(host: "h", path: "/ws", key: sampleKey)
  #expect(handshake.receive(Array("SSH-2.0-OpenSSH\r\n\r\n".utf8)) == .rejected(.malformedResponse))
}
