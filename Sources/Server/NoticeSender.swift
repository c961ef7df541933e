import HTTP
import HallWire
import Logging
import Notices
import Reactor
import Storage

/// Runs the notices outbox (Notices.Outbox) on the hall's loop: POSTs with Reactor's
/// asynchronous client, never waiting for the gateway, and hands each result's change to
/// `persist` (HallApp writes it in the group commit). A slow or absent gateway costs the hall
/// one timer and at most `maxInFlight` open requests.
final class NoticeSender {
  let url: String
  private let loop: EventLoop
  private var outbox: Outbox
  private let now: () -> Millis
  private let persist: (Outbox.Action) -> Void
  private let logger: Logger
  private var timer: Timer?
  /// Looks the gateway's host name up without stopping the loop.
  private let resolver: DNSResolver?
  /// For an `https://` webhook: the system's CAs, loaded once.
  private let tls: TLSContext?
  private var wakeAt: Millis?
  private(set) var lastError: String?
  private(set) var lastDeliveredAt: Millis?
  private var stopped = false

  init(
    url: String, loop: EventLoop, policy: RetryPolicy = RetryPolicy(),
    restoring: [Outbox.Pending], now: @escaping () -> Millis = wallClockMillis,
    logger: Logger, persist: @escaping (Outbox.Action) -> Void
  ) {
    self.url = url
    self.loop = loop
    self.outbox = Outbox(policy: policy, restoring: restoring)
    self.now = now
    self.logger = logger
    self.persist = persist
    resolver = DNSResolver(loop: loop)
    tls = url.lowercased().hasPrefix("https://") ? TLSContext() : nil
    timer = Timer(loop: loop) { [unowned self] in
      self.wakeAt = nil
      self.pump()
    }
  }

  /// Starts sending what the store held at start-up.
  func start() { pump() }

  /// Stops sending (shutdown); requests in flight finish or time out unheeded, and their
  /// notices go again after the restart.
  func stop() {
    stopped = true
    timer?.cancel()
  }

  /// Ids of the notices this process has seen stored, so a trigger that fires again ("near"
  /// while the ticket stays near) is dropped before its body is even made.
  private(set) var made: Set<String> = []

  /// A notice id the store already holds (made before a restart, say).
  func remember(_ id: String) { made.insert(id) }

  /// A notice whose hall change has been committed.
  func accept(_ notice: Notice) {
    made.insert(notice.id)
    guard outbox.enqueue(notice) else { return }
    pump()
  }

  var counts: Outbox.Counts { outbox.counts }
  var pendingCount: Int { outbox.pendingCount }
  var inFlightCount: Int { outbox.inFlightCount }
  var gatewayDown: Bool { outbox.gatewayDown }

  /// Sends what is due and sleeps until the outbox next has something to do.
  private func pump() {
    guard !stopped else { return }
    let t = now()
    for action in outbox.poll(at: t) {
      switch action {
      case .send(let notice, let attempt): send(notice, attempt: attempt)
      case .gaveUp(let id, _):
        logger.warning("notice \(id) given up: not delivered before it expired")
        persist(action)
      default: persist(action)
      }
    }
    schedule(from: t)
  }

  private func schedule(from t: Millis) {
    guard let wake = outbox.nextWake() else {
      timer?.cancel()
      wakeAt = nil
      return
    }
    if let wakeAt, wakeAt <= wake, timer?.isScheduled == true { return }
    wakeAt = wake
    timer?.schedule(after: Double(max(0, wake - t)) / 1000)
  }

  private func send(_ notice: Notice, attempt: Int) {
    var headers = HTTPHeaders()
    headers.set("Content-Type", "application/json")
    headers.set("Idempotency-Key", notice.id)
    headers.set("User-Agent", "antre-notices")
    HTTPClient.send(
      on: loop, method: .POST, url: url, headers: headers, body: notice.body,
      timeout: outbox.policy.timeoutSeconds, resolver: resolver, tls: tls
    ) { [weak self] result in
      self?.finished(notice.id, result)
    }
  }

  private func finished(_ id: String, _ result: Result<HTTPResponse, HTTPClientError>) {
    let attempt: AttemptResult
    switch result {
    case .success(let response):
      attempt = .status(
        response.status, retryAfterSeconds: response.headers["Retry-After"].flatMap { Int($0) })
    case .failure(.timeout): attempt = .timeout
    case .failure: attempt = .unreachable
    }
    let t = now()
    guard let action = outbox.finish(id, attempt, at: t, jitter: Double.random(in: 0..<1)) else {
      return
    }
    switch action {
    case .delivered(_, let at): lastDeliveredAt = at
    case .retry(_, let attempts, _, let error):
      lastError = error
      // The first failure of a notice, and then every fifth, so a day-long outage is a few
      // hundred lines, not thousands. The id only: never the body (the phone), nor the URL
      // (a gateway's key may sit in its query).
      if attempts == 1 || attempts % 5 == 0 {
        logger.warning("notice \(id): webhook \(error) (attempt \(attempts)); retrying")
      }
    case .gaveUp:
      lastError = attempt.summary
      logger.warning("notice \(id) given up after \(attempt.summary): it expired")
    case .send: break
    }
    if !stopped { persist(action) }
    pump()
  }

  // MARK: - Reports

  /// Age of the oldest notice not yet delivered, in seconds.
  func oldestPendingSeconds(now t: Millis) -> Double {
    guard let oldest = outbox.oldestCreatedAt else { return 0 }
    return Double(max(0, t - oldest)) / 1000
  }

  /// The `/metrics` families.
  func metricsText(now t: Millis) -> String {
    let c = outbox.counts
    return """
      # HELP antre_notices_sent_total Notices the webhook took (2xx) since start.
      # TYPE antre_notices_sent_total counter
      antre_notices_sent_total \(c.delivered)
      # HELP antre_notices_failed_attempts_total Attempts that failed (no answer, or not 2xx).
      # TYPE antre_notices_failed_attempts_total counter
      antre_notices_failed_attempts_total \(c.failedAttempts)
      # HELP antre_notices_given_up_total Notices that expired undelivered since start.
      # TYPE antre_notices_given_up_total counter
      antre_notices_given_up_total \(c.givenUp)
      # HELP antre_notices_pending Notices not yet delivered.
      # TYPE antre_notices_pending gauge
      antre_notices_pending \(outbox.pendingCount)
      # HELP antre_notices_oldest_pending_seconds Age of the oldest notice not yet delivered.
      # TYPE antre_notices_oldest_pending_seconds gauge
      antre_notices_oldest_pending_seconds \(oldestPendingSeconds(now: t))
      # HELP antre_notices_gateway_down 1 while the webhook's last answer blamed the gateway.
      # TYPE antre_notices_gateway_down gauge
      antre_notices_gateway_down \(outbox.gatewayDown ? 1 : 0)

      """
  }

  /// `/healthz`'s `notices` member.
  func write(to json: inout JSONWriter, now t: Millis, zone: HallZone) {
    json.beginObject()
    json.key("state")
    json.string(outbox.gatewayDown ? "retrying" : outbox.pendingCount > 0 ? "sending" : "idle")
    json.key("pending")
    json.int(outbox.pendingCount)
    json.key("oldest_pending_s")
    json.int(Int(oldestPendingSeconds(now: t)))
    json.key("sent")
    json.int(outbox.counts.delivered)
    json.key("given_up")
    json.int(outbox.counts.givenUp)
    json.key("last_error")
    json.string(lastError)
    json.key("last_sent_at")
    json.string(lastDeliveredAt.map { zone.rfc3339($0) })
    json.endObject()
  }
}
