/// Thermal roll widths, in columns of font A (12 dots wide at 203 dpi).
public enum Paper: Sendable, CaseIterable {
  case mm58
  case mm80

  /// From `--width 58|80`.
  public init?(millimetres: Int) {
    switch millimetres {
    case 58: self = .mm58
    case 80: self = .mm80
    default: return nil
    }
  }

  public var columns: Int {
    switch self {
    case .mm58: 32
    case .mm80: 48
    }
  }

  /// Printable width in dots at 203 dpi.
  public var dots: Int {
    switch self {
    case .mm58: 384
    case .mm80: 576
    }
  }

  /// The QR code's largest module in dots: a tracking link with its key (~100 bytes) is a
  /// 37-module symbol, 45 with its quiet zone: 270 of 384 dots on 58 mm at 6, 360 of 576 on
  /// 80 mm at 8. Larger symbols get smaller modules, down to what still fits.
  public var maxQRDotsPerModule: Int {
    switch self {
    case .mm58: 6
    case .mm80: 8
    }
  }

  /// `GS ( k` module size for printers that draw the code themselves.
  var nativeQRModuleSize: Int {
    switch self {
    case .mm58: 6
    case .mm80: 8
    }
  }
}
