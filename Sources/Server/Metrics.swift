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
    family("antre_tickets_issued_total", "counter", "Tickets issued since start, by service.")
    for (s, n) in issued.sorted(by: { $0.key < $1.key }) {
      out += "antre_tickets_issued_total{service=\"\(s)\"} \(n)\n"
    }
    family("antre_tickets_served_total", "counter", "Tickets finished as done since start.")
    for (s, n) in served.sorted(by: { $0.key < $1.key }) {
      out += "antre_tickets_served_total{service=\"\(s)\"} \(n)\n"
    }
    family("antre_waiting", "gauge", "Tickets waiting now, by service.")
    for (s, n) in waiting { out += "antre_waiting{service=\"\(s)\"} \(n)\n" }
    family("antre_connections", "gauge", "Open WebSocket connections, by role.")
    for (r, n) in connections { out += "antre_connections{role=\"\(r)\"} \(n)\n" }
    family("antre_http_connections", "gauge", "Open HTTP connections (feed sockets included).")
    out += "antre_http_connections \(httpConnections)\n"
    family("antre_http_requests_total", "counter", "HTTP requests handled.")
    out += "antre_http_requests_total \(requests)\n"
    family("antre_commit_seconds", "summary", "Group-commit latency (BEGIN to COMMIT done).")
    out += "antre_commit_seconds_sum \(commitSecondsSum)\nantre_commit_seconds_count \(commits)\n"
    family("antre_commit_seconds_max", "gauge", "Slowest group commit since start.")
    out += "antre_commit_seconds_max \(commitSecondsMax)\n"
    family("antre_commit_batch_changes_total", "counter", "Commands committed in group commits.")
    out += "antre_commit_batch_changes_total \(batchedChanges)\n"
    family("antre_event_loop_lag_seconds", "gauge", "How late the last 1 s lag probe fired.")
    out += "antre_event_loop_lag_seconds \(loopLagSeconds)\n"
    family("antre_event_loop_lag_max_seconds", "gauge", "Worst lag probe since start.")
    out += "antre_event_loop_lag_max_seconds \(loopLagMaxSeconds)\n"
    family("antre_slow_subscribers_dropped_total", "counter", "Screens closed for not reading.")
    out += "antre_slow_subscribers_dropped_total \(droppedSlowSubscribers)\n"
    return out
  }
}
