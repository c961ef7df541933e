import HTTP
import HallWire
import QueueCore
import Reactor

/// What a request asks for, once routed.
enum Endpoint: Sendable {
  case hall, issue, ticket, cancel, counter, stats, statsCSV, health, metrics
  case officers, officer, officerPIN, survey, ikm, report  // issue 12: Routes+Officers.swift
  case qr, counterView
  case slots, bookings, booking, checkIn  // issue 18: Routes+Bookings.swift
}

extension Router where Handler == Endpoint {
  /// The API; anything else is a static file (Routes+Static.swift).
  static func makeAPI() -> Router<Endpoint> {
    var r = Router<Endpoint>()
    r.add(.GET, "/api/hall", .hall)
    r.add(.POST, "/api/tickets", .issue)
    r.add(.GET, "/api/tickets/:id", .ticket)
    r.add(.DELETE, "/api/tickets/:id", .cancel)
    r.add(.POST, "/api/counters/:n/:action", .counter)
    r.add(.GET, "/api/stats", .stats)
    r.add(.GET, "/api/stats.csv", .statsCSV)
    r.add(.GET, "/api/ikm", .ikm)
    r.add(.GET, "/api/report", .report)
    r.add(.GET, "/api/officers", .officers)
    r.add(.POST, "/api/officers", .officers)
    r.add(.DELETE, "/api/officers/:id", .officer)
    r.add(.POST, "/api/officers/:id/pin", .officerPIN)
    r.add(.POST, "/api/tickets/:id/survey", .survey)
    r.add(.GET, "/healthz", .health)
    r.add(.GET, "/qr.svg", .qr)
    r.add(.GET, "/api/counters/:n", .counterView)
    r.add(.GET, "/metrics", .metrics)
    r.add(.GET, "/api/slots", .slots)
    r.add(.POST, "/api/bookings", .bookings)
    r.add(.POST, "/api/bookings/checkin", .checkIn)
    r.add(.GET, "/api/bookings/:id", .booking)
    r.add(.DELETE, "/api/bookings/:id", .booking)
    return r
  }
}

extension HallApp {
  /// Answers a request; `respond` may run later, once the change it made is committed.
  /// Returns true for a counter's action: the loop then serves that connection first, since
  /// an officer and a visitor wait for it while a rush of tickets can wait a millisecond.
  @discardableResult
  func handle(
    _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) -> Bool {
    metrics.requests += 1
    switch router.match(request.method, request.path) {
    case .found(let endpoint, let params):
      do throws(HTTPError) {
        try route(endpoint, params, request, now: now, monotonic: monotonic, respond: respond)
        // Only a request with the counter's (or the admin's) token gets this far: a stranger
        // on the hall's Wi-Fi cannot buy priority with a bad one.
        return endpoint == .counter
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
    return false
  }

  private func route(
    _ endpoint: Endpoint, _ params: RouteParameters, _ request: HTTPRequest, now: Millis,
    monotonic: Double, respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    switch endpoint {
    case .health: respond(health(now: now))
    case .qr: respond(try qrCode(request))
    case .counterView:
      guard let n = params.int("n"), let counter = hall.counter(n, at: now) else {
        throw .notFound("no counter `\(params["n"] ?? "")`", code: "unknown_counter")
      }
      let role = try role(of: request)
      guard role == .admin || role == .counter(n) else {
        throw .forbidden("this token is not for counter \(n)")
      }
      respond(.jsonBytes(counter.jsonBytes))
    case .metrics: respond(metricsResponse(now: now))
    case .hall: respond(.jsonBytes(hall.hallView(at: now, boxes: boxes()).jsonBytes))
    case .ticket: respond(try ticket(id: params["id"] ?? "", now: now))
    case .cancel:
      let id = params["id"] ?? ""
      try authorizeCancel(id, request)
      perform(.cancel(ticketID: id), now: now, for: request, replyTo: respond)
    case .issue: try issue(request, now: now, monotonic: monotonic, respond: respond)
    case .counter:
      guard let n = params.int("n") else {
        throw .notFound("no counter `\(params["n"] ?? "")`", code: "unknown_counter")
      }
      try counter(n, action: params["action"] ?? "", request, now: now, respond: respond)
      if commits.isOpen { onCounterAction() }
    case .stats: try rangeReport(request, kind: .stats, respond: respond)
    case .statsCSV: try rangeReport(request, kind: .csv, respond: respond)
    case .ikm: try rangeReport(request, kind: .ikm, respond: respond)
    case .report: try rangeReport(request, kind: .report, respond: respond)
    case .officers: try officers(request, id: nil, pin: false, now: now, respond: respond)
    case .officer: try officers(request, id: params["id"], pin: false, now: now, respond: respond)
    case .officerPIN:
      try officers(request, id: params["id"], pin: true, now: now, respond: respond)
    case .survey: try survey(request, id: params["id"] ?? "", now: now, respond: respond)
    case .slots: respond(try slots(request, now: now))
    case .bookings: try book(request, now: now, monotonic: monotonic, respond: respond)
    case .booking: try booking(request, id: params["id"] ?? "", now: now, respond: respond)
    case .checkIn: try checkIn(request, now: now, monotonic: monotonic, respond: respond)
    }
  }

  /// PROTOCOL 1.1: the ticket's key (`?key=` or `X-Ticket-Key`), or a counter or admin token.
  /// Anything else is 403 and changes nothing; an unknown ticket is left to the command (404).
  func authorizeCancel(_ id: String, _ request: HTTPRequest) throws(HTTPError) {
    switch tokens.role(for: bearerToken(from: request.headers)) {
    case .admin, .counter: return
    case .kiosk, nil: break
    }
    guard let expected = hall.ticketKey(id: id) else {
      if hall.record(id: id) == nil { return }
      throw .forbidden("this ticket cannot be cancelled here; ask at a counter")
    }
    let presented = request.query["key"] ?? request.headers["X-Ticket-Key"] ?? ""
    guard constantTimeEquals(presented, expected) else {
      throw .forbidden("cancelling needs the ticket's key (the link on the printed ticket)")
    }
  }

  /// The caller's role, or 401 in words that say whether the token was missing or unknown.
  func role(of request: HTTPRequest) throws(HTTPError) -> Role {
    let token = bearerToken(from: request.headers)
    if let role = tokens.role(for: token) { return role }
    throw token == nil
      ? .unauthorized("a bearer token is required (Authorization: Bearer TOKEN)")
      : .unauthorized("this token is not recognised; check the token you were given")
  }

  /// Runs a command for a request and answers with its reply once committed.
  func perform(
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
      case .success(.officer(let officer)): respond(.jsonBytes(officer.jsonBytes))
      case .success(.surveyed): respond(.jsonBytes(status: 201, Array(#"{"status":"ok"}"#.utf8)))
      case .success(.booked(let booking, let key)):
        respond(.jsonBytes(status: 201, BookingCreated(booking: booking, key: key).jsonBytes))
      case .success(.booking(let booking)): respond(.jsonBytes(booking.jsonBytes))
      }
    }
  }
}
