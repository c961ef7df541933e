/// One feed event: `json` is the full wire message exactly as sent, so replay sends the
/// same bytes. `box` is set for events addressed to one ticket box (print jobs).
public struct EventRow: Equatable, Sendable {
  public var seq: Int64
  public var at: Int64
  public var type: String
  public var box: String?
  public var json: String

  public init(seq: Int64, at: Int64, type: String, box: String? = nil, json: String) {
    self.seq = seq
    self.at = at
    self.type = type
    self.box = box
    self.json = json
  }
}
