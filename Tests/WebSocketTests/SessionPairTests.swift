import Testing

@testable import WebSocket

/// A server and a client session wired back to back, the way two sockets would be.
private struct Pair {
  let server: WebSocketSession
  let client: WebSocketSession

  init(maxMessageBytes: Int = 65536) {
    server = WebSocketSession(role: .server, maxMessageBytes: maxMessageBytes)
    client = WebSocketSession(role: .client, maxMessageBytes: maxMessageBytes)
  }

  func serverReceivesFromClient() -> [WebSocketEvent] { server.receive(client.takeOutput()) }
  func clientReceivesFromServer() -> [WebSocketEvent] { client.receive(server.takeOutput()) }
}

@Test func clientFramesAreMaskedAndServerFramesAreNot() throws {
  let pair = Pair()
  try pair.client.sendText("hi")
  let clientBytes = pair.client.takeOutput()
  #expect(clientBytes[1] & 0x80 != 0)
  #expect(pair.server.receive(clientBytes) == [.text("hi")])
  try pair.server.sendText("hi")
  let serverBytes = pair.server.takeOutput()
  #expect(serverBytes[1] & 0x80 == 0)
  #expect(pair.client.receive(serverBytes) == [.text("hi")])
}

@Test func sessionsExchangeLargeMessagesBothWays() throws {
  let pair = Pair(maxMessageBytes: 1 << 20)
  let big = String(repeating: "antrean ", count: 12_800)  // 100 KiB
  try pair.client.sendText(big)
  #expect(pair.serverReceivesFromClient() == [.text(big)])
  try pair.server.sendText(big + "!")
  #expect(pair.clientReceivesFromServer() == [.text(big + "!")])
}

@Test func largeMessageFedInSmallPiecesArrivesOnce() throws {
  let pair = Pair(maxMessageBytes: 1 << 20)
  let big = String(repeating: "é", count: 50_000)
  try pair.client.sendText(big)
  let bytes = pair.client.takeOutput()
  var events: [WebSocketEvent] = []
  for start in stride(from: 0, to: bytes.count, by: 1000) {
    events += pair.server.receive(Array(bytes[start..<min(start + 1000, bytes.count)]))
  }
  #expect(events == [.text(big)])
}

@Test func clientRefusesUnmaskedFramesOnlyFromClients() {
  let client = WebSocketSession(role: .client)
  #expect(client.receive(WebSocketFrame.serverText("ok")) == [.text("ok")])
  #expect(client.receive(clientText("masked")) == [.failed(.protocolError)])
  #expect(parseFrames(client.takeOutput())?.map(\.closeCode) == [1002])
}

@Test func clientAnswersServerPing() throws {
  let pair = Pair()
  try pair.server.sendPing([9])
  #expect(pair.clientReceivesFromServer() == [.ping([9])])
  #expect(pair.serverReceivesFromClient() == [.pong([9])])
}

@Test func closeHandshakeCompletesFromEitherSide() {
  let pair = Pair()
  pair.client.close(code: .normalClosure, reason: "done")
  #expect(pair.serverReceivesFromClient() == [.closed(code: 1000, reason: "done")])
  #expect(pair.server.isClosed)
  #expect(pair.clientReceivesFromServer() == [.closed(code: 1000, reason: "done")])
  #expect(pair.client.isClosed)

  let other = Pair()
  other.server.close(code: .goingAway)
  #expect(other.clientReceivesFromServer() == [.closed(code: 1001, reason: "")])
  #expect(other.serverReceivesFromClient() == [.closed(code: 1001, reason: "")])
  #expect(other.server.isClosed && other.client.isClosed)
}

@Test func serverFailureReachesClientAsClose() {
  let pair = Pair(maxMessageBytes: 8)
  try? pair.client.sendText("far too long")
  #expect(pair.serverReceivesFromClient() == [.failed(.messageTooBig)])
  #expect(pair.clientReceivesFromServer() == [.closed(code: 1009, reason: "")])
  #expect(pair.server.isClosed)
}

@Test func serverTextFramesOfEveryLengthFormDecodeOnAClient() {
  for count in [0, 125, 126, 65535, 65536] {
    let client = WebSocketSession(role: .client, maxMessageBytes: 65536)
    let text = String(repeating: "x", count: count)
    let frame = WebSocketFrame.serverText(Array(text.utf8))
    let headerLength = count < 126 ? 2 : count <= 0xFFFF ? 4 : 10
    #expect(frame.count == headerLength + count)
    #expect(client.receive(frame) == [.text(text)], "payload of \(count) bytes")
  }
}

@Test func serverTextFrameMatchesWhatTheSessionWouldSend() throws {
  for count in [3, 200, 70_000] {
    let session = WebSocketSession(role: .server)
    let text = String(repeating: "y", count: count)
    try session.sendText(text)
    #expect(session.takeOutput() == WebSocketFrame.serverText(text))
  }
}
