/// A key press decoded from the bytes a terminal sends in raw mode.
public enum Key: Equatable, Sendable {
  case character(Character)
  case space, enter, tab, backspace, escape
  case up, down, left, right
  case ctrlC, ctrlD
  /// Any other control byte or escape sequence, kept so it can be ignored knowingly.
  case unknown([UInt8])
}

/// Turns the bytes read from a raw-mode terminal into keys. Input may arrive split at any
/// byte, so an incomplete UTF-8 character or escape sequence waits for the next read.
public struct KeyDecoder: Sendable {
  private var pending: [UInt8] = []

  public init() {}

  /// The keys completed by `bytes`. A lone ESC at the end of a read is the Escape key:
  /// terminals send a whole sequence in one write, so a sequence split there is rare.
  public mutating func decode(_ bytes: [UInt8]) -> [Key] {
    pending += bytes
    var keys: [Key] = []
    var i = 0
    while i < pending.count {
      guard let (key, length) = Self.key(at: i, in: pending) else { break }
      keys.append(key)
      i += length
    }
    pending.removeFirst(i)
    return keys
  }

  /// Decodes all of `bytes` at once; anything incomplete at the end is dropped.
  public static func keys(in bytes: [UInt8]) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.decode(bytes)
  }

  /// The key at `i` and how many bytes it took, or nil when more bytes are needed.
  private static func key(at i: Int, in b: [UInt8]) -> (Key, Int)? {
    let byte = b[i]
    switch byte {
    case 0x03: return (.ctrlC, 1)
    case 0x04: return (.ctrlD, 1)
    case 0x09: return (.tab, 1)
    case 0x0D, 0x0A: return (.enter, 1)
    case 0x7F, 0x08: return (.backspace, 1)
    case 0x20: return (.space, 1)
    case 0x1B: return escape(at: i, in: b)
    case 0x00..<0x20: return (.unknown([byte]), 1)
    case 0x21..<0x7F: return (.character(Character(Unicode.Scalar(byte))), 1)
    default: return utf8(at: i, in: b)
    }
  }

  private static func escape(at i: Int, in b: [UInt8]) -> (Key, Int)? {
    guard i + 1 < b.count else { return (.escape, 1) }
    let next = b[i + 1]
    guard next == UInt8(ascii: "[") || next == UInt8(ascii: "O") else {
      // ESC followed by an ordinary key: Escape, then that key.
      return (.escape, 1)
    }
    // CSI: parameters and intermediates up to a final byte in 0x40...0x7E; SS3: one byte.
    var j = i + 2
    if next == UInt8(ascii: "[") {
      while j < b.count, (0x20...0x3F).contains(b[j]) { j += 1 }
    }
    guard j < b.count else { return nil }
    let sequence = Array(b[i...j])
    let key: Key
    switch b[j] {
    case UInt8(ascii: "A"): key = .up
    case UInt8(ascii: "B"): key = .down
    case UInt8(ascii: "C"): key = .right
    case UInt8(ascii: "D"): key = .left
    default: key = .unknown(sequence)
    }
    return (key, sequence.count)
  }

  private static func utf8(at i: Int, in b: [UInt8]) -> (Key, Int)? {
    let lead = b[i]
    let length: Int
    switch lead {
    case 0xC2...0xDF: length = 2
    case 0xE0...0xEF: length = 3
    case 0xF0...0xF4: length = 4
    default: return (.unknown([lead]), 1)
    }
    guard i + length <= b.count else { return nil }
    let slice = Array(b[i..<(i + length)])
    guard slice.dropFirst().allSatisfy({ $0 & 0xC0 == 0x80 }),
      let character = String(validating: slice, as: UTF8.self)?.first
    else { return (.unknown([lead]), 1) }
    return (.character(character), length)
  }
}
