/// The close codes Antre sends (RFC 6455 §7.4.1), as listed in PROTOCOL.md.
public enum CloseCode: UInt16, Sendable, Equatable, CustomStringConvertible {
  case normalClosure = 1000
  /// The server is shutting down.
  case goingAway = 1001
  case protocolError = 1002
  /// Binary data where text is expected.
  case unsupportedData = 1003
  /// A text message or close reason that is not UTF-8.
  case invalidPayload = 1007
  /// A bad token, or an `Origin` that is not allowed.
  case policyViolation = 1008
  /// A message over the session's `maxMessageBytes`.
  case messageTooBig = 1009
  case internalError = 1011

  public var description: String { "\(rawValue)" }
}
