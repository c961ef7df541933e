import HTTP
import HallWire
import QueueCore

extension HallApp {
  /// `GET /metrics`: Prometheus text, read live from the hall, the feed and the listener.
  func metricsResponse(now: Millis) -> HTTPResponse {
    let waiting = hall.waitingCounts().counts.map { ($0.service, $0.waiting) }
    return .text(
      metrics.render(
        waiting: waiting, connections: feed.connectionCounts, httpConnections: httpConnections())
        + (backupReport()?.metricsText ?? "") + (centralStatus()?.metrics(now: now) ?? "")
        + (noticeSender?.metricsText(now: now) ?? ""),
      contentType: "text/plain; version=0.0.4")
  }
}
