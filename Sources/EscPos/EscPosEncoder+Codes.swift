import QRCode

extension EscPosEncoder {
  /// A QR code (model 2) of `data`'s UTF-8 bytes, through the `GS ( k` functions 165 (model),
  /// 167 (module size in dots, 1...16), 169 (error correction), 180 (store) and 181 (print).
  public consuming func qrCode(
    _ data: String, moduleSize: Int = 6, errorCorrection: QRCode.Correction = .medium
  ) throws(EscPosError) -> Self {
    let payload = Array(data.utf8)
    guard !payload.isEmpty else { throw .qrDataEmpty }
    guard payload.count <= errorCorrection.byteCapacity else {
      throw .qrDataTooLong(count: payload.count, limit: errorCorrection.byteCapacity)
    }
    guard (1...16).contains(moduleSize) else {
      throw .parameterOutOfRange(name: "QR module size", value: moduleSize, allowed: 1...16)
    }
    let stored = payload.count + 3
    bytes += qrFunction([0x31, 0x41, 0x32, 0x00])
    bytes += qrFunction([0x31, 0x43, UInt8(moduleSize)])
    bytes += qrFunction([0x31, 0x45, errorCorrection.escPosLevel])
    bytes += [
      EscPosBytes.GS, EscPosBytes.LEFT_PAREN, EscPosBytes.SMALL_K,
      UInt8(stored & 0xFF), UInt8(stored >> 8), 0x31, 0x50, 0x30,
    ]
    bytes += payload
    bytes += qrFunction([0x31, 0x51, 0x30])
    return self
  }

  /// `GS ( k pL pH` followed by a parameter block short enough for pH to be 0.
  private func qrFunction(_ parameters: [UInt8]) -> [UInt8] {
    [EscPosBytes.GS, EscPosBytes.LEFT_PAREN, EscPosBytes.SMALL_K, UInt8(parameters.count), 0]
      + parameters
  }

  /// A CODE128 barcode in code set B (`GS k 73 n {B…`), with its human-readable text placed by
  /// `GS H`, height in dots by `GS h` (1...255) and module width by `GS w` (2...6).
  public consuming func barcode128(
    _ data: String, text: BarcodeText = .below, height: Int = 80, moduleWidth: Int = 2
  ) throws(EscPosError) -> Self {
    guard !data.isEmpty else { throw .barcodeNotEncodable("empty data") }
    var encoded: [UInt8] = [0x7B, 0x42]  // "{B" selects code set B
    for scalar in data.unicodeScalars {
      guard (0x20...0x7E).contains(scalar.value) else {
        throw .barcodeNotEncodable("\"\(scalar)\" is not printable ASCII")
      }
      // "{" starts a code set switch, so a literal one is sent twice.
      if scalar == "{" { encoded.append(0x7B) }
      encoded.append(UInt8(scalar.value))
    }
    guard encoded.count <= 255 else {
      throw .barcodeNotEncodable("\(data.count) characters is more than one barcode holds")
    }
    guard (1...255).contains(height) else {
      throw .parameterOutOfRange(name: "barcode height", value: height, allowed: 1...255)
    }
    guard (2...6).contains(moduleWidth) else {
      throw .parameterOutOfRange(name: "barcode module width", value: moduleWidth, allowed: 2...6)
    }
    bytes += [EscPosBytes.GS, EscPosBytes.CAPITAL_H, text.rawValue]
    bytes += [EscPosBytes.GS, EscPosBytes.SMALL_H, UInt8(height)]
    bytes += [EscPosBytes.GS, EscPosBytes.SMALL_W, UInt8(moduleWidth)]
    bytes += [EscPosBytes.GS, EscPosBytes.SMALL_K, 73, UInt8(encoded.count)] + encoded
    return self
  }
}

extension QRCode.Correction {
  /// `GS ( k` function 169's level: 48 (L) to 51 (H).
  var escPosLevel: UInt8 {
    switch self {
    case .low: 48
    case .medium: 49
    case .quartile: 50
    case .high: 51
    }
  }
}
