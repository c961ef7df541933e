@testable import WebSocket

/// A client-side frame as a browser would send it: masked with `mask`.
func clientFrame(
  opcode: UInt8, payload: [UInt8], fin: Bool = true, mask: [UInt8] = [0x37, 0xFA, 0x21, 0x3D],
  masked: Bool = true
) -> [UInt8] {
  var frame: [UInt8] = [(fin ? 0x80 : 0) | opcode]
  var lengthBytes: [UInt8] = []
  WebSocketFrame.appendLength(UInt64(payload.count), to: &lengthBytes)
  if masked { lengthBytes[0] |= 0x80 }
  frame += lengthBytes
  guard masked else { return frame + payload }
  frame += mask
  frame += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
  return frame
}

func clientText(_ text: String, fin: Bool = true) -> [UInt8] {
  clientFrame(opcode: 0x1, payload: Array(text.utf8), fin: fin)
}

struct Frame: Equatable {
  var fin: Bool
  var opcode: UInt8
  var payload: [UInt8]

  /// The status code of a close frame, if it has one.
  var closeCode: UInt16? {
    guard opcode == 0x8, payload.count >= 2 else { return nil }
    return UInt16(payload[0]) << 8 | UInt16(payload[1])
  }
}

/// Splits a byte stream into frames, unmasking as needed; nil when it ends mid-frame.
func parseFrames(_ bytes: [UInt8]) -> [Frame]? {
  var frames: [Frame] = []
  var i = 0
  while i < bytes.count {
    guard i + 2 <= bytes.count else { return nil }
    let fin = bytes[i] & 0x80 != 0
    let opcode = bytes[i] & 0x0F
    let masked = bytes[i + 1] & 0x80 != 0
    var length = UInt64(bytes[i + 1] & 0x7F)
    i += 2
    let extra = length == 126 ? 2 : length == 127 ? 8 : 0
    if extra > 0 {
      guard i + extra <= bytes.count else { return nil }
      length = bytes[i..<(i + extra)].reduce(0) { $0 << 8 | UInt64($1) }
      i += extra
    }
    var mask: [UInt8] = [0, 0, 0, 0]
    if masked {
      guard i + 4 <= bytes.count else { return nil }
      mask = Array(bytes[i..<(i + 4)])
      i += 4
    }
    guard i + Int(length) <= bytes.count else { return nil }
    let payload = bytes[i..<(i + Int(length))].enumerated().map { $0.element ^ mask[$0.offset % 4] }
    i += Int(length)
    frames.append(Frame(fin: fin, opcode: opcode, payload: payload))
  }
  return frames
}
