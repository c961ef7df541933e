import HallWire

/// Prometheus text exposition, built on demand from counters the server keeps.
struct Metrics {
  var issued: [String: Int] = [:]
  var served: [String: Int] = [:]
  var requests = 0
  var commits = 0
  var commitSecondsSum = 0.0
  var commitSecondsMax = 0.0
  var batchedChanges = 0
  var loopLagSeconds = 0.0
  var loopLagMaxSeconds = 0.0
  var droppedSlowSubscribers = 0

  mutating func count(_ event: Event) {
    guard let ticket = event.ticket else { return }
    switch event.body {
    case .issued: issued[ticket.service, default: 0] += 1
    case .finished where ticket.state == .done: served[ticket.service, default: 0] += 1
    default: break
    }
  }

  mutating func recordCommit(seconds: Double, changes: Int) {
    commits += 1
    commitSecondsSum += seconds
    commitSecondsMax = max(commitSecondsMax, seconds)
    batchedChanges += changes
  }

  /// `waiting` per service and `connections` per role are read live from the hall.
  func render(waiting: [(String, Int)], connections: [(String, Int)], httpConnections: Int)
    -> String
  {
    var out = ""
    func family(_ name: String, _ type: String, _ help: String) {
      out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
    }
    func single(_ name: String, _ type: String, _ help: String, _ value: some Numeric) {
      family(name, type, help)
      out += "\(name) \(value)\n"
    }
    func labelled(
      _ name: String, _ type: String, _ help: String, _ label: String, _ values: [(String, Int)]
    ) {
      family(name, type, help)
      for (key, n) in values { out += "\(name){\(label)=\"\(key)\"} \(n)\n" }
    }
    func sorted(_ d: [String: Int]) -> [(String, Int)] {
      d.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
    labelled(
      "antre_tickets_issued_total", "counter", "Tickets issued since start, by service.",
      "service", sorted(issued))
    labelled(
      "antre_tickets_served_total", "counter", "Tickets finished as done since start.",
      "service", sorted(served))
    labelled("antre_waiting", "gauge", "Tickets waiting now, by service.", "service", waiting)
    labelled(
      "antre_connections", "gauge", "Open WebSocket connections, by role.", "role", connections)
    single(
      "antre_http_connections", "gauge", "Open HTTP connections (feed sockets included).",
      httpConnections)
    single("antre_http_requests_total", "counter", "HTTP requests handled.", requests)
    family("antre_commit_seconds", "summary", "Group-commit latency (BEGIN to COMMIT done).")
    out += "antre_commit_seconds_sum \(commitSecondsSum)\nantre_commit_seconds_count \(commits)\n"
    single(
      "antre_commit_seconds_max", "gauge", "Slowest group commit since start.", commitSecondsMax)
    single(
      "antre_commit_batch_changes_total", "counter", "Commands committed in group commits.",
      batchedChanges)
    single(
      "antre_event_loop_lag_seconds", "gauge", "How late the last 1 s lag probe fired.",
      loopLagSeconds)
    single(
      "antre_event_loop_lag_max_seconds", "gauge", "Worst lag probe since start.", loopLagMaxSeconds
    )
    single(
      "antre_slow_subscribers_dropped_total", "counter", "Screens closed for not reading.",
      droppedSlowSubscribers)
    return out
  }
}
