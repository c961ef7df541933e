/// Follows the peer's byte stream only far enough to know whether it stands between frames
/// and outside a fragmented message: the moment wslay holds no state worth keeping, so a
/// session may free its context (about 8.5 KB) until the peer sends again. wslay still parses
/// and checks every byte; this only counts lengths, exactly as RFC 6455 §5.2 lays them out.
///
/// Because it sees each frame header whole, it is also where a frame is refused on its header
/// alone, before wslay waits for a payload that may never come: a data message announced over
/// the size limit (1009), and a close frame with a one-byte payload, half a status code, which
/// wslay would take for a close without one (1002).
struct FrameBoundary {
  struct Violation: Equatable {
    /// The offset in the consumed bytes just after the offending header.
    var offset: Int
    var code: CloseCode
  }

  private var header: [UInt8] = []
  private var payloadLeft: UInt64 = 0
  private var inFragmentedMessage = false
  /// Payload bytes announced so far for the current data message.
  private var messageBytes: UInt64 = 0

  /// True between frames, with no fragmented data message open.
  var isAtRest: Bool { header.isEmpty && payloadLeft == 0 && !inFragmentedMessage }

  /// Follows `bytes`; returns the first frame header to refuse, if any. With no limit given,
  /// message sizes are not checked.
  @discardableResult
  mutating func consume(_ bytes: [UInt8], maxMessageBytes: Int = .max) -> Violation? {
    var index = 0
    while index < bytes.count {
      if payloadLeft > 0 {
        let take = min(UInt64(bytes.count - index), payloadLeft)
        payloadLeft -= take
        index += Int(take)
        continue
      }
      header.append(bytes[index])
      index += 1
      guard let (headerLength, payload) = Self.lengths(header), header.count == headerLength
      else { continue }
      let fin = header[0] & 0x80 != 0
      let opcode = header[0] & 0x0F
      // Control frames (8–15) may come between fragments and never fragment themselves.
      if opcode < 8 {
        messageBytes = opcode == 0 ? messageBytes &+ payload : payload
        inFragmentedMessage = !fin
      }
      header.removeAll(keepingCapacity: false)
      payloadLeft = payload
      if opcode < 8, payload > UInt64(maxMessageBytes) || messageBytes > UInt64(maxMessageBytes) {
        return Violation(offset: index, code: .messageTooBig)
      }
      if opcode == 8, payload == 1 {
        return Violation(offset: index, code: .protocolError)
      }
    }
    return nil
  }

  /// The whole header's length and the payload's, once enough of the header is known.
  private static func lengths(_ header: [UInt8]) -> (Int, UInt64)? {
    guard header.count >= 2 else { return nil }
    let masked = header[1] & 0x80 != 0
    let short = header[1] & 0x7F
    let extended = short == 126 ? 2 : short == 127 ? 8 : 0
    let total = 2 + extended + (masked ? 4 : 0)
    guard header.count >= 2 + extended else { return nil }
    var payload = UInt64(short)
    if extended > 0 {
      payload = 0
      for byte in header[2..<(2 + extended)] { payload = payload << 8 | UInt64(byte) }
    }
    return (total, payload)
  }
}
