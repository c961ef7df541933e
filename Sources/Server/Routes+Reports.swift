import HTTP
import HallWire
import QueueCore
import Reports
import Storage

enum ReportKind { case stats, csv, ikm, report }

extension HallApp {
  /// A report's computation: reads the store it is given (on another thread, in the server)
  /// and makes the whole response.
  typealias ReportWork = @Sendable (Store) throws(StorageError) -> HTTPResponse

  /// `GET /api/stats?from&to` (or `date`), `/api/stats.csv`, `/api/ikm`, `/api/report`
  /// (admin). The request is checked here, on the loop; the report is computed by
  /// `runReport`, which the server gives a thread of its own, so a year's report (about a
  /// second of CPU) never holds the hall's calls and tickets.
  func rangeReport(
    _ request: HTTPRequest, kind: ReportKind, respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard try role(of: request) == .admin else {
      throw .forbidden("reports need the admin token")
    }
    let q = request.query
    let range: ReportRange
    do {
      range = try ReportRange(
        from: q["from"] ?? q["date"], to: q["to"] ?? q["date"], today: hall.day)
    } catch {
      throw HTTPError(error, indonesian: prefersIndonesian(request.headers))
    }
    let config = self.config
    let work: ReportWork
    switch kind {
    case .csv:
      let semicolon = q["sep"] == ";"
      guard q["sep"] == nil || semicolon || q["sep"] == "," else {
        throw .badRequest("`sep` is , or ;")
      }
      work = { store throws(StorageError) in
        try Self.ticketsCSV(store: store, config: config, range: range, semicolon: semicolon)
      }
    case .stats:
      work = { store throws(StorageError) in
        .json(try ReportLoader.stats(store: store, config: config, range: range))
      }
    case .ikm:
      work = { store throws(StorageError) in
        .json(try ReportLoader.stats(store: store, config: config, range: range).ikm)
      }
    case .report:
      let format = q["format"] ?? "html"
      guard ["html", "csv", "table"].contains(format) else {
        throw .badRequest("`format` is html, csv or table")
      }
      work = { store throws(StorageError) in
        Self.report(
          try ReportLoader.stats(store: store, config: config, range: range), format: format,
          config: config, range: range)
      }
    }
    let run = runReport ?? { [unowned self] work, done in done(Self.run(work, on: self.store)) }
    run(work) { result in
      switch result {
      case .success(let response): respond(response)
      case .failure: respond(HTTPError.storage.response)
      }
    }
  }

  static func run(_ work: ReportWork, on store: Store) -> Result<HTTPResponse, StorageError> {
    do throws(StorageError) {
      return .success(try work(store))
    } catch {
      return .failure(error)
    }
  }

  private static func ticketsCSV(
    store: Store, config: HallConfig, range: ReportRange, semicolon: Bool
  ) throws(StorageError) -> HTTPResponse {
    var records: [TicketRecord] = []
    let first = dayNumber(of: range.from) ?? 0
    for d in 0..<Int64(range.days) {
      records += try store.tickets(day: dateText(ofDay: first + d))
    }
    var response = HTTPResponse.text(
      TicketsCSV.render(tickets: records, config: config, semicolon: semicolon),
      contentType: "text/csv")
    let name = range.days == 1 ? range.from : "\(range.from)_\(range.to)"
    response.headers.set("Content-Disposition", "attachment; filename=\"antre-\(name).csv\"")
    return response
  }

  private static func report(
    _ stats: RangeStats, format: String, config: HallConfig, range: ReportRange
  ) -> HTTPResponse {
    switch format {
    case "csv":
      var response = HTTPResponse.text(ReportCSV.render(stats), contentType: "text/csv")
      response.headers.set(
        "Content-Disposition", "attachment; filename=\"laporan-\(range.from)_\(range.to).csv\"")
      return response
    case "table": return .text(ReportTable.render(stats))
    default:
      return .text(
        ReportHTML.render(stats, generatedAt: config.zone.rfc3339(wallClockMillis())),
        contentType: "text/html")
    }
  }
}
