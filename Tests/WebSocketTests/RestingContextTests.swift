import Testing

@testable import WebSocket

@Test func newSessionHoldsNoWslayContext() {
  let session = WebSocketSession(role: .server)
  #expect(!session.isHoldingContext)
  #expect(session.wantsRead)
  #expect(!session.isClosed)
  #expect(session.canInterleaveRawFrames)
}

@Test func sessionRestsAfterAWholeMessageAndAnsweredPing() throws {
  let session = WebSocketSession(role: .server)
  #expect(session.receive(clientText("hello")) == [.text("hello")])
  #expect(!session.isHoldingContext)
  #expect(session.receive(clientFrame(opcode: 0x9, payload: [1, 2])) == [.ping([1, 2])])
  #expect(!session.isHoldingContext)
  #expect(parseFrames(session.takeOutput()) == [Frame(fin: true, opcode: 0xA, payload: [1, 2])])
  try session.sendPing([7])
  #expect(!session.isHoldingContext)
  #expect(parseFrames(session.takeOutput()) == [Frame(fin: true, opcode: 0x9, payload: [7])])
}

@Test func sessionKeepsItsContextInsideAFrameOrAFragmentedMessage() {
  let session = WebSocketSession(role: .server)
  let frame = clientText("partial")
  #expect(session.receive(Array(frame.prefix(5))) == [])
  #expect(session.isHoldingContext)
  #expect(session.receive(Array(frame.dropFirst(5))) == [.text("partial")])
  #expect(!session.isHoldingContext)

  #expect(session.receive(clientText("Hel", fin: false)) == [])
  #expect(session.isHoldingContext)
  #expect(session.receive(clientFrame(opcode: 0xA, payload: [])) == [.pong([])])
  #expect(session.isHoldingContext)
  #expect(session.receive(clientFrame(opcode: 0x0, payload: Array("lo".utf8))) == [.text("Hello")])
  #expect(!session.isHoldingContext)
}

@Test func headerSplitAfterItsExtendedLengthStillParses() {
  // 126-byte payload: a 16-bit extended length, then the mask, split one byte at a time.
  let session = WebSocketSession(role: .server)
  let text = String(repeating: "a", count: 126)
  var events: [WebSocketEvent] = []
  for byte in clientText(text) { events += session.receive([byte]) }
  #expect(events == [.text(text)])
  #expect(!session.isHoldingContext)
}

@Test func closingSessionKeepsItsContextUntilTheEnd() {
  let session = WebSocketSession(role: .server)
  session.close(code: .goingAway, reason: "bye")
  #expect(session.isHoldingContext)
  #expect(!session.canInterleaveRawFrames)
  let echo = clientFrame(opcode: 0x8, payload: [0x03, 0xE9])
  #expect(session.receive(echo) == [.closed(code: 1001, reason: "")])
  #expect(session.isClosed)
}

@Test func protocolErrorAfterRestingIsStillReported() {
  let session = WebSocketSession(role: .server)
  #expect(session.receive(clientText("ok")) == [.text("ok")])
  #expect(!session.isHoldingContext)
  // An unmasked client frame is a protocol error (RFC 6455 §5.1).
  let events = session.receive(clientFrame(opcode: 0x1, payload: [0x61], masked: false))
  #expect(events == [.failed(.protocolError)])
  #expect(session.isHoldingContext)
}
