/// Why text did not become a QR code. The server answers these as 400 `bad_request` (the text
/// came from a request) and the ticket box prints the ticket without its code.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
  case empty
  /// More bytes than a version 40 symbol holds at the chosen level.
  case tooLong(count: Int, limit: Int)
  /// libqrencode could not allocate the symbol.
  case outOfMemory
  /// A renderer's size parameter outside what it accepts.
  case badSize(name: String, value: Int, allowed: ClosedRange<Int>)

  public var description: String {
    switch self {
    case .empty: "nothing to encode in a QR code"
    case .tooLong(let count, let limit):
      "\(count) bytes is more than a QR code holds at this level (\(limit))"
    case .outOfMemory: "out of memory while encoding a QR code"
    case .badSize(let name, let value, let allowed):
      "\(name) \(value) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
    }
  }

  /// The HTTP status and wire code this maps to when a request asked for the code.
  public var wire: (status: Int, code: String) {
    switch self {
    case .outOfMemory: (500, "internal_error")
    default: (400, "bad_request")
    }
  }
}
