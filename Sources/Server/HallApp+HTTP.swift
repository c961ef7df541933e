import FoundationEssentials
import HTTP
import QueueCore
import Reactor

/// What a request asks for, once routed.
enum Endpoint: Sendable {
  case hall, issue, ticket, cancel, counter, stats, statsCSV, health, metrics
}

extension Router where Handler == Endpoint {
  static func makeAPI() -> Router<Endpoint> {
    var r = Router<Endpoint>()
    r.add(.GET, "/api/hall", .hall)
    r.add(.POST, "/api/tickets", .issue)
    r.add(.GET, "/api/tickets/:id", .ticket)
    r.add(.DELETE, "/api/tickets/:id", .cancel)
    r.add(.POST, "/api/counters/:n/:action", .counter)
    r.add(.GET, "/api/stats", .stats)
    r.add(.GET, "/api/stats.csv", .statsCSV)
    r.add(.GET, "/healthz", .health)
    r.add(.GET, "/metrics", .metrics)
    return r
  }
}

// Bodies. Unknown keys are ignored; wrong types are refused with the key's name.
struct IssueBody: Decodable {
  var service: String
  var priority: Bool?
  var box: String?
  var request: String?
}

struct CallBody: Decodable {
  var service: String?
  var number: String?
}

struct TransferBody: Decodable {
  var service: String
}

struct PauseBody: Decodable {
  var reason: String?
}

/// The two requests a busy hall gets most, recognised without the generic `Router` (which
/// splits the path and builds captures for every route it tries).
enum FastRoute: Equatable {
  case issue
  case counter(Int, action: String)
}

extension HallApp {
  /// `POST /api/tickets` and `POST /api/counters/N/ACTION` in their plain spelling, with `N`
  /// a number the router's `int` accepts; anything else (an empty segment, a trailing slash, a
  /// counter that is not a number) goes through the router, which gives the same answers and
  /// the errors for the rest.
  static func fastRoute(_ path: String) -> FastRoute? {
    let u = path.utf8
    if u.elementsEqual("/api/tickets".utf8) { return .issue }
    let prefix = "/api/counters/".utf8
    guard u.count > prefix.count, u.starts(with: prefix) else { return nil }
    var n = 0
    var digits = 0
    var i = u.index(u.startIndex, offsetBy: prefix.count)
    while i != u.endIndex, let d = asciiDigit(u[i]) {
      guard digits < 9 else { return nil }
      n = n * 10 + d
      digits += 1
      i = u.index(after: i)
    }
    guard digits > 0, i != u.endIndex, u[i] == UInt8(ascii: "/") else { return nil }
    let actionStart = u.index(after: i)
    guard actionStart != u.endIndex, !u[actionStart...].contains(UInt8(ascii: "/")) else {
      return nil
    }
    return .counter(n, action: String(Substring(path.utf8[actionStart...])))
  }

  private static func asciiDigit(_ c: UInt8) -> Int? {
    c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") ? Int(c - UInt8(ascii: "0")) : nil
  }

  /// Answers a request; `respond` may run later, once the change it made is committed.
  func handle(
    _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) {
    metrics.requests += 1
    if request.method == .POST, let fast = Self.fastRoute(request.path) {
      do throws(HTTPError) {
        switch fast {
        case .issue:
          let role = tokens.role(for: bearerToken(from: request.headers))
          try issue(request, role: role, now: now, monotonic: monotonic, respond: respond)
        case .counter(let n, let action):
          try counter(n, action: action, request, now: now, respond: respond)
        }
      } catch {
        respond(error.response)
      }
      return
    }
    switch router.match(request.method, request.path) {
    case .found(let endpoint, let params):
      do throws(HTTPError) {
        try route(endpoint, params, request, now: now, monotonic: monotonic, respond: respond)
      } catch {
        respond(error.response)
      }
    case .methodNotAllowed(let allowed):
      var response = HTTPError.methodNotAllowed().response
      response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
      respond(response)
    case .notFound:
      respond(staticFile(request))
    }
  }

  private func route(
    _ endpoint: Endpoint, _ params: RouteParameters, _ request: HTTPRequest, now: Millis,
    monotonic: Double, respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    let role = tokens.role(for: bearerToken(from: request.headers))
    switch endpoint {
    case .health:
      respond(.jsonBytes(Array(#"{"status":"ok"}"#.utf8)))
    case .metrics:
      let waiting = hall.waitingCounts().counts.map { ($0.service, $0.waiting) }
      respond(
        .text(
          metrics.render(
            waiting: waiting, connections: connectionCounts, httpConnections: httpConnections()),
          contentType: "text/plain; version=0.0.4"))
    case .hall:
      respond(.json(hall.hallView(at: now, boxes: boxes())))
    case .ticket:
      let id = params["id"] ?? ""
      if let ticket = hall.ticket(id: id, at: now) {
        respond(.jsonBytes(ticket.jsonBytes))
      } else if id.count <= 64, let row = try? store.ticket(id: id), let record = TicketRecord(row)
      {
        respond(.jsonBytes(Ticket(record: record, zone: config.zone).jsonBytes))
      } else {
        throw .notFound("no ticket with that id")
      }
    case .cancel:
      perform(.cancel(ticketID: params["id"] ?? ""), now: now, for: request, replyTo: respond)
    case .issue:
      try issue(request, role: role, now: now, monotonic: monotonic, respond: respond)
    case .counter:
      guard let n = params.int("n") else {
        throw .notFound("no counter `\(params["n"] ?? "")`", code: "unknown_counter")
      }
      try counter(n, action: params["action"] ?? "", request, now: now, respond: respond)
    case .stats, .statsCSV:
      guard let role else { throw unauthorized(request) }
      guard role == .admin else { throw .forbidden("statistics need the admin token") }
      let day = request.query["date"] ?? hall.day
      guard isISODate(day) else { throw .badRequest("`date` must be YYYY-MM-DD") }
      let records: [TicketRecord]
      do {
        records = try store.tickets(day: day).compactMap(TicketRecord.init)
      } catch {
        throw .storage
      }
      if endpoint == .stats {
        respond(.json(Stats.compute(tickets: records, config: config, date: day)))
      } else {
        var response = HTTPResponse.text(
          Stats.csv(tickets: records, config: config), contentType: "text/csv")
        response.headers.set(
          "Content-Disposition", "attachment; filename=\"antre-\(day).csv\"")
        respond(response)
      }
    }
  }

  /// 401 in words that say which of the two went wrong.
  private func unauthorized(_ request: HTTPRequest) -> HTTPError {
    bearerToken(from: request.headers) == nil
      ? .unauthorized("a bearer token is required (Authorization: Bearer TOKEN)")
      : .unauthorized("this token is not recognised; check the token you were given")
  }

  private func counter(
    _ n: Int, action: String, _ request: HTTPRequest, now: Millis,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard let role = tokens.role(for: bearerToken(from: request.headers)) else {
      throw unauthorized(request)
    }
    guard role == .admin || role == .counter(n) else {
      throw .forbidden("this token is not for counter \(n)")
    }
    let command = try counterCommand(action, counter: n, body: request.body)
    perform(command, now: now, for: request, replyTo: respond)
  }

  private func issue(
    _ request: HTTPRequest, role: Role?, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard let role else { throw unauthorized(request) }
    let body: IssueBody
    if let plain = IssueBody.parsePlain(request.body) {
      body = plain
    } else {
      body = try decodeBody(request.body)
    }
    switch role {
    case .admin: break
    case .kiosk(let box):
      if let asked = body.box, asked != box {
        throw .forbidden("this kiosk token belongs to box \(box), not \(asked)")
      }
      guard kioskAllows(box, monotonic: monotonic) else { throw .rateLimited() }
    case .counter: throw .forbidden("issuing needs a kiosk or admin token")
    }
    if let request = body.request, request.isEmpty || request.count > 128 {
      throw .badRequest("`request` must be 1–128 characters")
    }
    if let box = body.box {
      guard config.kiosks.contains(where: { $0.id == box }) else {
        throw .notFound("no ticket box `\(box)`")
      }
      guard isBoxConnected(box) else {
        throw HTTPError(
          status: 503, code: "printer_offline",
          message: "ticket box \(box) is not connected; no ticket was issued")
      }
    }
    perform(
      .issue(
        service: body.service, priority: body.priority ?? false, box: body.box,
        request: body.request), now: now, for: request, replyTo: respond)
  }

  private func counterCommand(_ action: String, counter n: Int, body: [UInt8]) throws(HTTPError)
    -> Command
  {
    switch action {
    case "call":
      let b: CallBody = body.isEmpty ? CallBody() : try decodeBody(body)
      switch (b.service, b.number) {
      case (nil, nil): return .call(counter: n, .auto)
      case (let s?, nil): return .call(counter: n, .service(s))
      case (nil, let num?): return .call(counter: n, .number(num))
      case (_?, _?): throw .badRequest("give `service` or `number`, not both")
      }
    case "recall": return .recall(counter: n)
    case "start": return .start(counter: n)
    case "done": return .done(counter: n)
    case "noshow": return .noshow(counter: n)
    case "transfer":
      let b: TransferBody = try decodeBody(body)
      return .transfer(counter: n, to: b.service)
    case "pause":
      let b: PauseBody = body.isEmpty ? PauseBody() : try decodeBody(body)
      if let r = b.reason, r.count > 200 { throw .badRequest("`reason` is over 200 characters") }
      return .pause(counter: n, reason: b.reason)
    case "resume": return .resume(counter: n)
    case "open": return .open(counter: n)
    case "close": return .close(counter: n)
    default: throw .notFound("no counter action `\(action)`")
    }
  }

  private func perform(
    _ command: Command, now: Millis, for request: HTTPRequest,
    replyTo respond: @escaping (HTTPResponse) -> Void
  ) {
    perform(command, now: now, indonesian: prefersIndonesian(request.headers)) { result in
      switch result {
      case .failure(let error): respond(error.response)
      case .success(.ticket(let ticket, let created)):
        respond(.jsonBytes(status: created ? 201 : 200, ticket.jsonBytes))
      case .success(.counter(let counter)): respond(.jsonBytes(counter.jsonBytes))
      case .success(.nobodyWaiting): respond(.noContent)
      case .success(.acknowledged): respond(.noContent)
      case .success(.officer), .success(.surveyed): respond(.noContent)  // issue 12: phase B
      }
    }
  }

  private func staticFile(_ request: HTTPRequest) -> HTTPResponse {
    guard request.method == .GET || request.method == .HEAD else {
      return HTTPError.notFound("no such resource").response
    }
    let files: StaticFiles
    var path = request.path
    if path.hasPrefix("/assets/") {
      files = StaticFiles(root: resourceRoot + "/Assets")
      path = String(path.dropFirst("/assets".count))
    } else {
      files = StaticFiles(root: resourceRoot + "/Displays")
    }
    guard let file = files.resolve(path),
      let data = FileManager.default.contents(atPath: file.path)
    else {
      return HTTPError.notFound("no such page or file").response
    }
    if file.isNotModified(request.headers) {
      return HTTPResponse(status: 304, headers: file.headers)
    }
    return HTTPResponse(
      status: 200, headers: file.headers, body: request.method == .HEAD ? [] : Array(data))
  }
}

func decodeBody<T: Decodable>(_ body: [UInt8]) throws(HTTPError) -> T {
  guard !body.isEmpty else { throw .badRequest("a JSON body is required") }
  do {
    return try JSONDecoder().decode(T.self, from: Data(body))
  } catch {
    throw .badRequest(describe(error))
  }
}

/// `Accept-Language: id` (or `id-ID`, first in the list) asks for the domain's Indonesian
/// wording of a refusal; anything else gets English.
func prefersIndonesian(_ headers: HTTPHeaders) -> Bool {
  guard let value = headers["Accept-Language"] else { return false }
  let first = value.split(separator: ",").first?.split(separator: ";").first ?? ""
  let tag = first.trimmingCharacters(in: .whitespaces).lowercased()
  return tag == "id" || tag.hasPrefix("id-")
}

func isISODate(_ s: String) -> Bool {
  let b = Array(s.utf8)
  guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
  return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
}
