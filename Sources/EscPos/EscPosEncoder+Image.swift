extension EscPosEncoder {
  /// Rows a single `GS v 0` carries here: small enough for the receive buffer of cheap 58 mm
  /// printers, which drop the rest of a larger image.
  public static let rasterBandRows = 240

  /// `GS v 0 m xL xH yL yH d…` in normal density, in bands of at most `rasterBandRows` rows
  /// printed one under the other with no gap. Every ESC/POS printer with graphics has this
  /// command, unlike `GS ( k`.
  public consuming func rasterImage(_ image: BitImage) -> Self {
    let row = image.bytesPerRow
    var top = 0
    while top < image.height {
      let rows = min(Self.rasterBandRows, image.height - top)
      bytes += [
        EscPosBytes.GS, EscPosBytes.SMALL_V, 0x30, 0,
        UInt8(row & 0xFF), UInt8(row >> 8), UInt8(rows & 0xFF), UInt8(rows >> 8),
      ]
      bytes += image.bits[top * row..<(top + rows) * row]
      top += rows
    }
    return self
  }
}
