import HallWire
import Testing

@testable import Server

@Suite struct ReplayRingTests {
  @Test func replaysEverythingAfterSince() {
    var ring = ReplayRing<Int64>(capacity: 10)
    for s in [1, 2, 4, 7] as [Int64] { ring.append(seq: s, s) }
    guard case .events(let e) = ring.replay(after: 2, lastSeq: 7) else {
      Issue.record("expected events")
      return
    }
    #expect(e == [4, 7])
  }

  @Test func upToDateClientGetsNothing() {
    var ring = ReplayRing<Int64>(capacity: 4)
    ring.append(seq: 1, 1)
    guard case .events(let e) = ring.replay(after: 1, lastSeq: 1) else {
      Issue.record("expected events")
      return
    }
    #expect(e.isEmpty)
  }

  @Test func evictionRaisesTheFloor() {
    var ring = ReplayRing<Int64>(capacity: 2)
    for s in 1...4 as ClosedRange<Int64> { ring.append(seq: s, s) }
    #expect(ring.floor == 2)
    if case .events = ring.replay(after: 1, lastSeq: 4) { Issue.record("expected a gap") }
    guard case .events(let e) = ring.replay(after: 2, lastSeq: 4) else {
      Issue.record("expected events")
      return
    }
    #expect(e == [3, 4])
  }

  @Test func sinceFromTheFutureIsAGap() {
    let ring = ReplayRing<Int64>(capacity: 2)
    if case .events = ring.replay(after: 5, lastSeq: 0) { Issue.record("expected a gap") }
  }

  @Test func rateLimiterRefillsOverTime() {
    var limiter = RateLimiter(burst: 2, perSecond: 1)
    let got = [
      limiter.allow("K1", now: 0), limiter.allow("K1", now: 0), limiter.allow("K1", now: 0.5),
      limiter.allow("K1", now: 1.6), limiter.allow("K2", now: 1.6),
    ]
    #expect(got == [true, true, false, true, true])
  }
}
