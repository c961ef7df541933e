import Testing

@testable import WebSocket

@Test func maskedHelloFromRFC6455YieldsText() {
  let session = WebSocketSession(role: .server)
  let events = session.receive([0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58])
  #expect(events == [.text("Hello")])
  #expect(!session.hasQueuedOutput)
}

@Test func textSplitAcrossReadsIsReassembled() {
  let session = WebSocketSession(role: .server)
  let bytes: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
  var events: [WebSocketEvent] = []
  for byte in bytes { events += session.receive([byte]) }
  #expect(events == [.text("Hello")])
}

@Test func fragmentedMessageIsReassembled() {
  // RFC 6455 §5.7's "Hel" + "lo", masked as a client must send them.
  let session = WebSocketSession(role: .server)
  let first = clientFrame(opcode: 0x1, payload: Array("Hel".utf8), fin: false)
  let second = clientFrame(opcode: 0x0, payload: Array("lo".utf8))
  #expect(session.receive(first) == [])
  #expect(session.receive(second) == [.text("Hello")])
}

@Test func pingBetweenFragmentsIsAnsweredAndMessageStillArrives() {
  let session = WebSocketSession(role: .server)
  let bytes =
    clientFrame(opcode: 0x1, payload: Array("Hel".utf8), fin: false)
    + clientFrame(opcode: 0x9, payload: [1, 2])
    + clientFrame(opcode: 0x0, payload: Array("lo".utf8))
  #expect(session.receive(bytes) == [.ping([1, 2]), .text("Hello")])
  #expect(parseFrames(session.takeOutput()) == [Frame(fin: true, opcode: 0xA, payload: [1, 2])])
}

@Test func pingGetsPongWithSamePayload() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x9, payload: Array("Hello".utf8)))
  #expect(events == [.ping(Array("Hello".utf8))])
  // RFC 6455 §5.7: an unmasked pong carrying "Hello".
  #expect(session.takeOutput() == [0x8A, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
}

@Test func closeFrameGetsCloseReplyAndClosedEvent() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x8, payload: [0x03, 0xE8] + Array("bye".utf8)))
  #expect(events == [.closed(code: 1000, reason: "bye")])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1000])
  #expect(session.isClosed)
  #expect(!session.wantsRead)
  #expect(session.receive(clientText("late")) == [])
}

@Test func emptyCloseFrameIsEchoedWithoutCode() {
  let session = WebSocketSession(role: .server)
  #expect(
    session.receive(clientFrame(opcode: 0x8, payload: [])) == [.closed(code: nil, reason: "")])
  #expect(session.takeOutput() == [0x88, 0x00])
}

@Test func binaryMessageClosesWith1003() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x2, payload: [1, 2, 3]) + clientText("after"))
  #expect(events == [.failed(.unsupportedData)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1003])
  #expect(session.isClosed)
}

@Test func binaryMessageIsDeliveredWhenAccepted() {
  let session = WebSocketSession(role: .server, acceptsBinary: true)
  #expect(session.receive(clientFrame(opcode: 0x2, payload: [1, 2, 3])) == [.binary([1, 2, 3])])
}

@Test func invalidUTF8TextClosesWith1007() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x1, payload: [0x48, 0xC3, 0x28]))
  #expect(events == [.failed(.invalidPayload)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1007])
}

@Test func invalidUTF8SplitAcrossFragmentsClosesWith1007() {
  let session = WebSocketSession(role: .server)
  _ = session.receive(clientFrame(opcode: 0x1, payload: [0x48, 0xE2, 0x82], fin: false))
  let events = session.receive(clientFrame(opcode: 0x0, payload: [0x41]))
  #expect(events == [.failed(.invalidPayload)])
}

@Test func overLimitMessageClosesWith1009OnItsFirstPayloadByte() {
  let session = WebSocketSession(role: .server, maxMessageBytes: 65536)
  let frame = clientFrame(opcode: 0x1, payload: [UInt8](repeating: 0x61, count: 65537))
  // 2 + 8 length bytes + 4 mask bytes, then one byte of payload.
  #expect(session.receive(Array(frame.prefix(15))) == [.failed(.messageTooBig)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1009])
}

@Test func overLimitFragmentedMessageClosesWith1009() {
  let session = WebSocketSession(role: .server, maxMessageBytes: 10)
  let bytes =
    clientFrame(opcode: 0x1, payload: Array("123456".utf8), fin: false)
    + clientFrame(opcode: 0x0, payload: Array("7890x".utf8))
  #expect(session.receive(bytes) == [.failed(.messageTooBig)])
}

@Test func messageOfExactlyTheLimitIsAccepted() {
  let session = WebSocketSession(role: .server, maxMessageBytes: 65536)
  let text = String(repeating: "a", count: 65536)
  #expect(session.receive(clientText(text)) == [.text(text)])
}

@Test func unmaskedFrameFromClientClosesWith1002() {
  let session = WebSocketSession(role: .server)
  let events = session.receive([0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
  #expect(events == [.failed(.protocolError)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1002])
}

@Test func oversizedPingClosesWith1002() {
  // A control frame over 125 bytes is refused by wslay's frame parser itself.
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x9, payload: [UInt8](repeating: 0, count: 126)))
  #expect(events == [.failed(.protocolError)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1002])
  #expect(session.isClosed)
}

@Test func continuationWithoutStartClosesWith1002() {
  let session = WebSocketSession(role: .server)
  #expect(session.receive(clientFrame(opcode: 0x0, payload: [0x41])) == [.failed(.protocolError)])
}

@Test func reservedBitsCloseWith1002() {
  let session = WebSocketSession(role: .server)
  var frame = clientText("x")
  frame[0] |= 0x40
  #expect(session.receive(frame) == [.failed(.protocolError)])
}

@Test func closeWithInvalidCodeIsAProtocolError() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x8, payload: [0x03, 0xED]))  // 1005
  #expect(events == [.failed(.protocolError)])
}

@Test func serverInitiatedCloseCompletesWhenPeerAnswers() throws {
  let session = WebSocketSession(role: .server)
  session.close(code: .goingAway, reason: "shutting down")
  let sent = try #require(parseFrames(session.takeOutput()))
  #expect(sent.map(\.closeCode) == [1001])
  #expect(Array(sent[0].payload.dropFirst(2)) == Array("shutting down".utf8))
  #expect(!session.isClosed)
  #expect(throws: WebSocketError.notOpen) { try session.sendText("too late") }
  #expect(!session.enqueueRawFrame(WebSocketFrame.serverText("too late")))

  // Data the peer sent before seeing our close still arrives.
  #expect(session.receive(clientText("in flight")) == [.text("in flight")])
  #expect(
    session.receive(clientFrame(opcode: 0x8, payload: [0x03, 0xE9])) == [
      .closed(code: 1001, reason: "")
    ])
  #expect(session.isClosed)
  #expect(!session.hasQueuedOutput)
}

@Test func closeReasonIsCutToFitAControlFrame() throws {
  let session = WebSocketSession(role: .server)
  session.close(code: .policyViolation, reason: String(repeating: "é", count: 100))
  let frame = try #require(parseFrames(session.takeOutput())?.first)
  #expect(frame.closeCode == 1008)
  #expect(frame.payload.count == 2 + 122)
}

@Test func sendTextProducesUnmaskedFrame() throws {
  let session = WebSocketSession(role: .server)
  try session.sendText("Hello")
  #expect(session.takeOutput() == [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F])
}

@Test func rawFramesInterleaveOnlyBetweenWholeFrames() throws {
  let session = WebSocketSession(role: .server)
  #expect(session.canInterleaveRawFrames)
  try session.sendText("a")
  #expect(!session.canInterleaveRawFrames)
  #expect(session.enqueueRawFrame(WebSocketFrame.serverText("b")))
  let frames = try #require(parseFrames(session.takeOutput()))
  #expect(frames.map(\.payload) == [[0x61], [0x62]])
  #expect(session.canInterleaveRawFrames)
  session.close(code: .normalClosure)
  _ = session.takeOutput()
  #expect(!session.canInterleaveRawFrames)
}

@Test func overLimitMessageClosesWith1009OnItsHeaderAlone() {
  let session = WebSocketSession(role: .server, maxMessageBytes: 65536)
  let frame = clientFrame(opcode: 0x1, payload: [UInt8](repeating: 0x61, count: 65537))
  // 2 + 8 length bytes + 4 mask bytes: the header, and no payload yet.
  #expect(session.receive(Array(frame.prefix(14))) == [.failed(.messageTooBig)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1009])
  #expect(session.isClosed)
}

@Test func framesBeforeAnOverLimitHeaderAreStillDelivered() {
  let session = WebSocketSession(role: .server, maxMessageBytes: 16)
  let big = clientFrame(opcode: 0x1, payload: [UInt8](repeating: 0x61, count: 17))
  let events = session.receive(clientText("first") + Array(big.prefix(6)))
  #expect(events == [.text("first"), .failed(.messageTooBig)])
}

@Test func closeFrameWithAOneBytePayloadGets1002() {
  let session = WebSocketSession(role: .server)
  let events = session.receive(clientFrame(opcode: 0x8, payload: [0x03]))
  #expect(events == [.failed(.protocolError)])
  #expect(parseFrames(session.takeOutput())?.map(\.closeCode) == [1002])
}

@Test func binaryMessagesCanBeSent() throws {
  let session = WebSocketSession(role: .server, acceptsBinary: true)
  try session.sendBinary([1, 2, 3])
  #expect(session.takeOutput() == [0x82, 0x03, 1, 2, 3])
}
