import InitMacros

/// One feed event: `json` is the full wire message exactly as sent, so replay sends the
/// same bytes. `box` is set for events addressed to one ticket box (print jobs).
@PublicInit
public struct EventRow: Equatable, Sendable {
  public var seq: Int64
  public var at: Int64
  public var type: String
  public var box: String?
  public var json: String
}
