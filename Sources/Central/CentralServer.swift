import HallWire
import FoundationEssentials
import HTTP
import InitMacros
import Logging
import Postgres
import QueueCore
import Reactor

/// What `antre central` needs to start; tests build one directly.
@PublicInit
public struct CentralOptions: Sendable {
  public var postgresURL: String
  public var host: String = "127.0.0.1"
  public var port: Int = 8090
  public var adminToken: String
  /// Where `Displays/` lives.
  public var resourceRoot: String
  /// A hall unheard for this long is `silent`; one this far behind is `lagging`.
  public var silentAfterSeconds = 30
  /// The longest period one report may cover.
  public var maxReportDays = 366
}

/// Why `antre central` could not start.
public enum CentralError: Error, CustomStringConvertible {
  case postgres(PostgresError)
  case listen(HTTPServerError)

  public var description: String {
    switch self {
    case .postgres(let e): e.message
    case .listen(let e): "cannot listen: \(e)"
    }
  }

  public var exitCode: Int32 {
    switch self {
    case .postgres(.badURL): 64  // EX_USAGE
    case .postgres: 69  // EX_UNAVAILABLE
    case .listen: 69
    }
  }
}

/// `antre central`: the region's API and page, on one loop, reading only PostgreSQL.
public final class CentralServer {
  public let loop: EventLoop
  public let boundPort: Int
  public let host: String
  private let options: CentralOptions
  private let http: HTTPServer
  private let database: PostgresClient
  private let logger: Logger
  private var router = Router<Endpoint>()
  private var signals: SignalWatcher?

  enum Endpoint { case halls, stats, ikm, health }

  /// Checks the URL, migrates the central schema (waiting: once, at start) and listens.
  public init(options: CentralOptions, logger: Logger) throws(CentralError) {
    self.options = options
    self.logger = logger
    do {
      try PostgresConnection.validate(url: options.postgresURL)
      let setup = try PostgresConnection(
        url: options.postgresURL, applicationName: "antre central")
      try CentralMigrations.migrate(setup)
    } catch {
      throw .postgres(error)
    }
    loop = EventLoop(priorities: 3)
    do {
      database = try PostgresClient(loop: loop, url: options.postgresURL)
    } catch {
      throw .postgres(error)
    }
    do {
      http = try HTTPServer(loop: loop, host: options.host, port: options.port)
    } catch {
      throw .listen(error)
    }
    host = options.host
    boundPort = http.boundPort
    router.add(.GET, "/api/halls", .halls)
    router.add(.GET, "/api/halls/:hall/stats", .stats)
    router.add(.GET, "/api/halls/:hall/ikm", .ikm)
    router.add(.GET, "/healthz", .health)
    http.onRequest = { [unowned self] exchange in self.handle(exchange) }
    signals = SignalWatcher(loop: loop) { [unowned self] _ in self.shutdown() }
  }

  public func run() { loop.run() }

  public func shutdown() {
    http.close()
    loop.stop()
  }

  private func handle(_ exchange: HTTPExchange) {
    let request = exchange.request
    switch router.match(request.method, request.path) {
    case .found(let endpoint, let parameters):
      do {
        try route(endpoint, parameters, request, exchange)
      } catch {
        exchange.respond(error)
      }
    case .methodNotAllowed(let allowed):
      var response = HTTPError.methodNotAllowed().response
      response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
      exchange.respond(response)
    case .notFound:
      exchange.respond(staticFile(request))
    }
  }

  private func route(
    _ endpoint: Endpoint, _ parameters: RouteParameters, _ request: HTTPRequest,
    _ exchange: HTTPExchange
  ) throws(HTTPError) {
    if endpoint == .health {
      database.query("SELECT 1") { result in
        switch result {
        case .success: exchange.respond(.jsonBytes(Array(#"{"status":"ok"}"#.utf8)))
        case .failure(let error): exchange.respond(Self.httpError(error))
        }
      }
      return
    }
    guard let token = bearerToken(from: request.headers) else { throw .unauthorized() }
    guard constantTimeEquals(token, options.adminToken) else { throw .forbidden() }
    switch endpoint {
    case .halls:
      run(RegionQueries.halls, [String(options.silentAfterSeconds)], exchange)
    case .stats, .ikm:
      let hall = parameters["hall"] ?? ""
      guard CentralTarget.isValidHallID(hall) else {
        throw .notFound("no hall with that id", code: "not_found")
      }
      let (from, to) = try period(request.query)
      run(endpoint == .stats ? RegionQueries.stats : RegionQueries.ikm, [hall, from, to], exchange)
    case .health:
      break
    }
  }

  /// `from`/`to` (or `date`), `YYYY-MM-DD`; both default to today (UTC) when absent.
  private func period(_ query: [String: String]) throws(HTTPError) -> (String, String) {
    let today = HallZone(identifier: "UTC", secondsFromUTC: 0).day(of: wallClockMilliseconds())
    let from = query["from"] ?? query["date"] ?? query["to"] ?? today
    let to = query["to"] ?? query["date"] ?? from
    guard let a = dayNumber(of: from), let b = dayNumber(of: to) else {
      throw .badRequest("from, to and date must be YYYY-MM-DD dates")
    }
    guard a <= b else { throw .badRequest("from must not be after to") }
    guard b - a < Int64(options.maxReportDays) else {
      throw .badRequest("a report covers at most \(options.maxReportDays) days")
    }
    return (from, to)
  }

  private func run(_ sql: String, _ parameters: [String?], _ exchange: HTTPExchange) {
    database.query(sql, parameters) { result in
      switch result {
      case .success(let rows):
        guard let json = rows.scalar else {
          exchange.respond(HTTPError.notFound("no hall with that id"))
          return
        }
        exchange.respond(.jsonBytes(Array(json.utf8)))
      case .failure(let error):
        exchange.respond(Self.httpError(error))
      }
    }
  }

  static func httpError(_ error: PostgresError) -> HTTPError {
    HTTPError(status: error.httpStatus, code: error.code, message: error.message)
  }

  private func staticFile(_ request: HTTPRequest) -> HTTPResponse {
    StaticFiles(root: options.resourceRoot + "/Displays").response(
      to: request, path: request.path == "/" ? "/region.html" : request.path)
  }

}
