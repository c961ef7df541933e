import HallWire

/// The durable outbox's policy, sans I/O (STYLE.md: a state machine returning actions, a thin
/// driver performing them): which notices to POST at time `now`, and what an attempt's result
/// means for the notice. The driver stores each action's change (Storage's `notices` table)
/// and runs the requests; time and jitter are passed in, so tests never sleep.
///
/// Guarantees: every notice is POSTed until a 2xx, or given up when it expires; a subject's
/// notices (one ticket's "near" then "called") go in the order they were made, one at a time;
/// at most `maxInFlight` requests run at once, and only one while the gateway seems down, so
/// an absent gateway costs one probe per backoff step instead of one per notice.
public struct Outbox {
  public enum Action: Sendable, Equatable {
    /// POST the notice now; `attempt` counts from 1.
    case send(Notice, attempt: Int)
    /// The gateway took it: mark it delivered.
    case delivered(id: String, at: Millis)
    /// The attempt failed: store the count and when to try again.
    case retry(id: String, attempts: Int, nextAt: Millis, error: String)
    /// Expired before it could be delivered: mark it given up.
    case gaveUp(id: String, at: Millis)
  }

  /// A notice not yet delivered, as stored.
  public struct Pending: Sendable, Equatable {
    public var notice: Notice
    /// Failed attempts so far.
    public var attempts: Int
    /// Not to be sent before.
    public var nextAt: Millis
    var inFlight = false

    public init(notice: Notice, attempts: Int = 0, nextAt: Millis? = nil) {
      self.notice = notice
      self.attempts = attempts
      self.nextAt = nextAt ?? notice.createdAt
    }
  }

  /// Since this outbox was made (the server's start).
  public struct Counts: Sendable, Equatable {
    public var delivered = 0
    public var failedAttempts = 0
    public var givenUp = 0
  }

  public let policy: RetryPolicy
  /// In the order they were made.
  private var pending: [Pending]
  private var ids: Set<String>
  public private(set) var counts = Counts()
  /// Set by a failure that blames the gateway, cleared by the next delivery.
  public private(set) var gatewayDown = false
  /// While the gateway is down, nothing is sent before the failed probe's next attempt.
  private var holdUntil: Millis = .min

  /// `restoring`: what the store still holds undelivered, in the order it was made.
  public init(policy: RetryPolicy = RetryPolicy(), restoring: [Pending] = []) {
    self.policy = policy
    pending = restoring.map {
      var p = $0
      p.inFlight = false
      return p
    }
    ids = Set(pending.map(\.notice.id))
  }

  public var pendingCount: Int { pending.count }
  public var inFlightCount: Int { pending.lazy.filter(\.inFlight).count }
  /// When the oldest notice not yet delivered was made.
  public var oldestCreatedAt: Millis? { pending.lazy.map(\.notice.createdAt).min() }
  private var capacity: Int { gatewayDown ? 1 : max(1, policy.maxInFlight) }

  /// Takes a new notice; false (and nothing changes) when one with its id is already here.
  @discardableResult
  public mutating func enqueue(_ notice: Notice) -> Bool {
    guard ids.insert(notice.id).inserted else { return false }
    pending.append(Pending(notice: notice))
    return true
  }

  /// The deadline after which `p` is given up.
  private func deadline(_ p: Pending) -> Millis {
    let aged = p.notice.createdAt &+ policy.maxAge
    return min(aged, p.notice.expiresAt ?? aged)
  }

  /// What to do at `now`: expired notices to give up, then the notices to POST (marked in
  /// flight until `finish`).
  public mutating func poll(at now: Millis) -> [Action] {
    var actions: [Action] = []
    var expired: [Int] = []
    for (i, p) in pending.enumerated() where !p.inFlight && deadline(p) <= now {
      expired.append(i)
      actions.append(.gaveUp(id: p.notice.id, at: now))
    }
    for i in expired.reversed() {
      ids.remove(pending[i].notice.id)
      pending.remove(at: i)
    }
    counts.givenUp += expired.count

    var inFlight = inFlightCount
    guard now >= holdUntil else { return actions }
    var blocked = Set<String>()
    for i in pending.indices {
      guard inFlight < capacity else { break }
      let subject = pending[i].notice.subject
      guard blocked.insert(subject).inserted else { continue }
      guard !pending[i].inFlight, pending[i].nextAt <= now else { continue }
      pending[i].inFlight = true
      inFlight += 1
      actions.append(.send(pending[i].notice, attempt: pending[i].attempts + 1))
    }
    return actions
  }

  /// The result of the attempt at `id`; `jitter` in [0, 1) spreads the next attempt. Nil for
  /// an id that is not in flight (nothing changes).
  public mutating func finish(_ id: String, _ result: AttemptResult, at now: Millis, jitter: Double)
    -> Action?
  {
    guard let i = pending.firstIndex(where: { $0.notice.id == id && $0.inFlight }) else {
      return nil
    }
    if result.delivered {
      pending.remove(at: i)
      ids.remove(id)
      counts.delivered += 1
      gatewayDown = false
      holdUntil = .min
      return .delivered(id: id, at: now)
    }
    counts.failedAttempts += 1
    var p = pending[i]
    p.inFlight = false
    p.attempts += 1
    var wait = policy.delay(afterFailures: p.attempts, jitter: jitter)
    if case .status(_, let retryAfter?) = result {
      wait = max(wait, min(Millis(max(0, retryAfter)) * 1000, policy.maxDelay))
    }
    // The last attempt falls just before the deadline rather than being skipped past it;
    // when that one has failed too, the notice is given up.
    let next = min(now + wait, deadline(p) - 1)
    if next <= now {
      pending.remove(at: i)
      ids.remove(id)
      counts.givenUp += 1
      return .gaveUp(id: id, at: now)
    }
    p.nextAt = next
    pending[i] = p
    if result.gatewayTrouble {
      gatewayDown = true
      holdUntil = p.nextAt
    }
    return .retry(id: id, attempts: p.attempts, nextAt: p.nextAt, error: result.summary)
  }

  /// When `poll` next has something to do; nil when nothing will happen until an attempt
  /// in flight finishes or a notice is enqueued. Never a time at which `poll` would find
  /// nothing, so a driver that sleeps until then cannot spin.
  public func nextWake() -> Millis? {
    var wake: Millis?
    func consider(_ t: Millis) { wake = min(wake ?? t, t) }
    var inFlight = 0
    for p in pending where p.inFlight { inFlight += 1 }
    var blocked = Set<String>()
    for p in pending {
      let head = blocked.insert(p.notice.subject).inserted
      guard !p.inFlight else { continue }
      consider(deadline(p))
      if head && inFlight < capacity { consider(max(p.nextAt, holdUntil)) }
    }
    return wake
  }
}
