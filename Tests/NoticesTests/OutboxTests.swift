import HallWire
import SeededRandom
import Testing

@testable import Notices

private func notice(_ id: String, subject: String? = nil, at: Millis = 0, expiresAt: Millis? = nil)
  -> Notice
{
  Notice(
    id: id, subject: subject ?? id, event: .called, body: Array(id.utf8), createdAt: at,
    expiresAt: expiresAt)
}

private func sent(_ actions: [Outbox.Action]) -> [String] {
  actions.compactMap {
    if case .send(let n, _) = $0 { return n.id }
    return nil
  }
}

@Suite struct OutboxTests {
  @Test func aNewNoticeGoesAtOnceAndIsGoneOnceDelivered() {
    var box = Outbox()
    box.enqueue(notice("n1"))
    #expect(box.poll(at: 0) == [.send(notice("n1"), attempt: 1)])
    #expect(box.poll(at: 0).isEmpty, "in flight: not sent twice")
    #expect(box.finish("n1", .status(200), at: 50, jitter: 0.5) == .delivered(id: "n1", at: 50))
    #expect(box.pendingCount == 0)
    #expect(box.counts == Outbox.Counts(delivered: 1, failedAttempts: 0, givenUp: 0))
    #expect(box.nextWake() == nil)
  }

  @Test func aRepeatedIdIsIgnored() {
    var box = Outbox()
    let first = box.enqueue(notice("n1"))
    let second = box.enqueue(notice("n1"))
    #expect(first && !second)
    #expect(box.pendingCount == 1)
  }

  @Test func backoffDoublesFromTwoSecondsAndStopsAtFiveMinutes() {
    let policy = RetryPolicy()
    // Jitter 0 is the bottom of the step (half), jitter near 1 its top.
    let low = (1...12).map { policy.delay(afterFailures: $0, jitter: 0) }
    let high = (1...12).map { policy.delay(afterFailures: $0, jitter: 0.999_999) }
    #expect(low == [1, 2, 4, 8, 16, 32, 64, 128, 150, 150, 150, 150].map { Millis($0) * 1000 })
    #expect(high.map { ($0 + 500) / 1000 } == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300])
    #expect(policy.delay(afterFailures: 10_000, jitter: 1) == 300_000)
  }

  @Test func aFailedAttemptIsRetriedAfterItsBackoff() {
    var box = Outbox()
    box.enqueue(notice("n1"))
    _ = box.poll(at: 0)
    let action = box.finish("n1", .status(400), at: 100, jitter: 0)
    #expect(action == .retry(id: "n1", attempts: 1, nextAt: 1_100, error: "HTTP 400"))
    #expect(box.nextWake() == 1_100)
    #expect(box.poll(at: 1_099).isEmpty)
    #expect(box.poll(at: 1_100) == [.send(notice("n1"), attempt: 2)])
    #expect(box.counts.failedAttempts == 1)
  }

  @Test func oneTicketsNoticesGoInOrderOneAtATime() {
    var box = Outbox()
    box.enqueue(notice("near-t1", subject: "t1"))
    box.enqueue(notice("called-t1-9", subject: "t1"))
    #expect(sent(box.poll(at: 0)) == ["near-t1"])
    _ = box.finish("near-t1", .status(500), at: 10, jitter: 0)
    // The "called" waits behind the "near" that failed, even though it is due itself.
    #expect(sent(box.poll(at: 500)).isEmpty)
    #expect(sent(box.poll(at: 1_010)) == ["near-t1"])
    _ = box.finish("near-t1", .status(204), at: 1_020, jitter: 0)
    #expect(sent(box.poll(at: 1_020)) == ["called-t1-9"])
  }

  @Test func otherTicketsKeepFlowingWhileTheGatewayRefusesOne() {
    var box = Outbox()
    box.enqueue(notice("a"))
    box.enqueue(notice("b"))
    #expect(sent(box.poll(at: 0)) == ["a", "b"])
    _ = box.finish("a", .status(422), at: 5, jitter: 0)
    #expect(!box.gatewayDown, "a refusal of one notice is not the gateway's trouble")
    box.enqueue(notice("c", at: 6))
    #expect(sent(box.poll(at: 6)) == ["c"])
  }

  @Test func atMostFourGoAtOnce() {
    var box = Outbox()
    for i in 0..<10 { box.enqueue(notice("n\(i)")) }
    #expect(sent(box.poll(at: 0)) == ["n0", "n1", "n2", "n3"])
    #expect(box.inFlightCount == 4)
    #expect(box.nextWake() == 86_400_000, "only the give-up deadline while full")
    _ = box.finish("n2", .status(200), at: 1, jitter: 0)
    #expect(sent(box.poll(at: 1)) == ["n4"])
  }

  @Test func whileTheGatewayIsDownOnlyOneProbeGoesPerBackoffStep() {
    var box = Outbox()
    for i in 0..<6 { box.enqueue(notice("n\(i)")) }
    var now: Millis = 0
    var probes: [Millis] = []
    #expect(sent(box.poll(at: now)).count == 4)
    for id in ["n0", "n1", "n2", "n3"] { _ = box.finish(id, .unreachable, at: now, jitter: 0) }
    #expect(box.gatewayDown)
    // Ten minutes of an absent gateway: one request at a time, further and further apart.
    while now < 600_000 {
      guard let wake = box.nextWake() else { break }
      now = wake
      let ids = sent(box.poll(at: now))
      #expect(ids.count <= 1)
      for id in ids {
        probes.append(now)
        _ = box.finish(id, .timeout, at: now + 10, jitter: 0)
      }
    }
    #expect(probes.count < 12, "\(probes)")
    let gaps = zip(probes.dropFirst(), probes).map { $0 - $1 }
    #expect(gaps.allSatisfy { $0 <= 150_010 })
    // It answers again: everything goes, in the order made.
    now += 1
    var delivered: [String] = []
    while box.pendingCount > 0 {
      now = max(now, box.nextWake() ?? now)
      for id in sent(box.poll(at: now)) {
        if case .delivered = box.finish(id, .status(200), at: now, jitter: 0) {
          delivered.append(id)
        }
      }
    }
    #expect(delivered == ["n0", "n1", "n2", "n3", "n4", "n5"])
    #expect(!box.gatewayDown)
  }

  @Test func retryAfterIsHonouredUpToTheCap() {
    var box = Outbox()
    box.enqueue(notice("n1"))
    _ = box.poll(at: 0)
    let a = box.finish("n1", .status(429, retryAfterSeconds: 60), at: 0, jitter: 0)
    #expect(a == .retry(id: "n1", attempts: 1, nextAt: 60_000, error: "HTTP 429"))
    _ = box.poll(at: 60_000)
    let b = box.finish("n1", .status(503, retryAfterSeconds: 86_400), at: 60_000, jitter: 0)
    #expect(b == .retry(id: "n1", attempts: 2, nextAt: 360_000, error: "HTTP 503"))
  }

  @Test func aNoticeUndeliveredForADayIsGivenUpAndCounted() {
    var box = Outbox()
    box.enqueue(notice("old"))
    var now: Millis = 0
    var attempts = 0
    var gaveUpAt: Millis?
    // An absent gateway all day: attempts every few minutes, the last just before the
    // deadline rather than skipped past it, then given up.
    while let wake = box.nextWake() {
      now = wake
      for id in sent(box.poll(at: now)) {
        attempts += 1
        if case .gaveUp = box.finish(id, .unreachable, at: now, jitter: 0.3) { gaveUpAt = now }
      }
    }
    #expect(gaveUpAt == 86_399_999)
    #expect(attempts > 280 && attempts < 600, "\(attempts)")
    #expect(box.counts.givenUp == 1)
    #expect(box.pendingCount == 0)
  }

  @Test func aNoticeNeverSentBeforeItExpiredIsGivenUpUnsent() {
    var box = Outbox()
    box.enqueue(notice("late", expiresAt: 500))
    box.enqueue(notice("fine", at: 100))
    #expect(
      box.poll(at: 600) == [
        .gaveUp(id: "late", at: 600), .send(notice("fine", at: 100), attempt: 1),
      ])
    #expect(box.counts.givenUp == 1)
  }

  @Test func aNoticePastItsExpiryIsGivenUpRatherThanSentLate() {
    var box = Outbox()
    box.enqueue(notice("called-t1-3", subject: "t1", expiresAt: 1_000))
    box.enqueue(notice("n2", subject: "t2"))
    _ = box.poll(at: 0)
    _ = box.finish("called-t1-3", .unreachable, at: 0, jitter: 0.9)
    _ = box.finish("n2", .status(400), at: 0, jitter: 0.9)
    #expect(box.nextWake() == 999)
    #expect(
      box.poll(at: 999) == [
        .send(notice("called-t1-3", subject: "t1", expiresAt: 1_000), attempt: 2)
      ])
    #expect(
      box.finish("called-t1-3", .unreachable, at: 1_000, jitter: 0)
        == .gaveUp(id: "called-t1-3", at: 1_000))
    #expect(box.counts == Outbox.Counts(delivered: 0, failedAttempts: 3, givenUp: 1))
  }

  @Test func aRestoredOutboxResumesInTheOrderTheNoticesWereMade() {
    let stored = [
      Outbox.Pending(notice: notice("a", subject: "t1"), attempts: 3, nextAt: 5_000),
      Outbox.Pending(notice: notice("b", subject: "t1", at: 10)),
      Outbox.Pending(notice: notice("c", subject: "t2", at: 20)),
    ]
    var box = Outbox(restoring: stored)
    #expect(sent(box.poll(at: 100)) == ["c"])
    #expect(box.poll(at: 5_000) == [.send(notice("a", subject: "t1"), attempt: 4)])
  }

  @Test func aResultForANoticeNotInFlightChangesNothing() {
    var box = Outbox()
    box.enqueue(notice("n1"))
    #expect(box.finish("n1", .status(200), at: 0, jitter: 0) == nil)
    #expect(box.finish("zz", .status(200), at: 0, jitter: 0) == nil)
    #expect(box.pendingCount == 1)
  }

  /// A driver that sleeps until `nextWake()` must find work there every time, or it spins.
  @Test func nextWakeAlwaysPointsAtSomethingToDo() {
    var rng = SeededRandom(seed: 18)
    var box = Outbox()
    var now: Millis = 0
    var inFlight: [(id: String, done: Millis)] = []
    var made = 0
    var subjects: [String: String] = [:]
    var lastDelivered: [String: Int] = [:]
    for _ in 0..<3_000 {
      if rng.unit() < 0.3 {
        let subject = "t\(Int(rng.unit() * 5))"
        box.enqueue(notice("n\(made)", subject: subject, at: now))
        subjects["n\(made)"] = subject
        made += 1
      }
      let wake = box.nextWake()
      let next = [wake, inFlight.map(\.done).min()].compactMap { $0 }.min() ?? now + 1_000
      now = max(now, next)
      var actions: [Outbox.Action] = []
      if wake == now {
        actions = box.poll(at: now)
        #expect(!actions.isEmpty, "woken at \(now) for nothing")
      }
      for (id, _) in inFlight.filter({ $0.done <= now }) {
        let up = rng.unit() < 0.6
        let action = box.finish(id, up ? .status(200) : .unreachable, at: now, jitter: rng.unit())
        if case .delivered = action, let subject = subjects[id], let n = Int(id.dropFirst()) {
          #expect(n > lastDelivered[subject, default: -1], "\(id) out of order for \(subject)")
          lastDelivered[subject] = n
        }
      }
      inFlight.removeAll { $0.done <= now }
      for case .send(let n, _) in actions + box.poll(at: now) {
        inFlight.append((n.id, now + Millis(rng.unit() * 3_000)))
      }
    }
    #expect(box.counts.delivered > 500)
  }
}
