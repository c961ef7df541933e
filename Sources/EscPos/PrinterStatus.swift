import HallWire

/// What the ticket box reports to the server about its printer (HallWire's `PrinterStatus`,
/// PROTOCOL.md `printer`), read from the printer's own status bytes.
extension PrinterStatus {
  /// The worst condition among the flags of one or more `DLE EOT` replies. Paper out comes
  /// first: it also sets the offline bit, and "load paper" is the thing to tell staff.
  public init(_ flags: StatusFlags) {
    if !flags.isDisjoint(with: [.paperEnd, .stoppedByPaperEnd]) {
      self = .paperOut
    } else if !flags.isDisjoint(with: StatusFlags.stopsPrinting) {
      self = .offline
    } else if flags.contains(.paperNearEnd) {
      self = .paperLow
    } else {
      self = .ok
    }
  }
}

/// The conditions a `DLE EOT n` reply byte reports (Epson ESC/POS reference, DLE EOT).
public struct StatusFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  public static let offline = StatusFlags(rawValue: 1 << 0)
  public static let waitingForOnlineRecovery = StatusFlags(rawValue: 1 << 1)
  public static let coverOpen = StatusFlags(rawValue: 1 << 2)
  public static let paperFedByButton = StatusFlags(rawValue: 1 << 3)
  public static let stoppedByPaperEnd = StatusFlags(rawValue: 1 << 4)
  public static let errorOccurred = StatusFlags(rawValue: 1 << 5)
  public static let recoverableError = StatusFlags(rawValue: 1 << 6)
  public static let autocutterError = StatusFlags(rawValue: 1 << 7)
  public static let unrecoverableError = StatusFlags(rawValue: 1 << 8)
  public static let autoRecoverableError = StatusFlags(rawValue: 1 << 9)
  public static let paperNearEnd = StatusFlags(rawValue: 1 << 10)
  public static let paperEnd = StatusFlags(rawValue: 1 << 11)

  static let stopsPrinting: StatusFlags = [
    .offline, .coverOpen, .errorOccurred, .recoverableError, .autocutterError,
    .unrecoverableError, .autoRecoverableError,
  ]

  /// Decodes the reply byte to `DLE EOT n`. Every reply has the pattern 0xx1xx10; a byte without
  /// it is something else on the line (an echo, a stray ASB) and is refused.
  public init(parsing byte: UInt8, for request: StatusRequest) throws(EscPosError) {
    guard byte & 0x93 == 0x12 else { throw .notAStatusByte(byte) }
    let bits: [(UInt8, StatusFlags)] =
      switch request {
      case .printer: [(0x08, .offline), (0x20, .waitingForOnlineRecovery)]
      case .offlineCause:
        [
          (0x04, .coverOpen), (0x08, .paperFedByButton), (0x20, .stoppedByPaperEnd),
          (0x40, .errorOccurred),
        ]
      case .errorCause:
        [
          (0x04, .recoverableError), (0x08, .autocutterError), (0x20, .unrecoverableError),
          (0x40, .autoRecoverableError),
        ]
      // Each sensor is two bits; printers set both, but either one means the condition.
      case .paperSensor: [(0x0C, .paperNearEnd), (0x60, .paperEnd)]
      }
    var flags: StatusFlags = []
    for (mask, flag) in bits where byte & mask != 0 { flags.insert(flag) }
    self = flags
  }
}
