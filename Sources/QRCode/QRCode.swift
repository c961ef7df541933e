import CQRencode
import Glibc

/// A QR code symbol (model 2) as its square of modules, drawn by libqrencode: the one encoder
/// behind printed tickets and the pages' codes, so both show the same symbol for a link.
public struct QRCode: Sendable, Equatable {
  /// How much of the symbol may be damaged and still read.
  public enum Correction: Sendable, CaseIterable {
    case low  // ~7%
    case medium  // ~15%
    case quartile  // ~25%
    case high  // ~30%

    /// Bytes a version 40 symbol holds in byte mode at this level.
    public var byteCapacity: Int {
      switch self {
      case .low: 2953
      case .medium: 2331
      case .quartile: 1663
      case .high: 1273
      }
    }

    var level: QRecLevel {
      switch self {
      case .low: QR_ECLEVEL_L
      case .medium: QR_ECLEVEL_M
      case .quartile: QR_ECLEVEL_Q
      case .high: QR_ECLEVEL_H
      }
    }
  }

  /// Modules per side, without the quiet zone: 21 for version 1, 4 more per version.
  public let size: Int
  /// 1...40.
  public let version: Int
  /// Row-major, `size * size`, true for a dark module.
  public let modules: [Bool]

  /// Encodes `text`'s UTF-8 bytes in byte mode, in the smallest version that holds them.
  public init(_ text: String, correction: Correction = .medium) throws(QRCodeError) {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { throw .empty }
    guard bytes.count <= correction.byteCapacity else {
      throw .tooLong(count: bytes.count, limit: correction.byteCapacity)
    }
    let symbol = bytes.withUnsafeBufferPointer {
      QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, correction.level)
    }
    guard let symbol else {
      if errno == ERANGE { throw .tooLong(count: bytes.count, limit: correction.byteCapacity) }
      throw .outOfMemory
    }
    defer { QRcode_free(symbol) }
    let width = Int(symbol.pointee.width)
    // Bit 0 of each byte is the module's colour; the other bits say what part it belongs to.
    let data = UnsafeBufferPointer(start: symbol.pointee.data, count: width * width)
    size = width
    version = Int(symbol.pointee.version)
    modules = data.map { $0 & 1 == 1 }
  }

  /// The module at column `x`, row `y`; outside the symbol (the quiet zone) is light.
  public func isDark(x: Int, y: Int) -> Bool {
    guard x >= 0, y >= 0, x < size, y < size else { return false }
    return modules[y * size + x]
  }

  /// The quiet zone the standard asks for around a symbol, in modules.
  public static let quietZone = 4
}
