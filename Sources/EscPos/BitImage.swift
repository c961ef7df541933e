/// A 1-bit picture for `GS v 0`: rows of packed bits, the most significant bit the leftmost
/// dot, 1 for black. The encoder takes it as data; who draws it (a QR code, a logo) is the
/// caller's business, so this module needs no image or QR library.
public struct BitImage: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public let bits: [UInt8]

  public var bytesPerRow: Int { (width + 7) / 8 }

  /// Refuses a size no receipt printer takes (wider than 2040 dots, taller than 4095 rows) or
  /// bits that do not match it.
  public init(width: Int, height: Int, bits: [UInt8]) throws(EscPosError) {
    guard (1...2040).contains(width) else {
      throw .parameterOutOfRange(name: "image width", value: width, allowed: 1...2040)
    }
    guard (1...4095).contains(height) else {
      throw .parameterOutOfRange(name: "image height", value: height, allowed: 1...4095)
    }
    let expected = (width + 7) / 8 * height
    guard bits.count == expected else {
      throw .parameterOutOfRange(
        name: "image bytes", value: bits.count, allowed: expected...expected)
    }
    self.width = width
    self.height = height
    self.bits = bits
  }

  /// The same picture in the middle of a `width`-dot row: printers that ignore `ESC a` for
  /// images (many 58 mm clones) still print it centred.
  public func centred(in width: Int) throws(EscPosError) -> BitImage {
    guard width > self.width else { return self }
    let left = (width - self.width) / 2
    let outRow = (width + 7) / 8
    var out = [UInt8](repeating: 0, count: outRow * height)
    for y in 0..<height {
      for x in 0..<self.width where bits[y * bytesPerRow + x >> 3] & (0x80 >> UInt8(x & 7)) != 0 {
        let dot = x + left
        out[y * outRow + dot >> 3] |= 0x80 >> UInt8(dot & 7)
      }
    }
    return try BitImage(width: width, height: height, bits: out)
  }
}
