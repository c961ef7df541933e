import CWslay

/// One RFC 6455 connection after the opening handshake, sans I/O: feed it the bytes read from
/// the socket, write what `takeOutput()` returns. wslay does the framing, reassembly,
/// control frames, UTF-8 checks and the close handshake.
///
/// Not `Sendable`: it lives on the event-loop thread with its connection.
public final class WebSocketSession {
  public enum Role: Sendable {
    /// Expects masked frames and sends unmasked ones.
    case server
    /// Masks every frame it sends, with keys from `SystemRandomNumberGenerator`.
    case client
  }

  public let role: Role
  public let maxMessageBytes: Int
  private let bridge: WslayBridge
  /// The wslay context, made on first use and freed again whenever it holds nothing worth
  /// keeping (between whole messages, nothing queued, no close under way): a display that
  /// only receives then costs no wslay memory (about 8.5 KB each) while it idles.
  private var context: OpaquePointer?
  private var boundary = FrameBoundary()
  private var closeRequested = false
  private var finalEventReported = false

  /// - Parameters:
  ///   - maxMessageBytes: a larger message (all fragments together) fails the session
  ///     with 1009 as soon as its frame header announces it.
  ///   - acceptsBinary: when false, a binary message fails the session with 1003.
  public init(role: Role, maxMessageBytes: Int = 65536, acceptsBinary: Bool = false) {
    self.role = role
    self.maxMessageBytes = maxMessageBytes
    bridge = WslayBridge(acceptsBinary: acceptsBinary)
  }

  deinit {
    if let context { wslay_event_context_free(context) }
  }

  /// The context, made now if the session is at rest. A fresh context is in exactly the state
  /// a rested one was freed in: open both ways, between frames, nothing queued.
  private func activeContext() -> OpaquePointer {
    if let context { return context }
    var callbacks = WslayCallbacks.table
    let userData = Unmanaged.passUnretained(bridge).toOpaque()
    var created: OpaquePointer?
    let result =
      switch role {
      case .server: wslay_event_context_server_init(&created, &callbacks, userData)
      case .client: wslay_event_context_client_init(&created, &callbacks, userData)
      }
    // wslay fails here only when malloc does.
    guard result == 0, let created else { fatalError("wslay_event_context_init: out of memory") }
    wslay_event_config_set_max_recv_msg_length(created, UInt64(maxMessageBytes))
    context = created
    return created
  }

  /// Frees the context when nothing in it needs keeping.
  private func restIfIdle() {
    guard let context, !closeRequested, boundary.isAtRest, !bridge.hasInput,
      wslay_event_get_read_enabled(context) != 0, wslay_event_get_write_enabled(context) != 0,
      wslay_event_get_close_sent(context) == 0, wslay_event_get_close_received(context) == 0,
      wslay_event_want_write(context) == 0
    else { return }
    wslay_event_context_free(context)
    self.context = nil
  }

  /// Whether the wslay context currently exists (tests check that idle sessions rest).
  var isHoldingContext: Bool { context != nil }

  // MARK: - State

  /// False once the peer's close frame arrived or the session failed: further input is dropped.
  public var wantsRead: Bool { context.map { wslay_event_want_read($0) != 0 } ?? true }

  /// Bytes are waiting in `takeOutput()`.
  public var hasQueuedOutput: Bool { !bridge.output.isEmpty }

  public var queuedOutputCount: Int { bridge.output.count }

  /// Both close frames have passed, or the session failed and sent its close frame: write the
  /// remaining output, then close the transport.
  public var isClosed: Bool {
    guard let context else { return false }
    return wslay_event_get_read_enabled(context) == 0 && wslay_event_want_write(context) == 0
  }

  /// True when a frame built elsewhere (`WebSocketFrame.serverText`) may be written to the
  /// transport now: the session has no output waiting, so nothing it framed can be overtaken
  /// or split, and it has not sent its close frame, after which RFC 6455 allows no data.
  ///
  /// wslay's own queue is always empty between calls, because every call that queues a frame
  /// also runs `wslay_event_send`, whose send callback takes everything it is given.
  public var canInterleaveRawFrames: Bool {
    bridge.output.isEmpty && (context.map { wslay_event_want_write($0) == 0 } ?? true)
      && isOpenForSending
  }

  private var isOpenForSending: Bool {
    guard !closeRequested else { return false }
    guard let context else { return true }
    return wslay_event_get_close_sent(context) == 0 && wslay_event_get_write_enabled(context) != 0
  }

  // MARK: - Input

  /// Parses `bytes` (any split of the stream) and returns the events they complete. Replies
  /// wslay owes the peer (pongs, close frames) are queued in the output.
  public func receive(_ bytes: [UInt8]) -> [WebSocketEvent] {
    guard wantsRead else { return [] }
    let context = activeContext()
    let violation = boundary.consume(bytes, maxMessageBytes: maxMessageBytes)
    bridge.appendInput(violation.map { Array(bytes[..<$0.offset]) } ?? bytes)
    let closeWasSent = wslay_event_get_close_sent(context) != 0
    let result = wslay_event_recv(context)
    if result != 0 && result != WSLAY_ERR_CALLBACK_FAILURE.rawValue {
      // Out of memory inside wslay: it has stopped reading; say why if it still can.
      _ = wslay_event_queue_close(context, CloseCode.internalError.rawValue, nil, 0)
    }
    flush()
    if result == WSLAY_ERR_CALLBACK_FAILURE.rawValue {
      giveFramingErrorItsCode(context)
    }
    if let violation, wslay_event_get_read_enabled(context) != 0 {
      // wslay has every byte before the refused header; nothing after it is read.
      _ = wslay_event_queue_close(context, violation.code.rawValue, nil, 0)
      wslay_event_shutdown_read(context)
      flush()
    }
    if !wantsRead {
      bridge.discardInput()
      reportFailureIfNeeded(context, closeWasSent: closeWasSent)
    }
    let events = bridge.takeEvents()
    restIfIdle()
    return events
  }

  /// The peer's close (or the failure) has been reported at most once; this reports a
  /// failure when the session stopped reading without a close from the peer.
  private func reportFailureIfNeeded(_ context: OpaquePointer, closeWasSent: Bool) {
    guard !finalEventReported else { return }
    finalEventReported = true
    if bridge.sawPeerClose { return }
    if closeWasSent || closeRequested {
      // Our close was already out; whatever ended reading came from a peer that broke the rules.
      bridge.append(.failed(.protocolError))
      return
    }
    let sent = wslay_event_get_status_code_sent(context)
    bridge.append(.failed(CloseCode(rawValue: sent) ?? .protocolError))
  }

  /// wslay answers a malformed frame header (a fragmented or oversized control frame, a
  /// non-minimal length) with a close frame that has no status code. PROTOCOL.md promises
  /// 1002, so the empty close, which is the last thing wslay just wrote, is rewritten.
  private func giveFramingErrorItsCode(_ context: OpaquePointer) {
    guard wslay_event_get_status_code_sent(context) == WSLAY_CODE_NO_STATUS_RCVD.rawValue,
      wslay_event_get_close_received(context) == 0
    else { return }
    let output = bridge.output
    let code = CloseCode.protocolError.rawValue
    let codeBytes: [UInt8] = [UInt8(code >> 8), UInt8(code & 0xFF)]
    switch role {
    case .server:
      guard output.suffix(2) == [0x88, 0x00] else { return }
      bridge.replaceOutputTail(count: 2, with: [0x88, 0x02] + codeBytes)
    case .client:
      guard output.count >= 6, output[output.count - 6] == 0x88, output[output.count - 5] == 0x80
      else { return }
      let mask = Array(output.suffix(4))
      bridge.replaceOutputTail(
        count: 6, with: [0x88, 0x82] + mask + [codeBytes[0] ^ mask[0], codeBytes[1] ^ mask[1]])
    }
  }

  // MARK: - Output

  /// Queues one text message (a single frame).
  public func sendText(_ text: String) throws(WebSocketError) {
    try send(opcode: UInt8(WSLAY_TEXT_FRAME.rawValue), payload: Array(text.utf8))
  }

  /// Queues one binary message (a single frame).
  public func sendBinary(_ bytes: [UInt8]) throws(WebSocketError) {
    try send(opcode: UInt8(WSLAY_BINARY_FRAME.rawValue), payload: bytes)
  }

  /// Queues a ping; its payload (at most 125 bytes) comes back in the peer's pong.
  public func sendPing(_ payload: [UInt8] = []) throws(WebSocketError) {
    try send(opcode: UInt8(WSLAY_PING.rawValue), payload: Array(payload.prefix(125)))
  }

  /// Starts the close handshake. The session keeps reading until the peer's close arrives
  /// (reported as `.closed`); a second call does nothing.
  public func close(code: CloseCode, reason: String = "") {
    guard isOpenForSending else { return }
    closeRequested = true
    let context = activeContext()
    let reasonBytes = Self.truncatedUTF8(reason, maxBytes: 123)
    _ = reasonBytes.withUnsafeBufferPointer {
      wslay_event_queue_close(context, code.rawValue, $0.baseAddress, $0.count)
    }
    flush()
  }

  /// Appends a whole frame built elsewhere (encode once, send many) to the output, behind
  /// everything the session framed itself. Returns false, appending nothing, once the
  /// session's close frame is queued. Server sessions only: the frame is sent as is, unmasked.
  @discardableResult
  public func enqueueRawFrame(_ frame: [UInt8]) -> Bool {
    precondition(role == .server, "a client must mask its frames; use sendText")
    guard isOpenForSending else { return false }
    bridge.appendOutput(frame)
    return true
  }

  /// The bytes to write to the transport, in order; the session forgets them.
  public func takeOutput() -> [UInt8] {
    bridge.takeOutput()
  }

  private func send(opcode: UInt8, payload: [UInt8]) throws(WebSocketError) {
    guard isOpenForSending else { throw .notOpen }
    let context = activeContext()
    let result = payload.withUnsafeBufferPointer { buffer in
      var message = wslay_event_msg(
        opcode: opcode, msg: buffer.baseAddress, msg_length: buffer.count)
      return wslay_event_queue_msg(context, &message)
    }
    guard result == 0 else { throw .notOpen }
    flush()
    restIfIdle()
  }

  /// Moves everything wslay has queued into the output buffer. The send callback never
  /// refuses, so this leaves wslay's queue empty.
  private func flush() {
    if let context { _ = wslay_event_send(context) }
  }

  /// At most `maxBytes` of `text`'s UTF-8, cut at a character boundary.
  static func truncatedUTF8(_ text: String, maxBytes: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for scalar in text.unicodeScalars {
      let encoded = Array(String(scalar).utf8)
      guard bytes.count + encoded.count <= maxBytes else { break }
      bytes.append(contentsOf: encoded)
    }
    return bytes
  }
}
