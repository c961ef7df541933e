/// Frames built outside any session, for encode-once fan-out (DESIGN.md rule 4).
///
/// The server frames a feed event once and appends the same bytes to every subscriber's
/// socket. That is safe alongside a `WebSocketSession` only between whole frames: check
/// `session.canInterleaveRawFrames` (or use `session.enqueueRawFrame(_:)`), and write the
/// session's `takeOutput()` before the raw frame so the order is kept.
public enum WebSocketFrame {
  /// One unmasked, final text frame, as a server sends it.
  public static func serverText(_ utf8: [UInt8]) -> [UInt8] {
    var frame: [UInt8] = []
    frame.reserveCapacity(utf8.count + 10)
    frame.append(0x81)
    appendLength(UInt64(utf8.count), to: &frame)
    frame.append(contentsOf: utf8)
    return frame
  }

  public static func serverText(_ text: String) -> [UInt8] {
    serverText(Array(text.utf8))
  }

  /// The shortest of RFC 6455's three length forms (§5.2), with the mask bit clear.
  static func appendLength(_ length: UInt64, to frame: inout [UInt8]) {
    if length < 126 {
      frame.append(UInt8(length))
    } else if length <= 0xFFFF {
      frame.append(126)
      frame.append(UInt8(truncatingIfNeeded: length >> 8))
      frame.append(UInt8(truncatingIfNeeded: length))
    } else {
      frame.append(127)
      for shift in stride(from: 56, through: 0, by: -8) {
        frame.append(UInt8(truncatingIfNeeded: length >> UInt64(shift)))
      }
    }
  }
}
