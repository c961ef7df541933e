import HTTP
import HallWire
import QueueCore

extension HallApp {
  /// `GET /api/stats` and `/api/stats.csv` (admin).
  func stats(_ request: HTTPRequest, csv: Bool) throws(HTTPError) -> HTTPResponse {
    guard try role(of: request) == .admin else {
      throw .forbidden("statistics need the admin token")
    }
    let day = request.query["date"] ?? hall.day
    guard dayNumber(of: day) != nil else { throw .badRequest("`date` must be YYYY-MM-DD") }
    let records: [TicketRecord]
    do {
      records = try store.tickets(day: day).compactMap(TicketRecord.init)
    } catch {
      throw .storage
    }
    guard csv else { return .json(Stats.compute(tickets: records, config: config, date: day)) }
    var response = HTTPResponse.text(
      Stats.csv(tickets: records, config: config), contentType: "text/csv")
    response.headers.set("Content-Disposition", "attachment; filename=\"antre-\(day).csv\"")
    return response
  }

  /// `GET /metrics`: Prometheus text, read live from the hall, the feed and the listener.
  func metricsResponse() -> HTTPResponse {
    let waiting = hall.waitingCounts().counts.map { ($0.service, $0.waiting) }
    return .text(
      metrics.render(
        waiting: waiting, connections: feed.connectionCounts, httpConnections: httpConnections()),
      contentType: "text/plain; version=0.0.4")
  }
}
