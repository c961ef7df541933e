import CWslay

/// The state wslay's callbacks reach through `user_data`: the bytes received but not yet
/// parsed, the bytes framed but not yet taken, and the events collected during one call.
///
/// It is separate from `WebSocketSession` so that it exists before the wslay context that
/// points at it, and outlives it.
final class WslayBridge {
  let acceptsBinary: Bool
  private var input: [UInt8] = []
  private var inputOffset = 0
  private(set) var output: [UInt8] = []
  private(set) var events: [WebSocketEvent] = []
  private(set) var sawPeerClose = false
  private var generator = SystemRandomNumberGenerator()

  init(acceptsBinary: Bool) {
    self.acceptsBinary = acceptsBinary
  }

  var hasInput: Bool { inputOffset < input.count }

  func appendInput(_ bytes: [UInt8]) {
    if inputOffset == input.count {
      input = bytes
      inputOffset = 0
    } else {
      input.append(contentsOf: bytes)
    }
  }

  func discardInput() {
    input = []
    inputOffset = 0
  }

  func takeOutput() -> [UInt8] {
    defer { output = [] }
    return output
  }

  func appendOutput(_ bytes: [UInt8]) {
    output.append(contentsOf: bytes)
  }

  func replaceOutputTail(count: Int, with bytes: [UInt8]) {
    output.replaceSubrange((output.count - count)..., with: bytes)
  }

  func takeEvents() -> [WebSocketEvent] {
    defer { events = [] }
    return events
  }

  func append(_ event: WebSocketEvent) {
    events.append(event)
  }

  // MARK: - Called from the trampolines in WslayCallbacks.swift

  /// Copies up to `capacity` unread bytes into wslay's buffer; 0 means nothing is left.
  func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) -> Int {
    let count = min(capacity, input.count - inputOffset)
    guard count > 0 else { return 0 }
    input.withUnsafeBufferPointer { source in
      buffer.update(from: source.baseAddress! + inputOffset, count: count)
    }
    inputOffset += count
    if inputOffset == input.count { discardInput() }
    return count
  }

  /// Always takes everything, so wslay never holds a partly sent frame between calls.
  func write(_ data: UnsafePointer<UInt8>, count: Int) -> Int {
    output.append(contentsOf: UnsafeBufferPointer(start: data, count: count))
    return count
  }

  func fillMask(_ buffer: UnsafeMutablePointer<UInt8>, count: Int) {
    for i in 0..<count { buffer[i] = UInt8.random(in: .min ... .max, using: &generator) }
  }

  func messageReceived(
    context: OpaquePointer, opcode: UInt8, payload: UnsafeBufferPointer<UInt8>, statusCode: UInt16
  ) {
    switch UInt32(opcode) {
    case WSLAY_TEXT_FRAME.rawValue:
      // wslay has already checked the UTF-8 and failed the session with 1007 otherwise.
      events.append(.text(String(decoding: payload, as: UTF8.self)))
    case WSLAY_BINARY_FRAME.rawValue:
      if acceptsBinary {
        events.append(.binary(Array(payload)))
      } else {
        _ = wslay_event_queue_close(context, CloseCode.unsupportedData.rawValue, nil, 0)
        wslay_event_shutdown_read(context)
      }
    case WSLAY_PING.rawValue:
      events.append(.ping(Array(payload)))
    case WSLAY_PONG.rawValue:
      events.append(.pong(Array(payload)))
    case WSLAY_CONNECTION_CLOSE.rawValue:
      sawPeerClose = true
      let reason = payload.count > 2 ? String(decoding: payload[2...], as: UTF8.self) : ""
      events.append(.closed(code: statusCode == 0 ? nil : statusCode, reason: reason))
    default:
      break
    }
  }
}
