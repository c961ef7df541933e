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

  /// The largest character size the ticket number uses. Bigger would fit the width of a short
  /// number but makes a ticket mostly number: 4× is 12 mm tall, 6× is 18 mm.
  var largestNumberScale: Int {
    switch self {
    case .mm58: 4
    case .mm80: 6
    }
  }

  /// QR module size in dots: a ~60-byte tracking URL is a 37-module symbol, 222 dots on 58 mm
  /// (of 384) and 296 on 80 mm (of 576).
  var qrModuleSize: Int {
    switch self {
    case .mm58: 6
    case .mm80: 8
    }
  }
}
