import HallWire

/// How hard the outbox tries: exponential backoff with jitter, capped, for at most a day.
public struct RetryPolicy: Sendable, Equatable {
  /// The wait after the first failed attempt; it doubles after each further failure.
  public var firstDelay: Millis = 2_000
  /// No wait between attempts exceeds this (before jitter).
  public var maxDelay: Millis = 300_000
  /// A notice not delivered this long after it was made is given up (and counted).
  public var maxAge: Millis = 86_400_000
  /// Requests in flight at once while the gateway answers; one while it seems down.
  public var maxInFlight = 4
  /// Seconds an attempt may take before it counts as failed.
  public var timeoutSeconds = 10.0

  public init() {}

  /// The wait before attempt `failures + 1`, after `failures` (≥ 1) failed ones. `jitter`
  /// in [0, 1) spreads it over the upper half of the step, so that many notices failing at
  /// once (a gateway restart) do not all come back in the same millisecond.
  public func delay(afterFailures failures: Int, jitter: Double) -> Millis {
    let doublings = min(max(failures - 1, 0), 40)
    let step = min(maxDelay, firstDelay << Millis(min(doublings, 30)))
    let spread = Double(step) * 0.5 * min(max(jitter, 0), 1)
    return Millis(Double(step) * 0.5 + spread)
  }
}
