import HTTP
import HallWire
import QueueCore
import Storage

extension HallApp {
  /// `POST /api/tickets`: kiosks (for their own box) and the admin.
  func issue(
    _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    let body: IssueBody
    if let plain = IssueBody.parsePlain(request.body) {
      body = plain
    } else {
      body = try decodeBody(request.body)
    }
    if body.remote == true {
      return try issueRemote(body, request, now: now, monotonic: monotonic, respond: respond)
    }
    try requireKioskOrAdmin(request, box: body.box, monotonic: monotonic, doing: "issuing")
    if let request = body.request, request.isEmpty || request.count > 128 {
      throw .badRequest("`request` must be 1–128 characters")
    }
    try checkBoxCanPrint(body.box)
    perform(
      .issue(
        service: body.service, priority: body.priority ?? false, box: body.box,
        request: body.request), now: now, for: request, replyTo: respond)
  }

  /// `GET /api/tickets/{id}`: today's from the hall, older ones from the store.
  func ticket(id: String, now: Millis) throws(HTTPError) -> HTTPResponse {
    if let ticket = hall.ticket(id: id, at: now) { return .jsonBytes(ticket.jsonBytes) }
    if id.count <= 64, let record = try? store.ticket(id: id) {
      let officer = hall.officerRef(record.officer)
      return .jsonBytes(Ticket(record: record, zone: config.zone, officer: officer).jsonBytes)
    }
    throw .notFound("no ticket with that id")
  }

  /// Issuing and check-in take a kiosk token (for its own box, within the kiosks' rate) or
  /// the admin's.
  func requireKioskOrAdmin(
    _ request: HTTPRequest, box asked: String?, monotonic: Double, doing what: String
  ) throws(HTTPError) {
    switch try role(of: request) {
    case .admin: break
    case .kiosk(let box):
      if let asked, asked != box {
        throw .forbidden("this kiosk token belongs to box \(box), not \(asked)")
      }
      guard kioskLimiter.allow(box, now: monotonic) else { throw .rateLimited() }
    case .counter: throw .forbidden("\(what) needs a kiosk or admin token")
    }
  }
}
