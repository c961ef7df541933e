/// A 1-bit image for a printer: rows of packed bits, the most significant bit the leftmost dot,
/// 1 for a black dot (the layout of ESC/POS `GS v 0` and of a binary PBM).
public struct QRRaster: Sendable, Equatable {
  public let width: Int
  public let height: Int
  /// `(width + 7) / 8`.
  public var bytesPerRow: Int { (width + 7) / 8 }
  /// `height * bytesPerRow` bytes.
  public let bits: [UInt8]

  /// A binary PBM (P4), for looking at or decoding with `zbarimg`.
  public var pbm: [UInt8] { Array("P4\n\(width) \(height)\n".utf8) + bits }
}

extension QRCode {
  /// Side in modules, quiet zone included.
  public func side(quietZone: Int = QRCode.quietZone) -> Int { size + 2 * quietZone }

  /// The symbol drawn `dotsPerModule` dots per module, quiet zone included.
  public func raster(dotsPerModule: Int, quietZone: Int = QRCode.quietZone) throws(QRCodeError)
    -> QRRaster
  {
    guard (1...32).contains(dotsPerModule) else {
      throw .badSize(name: "dots per module", value: dotsPerModule, allowed: 1...32)
    }
    guard (0...16).contains(quietZone) else {
      throw .badSize(name: "quiet zone", value: quietZone, allowed: 0...16)
    }
    let side = self.side(quietZone: quietZone) * dotsPerModule
    let bytesPerRow = (side + 7) / 8
    var bits = [UInt8](repeating: 0, count: bytesPerRow * side)
    for y in 0..<size {
      var row = [UInt8](repeating: 0, count: bytesPerRow)
      for x in 0..<size where isDark(x: x, y: y) {
        let left = (x + quietZone) * dotsPerModule
        for dot in left..<left + dotsPerModule {
          row[dot >> 3] |= 0x80 >> UInt8(dot & 7)
        }
      }
      let top = (y + quietZone) * dotsPerModule
      for line in top..<top + dotsPerModule {
        bits.replaceSubrange(line * bytesPerRow..<(line + 1) * bytesPerRow, with: row)
      }
    }
    return QRRaster(width: side, height: side, bits: bits)
  }

  /// The largest raster, up to `maxDotsPerModule` dots per module, whose width is at most
  /// `widthDots`; nil when it would take fewer than 2 dots per module (a phone camera reads 4
  /// and up reliably off a thermal receipt, 2–3 only up close).
  public func raster(fitting widthDots: Int, maxDotsPerModule: Int) -> QRRaster? {
    let perModule = min(maxDotsPerModule, widthDots / side())
    guard perModule >= 2 else { return nil }
    return try? raster(dotsPerModule: perModule)
  }
}
