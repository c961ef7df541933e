import InitMacros

/// A feed event (PROTOCOL.md, "WebSocket"). Encodes to exactly the protocol's JSON, plus an
/// `"at"` (RFC 3339) on every event and a `"box"` on `print` events, both additions.
@PublicInit
public struct Event: Sendable, Equatable {
  public enum Body: Sendable, Equatable {
    case issued(ticket: Ticket, waiting: WaitingCounts)
    case called(ticket: Ticket, counter: CounterRef, recall: Bool, waiting: WaitingCounts)
    /// done, noshow, cancelled, expired.
    case finished(ticket: Ticket, waiting: WaitingCounts)
    /// `fromStartedAt`: when the visitor reached the desk in `from` (RFC 3339 with
    /// milliseconds), nil when never started: the ticket itself now waits anew.
    case transferred(
      ticket: Ticket, from: String, waiting: WaitingCounts, fromStartedAt: String? = nil)
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
      .transferred(let t, _, _, _), .print(_, _, let t):
      t
    case .counter(let c): c.ticket
    }
  }
}
