/// A feed event (PROTOCOL.md, "WebSocket"). Encodes to exactly the protocol's JSON, plus an
/// `"at"` (RFC 3339) on every event and a `"box"` on `print` events, both additions.
public struct Event: Sendable, Equatable, Encodable {
  public enum Body: Sendable, Equatable {
    case issued(ticket: Ticket, waiting: WaitingCounts)
    case called(ticket: Ticket, counter: CounterRef, recall: Bool, waiting: WaitingCounts)
    /// done, noshow, cancelled, expired.
    case finished(ticket: Ticket, waiting: WaitingCounts)
    case transferred(ticket: Ticket, from: String, waiting: WaitingCounts)
    case counter(Counter)
    /// For ticket boxes only: route it to `box`.
    case print(job: String, box: String, ticket: Ticket)
  }

  public var seq: Int64
  public var at: Millis
  /// `at` as RFC 3339 in the hall's zone.
  public var atText: String
  public var body: Body

  public var type: String {
    switch body {
    case .issued: "issued"
    case .called: "called"
    case .finished: "finished"
    case .transferred: "transferred"
    case .counter: "counter"
    case .print: "print"
    }
  }

  /// The ticket box a `print` event is for; nil for events every subscriber gets.
  public var printBox: String? {
    if case .print(_, let box, _) = body { return box }
    return nil
  }

  public var ticket: Ticket? {
    switch body {
    case .issued(let t, _), .called(let t, _, _, _), .finished(let t, _),
      .transferred(let t, _, _), .print(_, _, let t):
      t
    case .counter(let c): c.ticket
    }
  }

  enum CodingKeys: String, CodingKey {
    case type, seq, at, ticket, counter, recall, from, job, box, waiting
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(type, forKey: .type)
    try c.encode(seq, forKey: .seq)
    switch body {
    case .issued(let ticket, let waiting), .finished(let ticket, let waiting):
      try c.encode(ticket, forKey: .ticket)
      try c.encode(waiting, forKey: .waiting)
    case .called(let ticket, let counter, let recall, let waiting):
      try c.encode(ticket, forKey: .ticket)
      try c.encode(counter, forKey: .counter)
      try c.encode(recall, forKey: .recall)
      try c.encode(waiting, forKey: .waiting)
    case .transferred(let ticket, let from, let waiting):
      try c.encode(ticket, forKey: .ticket)
      try c.encode(from, forKey: .from)
      try c.encode(waiting, forKey: .waiting)
    case .counter(let counter):
      try c.encode(counter, forKey: .counter)
    case .print(let job, let box, let ticket):
      try c.encode(job, forKey: .job)
      try c.encode(box, forKey: .box)
      try c.encode(ticket, forKey: .ticket)
    }
    try c.encode(atText, forKey: .at)
  }
}
