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
    let role = try role(of: request)
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
      guard kioskLimiter.allow(box, now: monotonic) else { throw .rateLimited() }
    case .counter: throw .forbidden("issuing needs a kiosk or admin token")
    }
    if let request = body.request, request.isEmpty || request.count > 128 {
      throw .badRequest("`request` must be 1–128 characters")
    }
    if let box = body.box {
      guard config.kiosks.contains(where: { $0.id == box }) else {
        throw .notFound("no ticket box `\(box)`")
      }
      guard feed.isBoxConnected(box) else {
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

  /// `GET /api/tickets/{id}`: today's from the hall, older ones from the store.
  func ticket(id: String, now: Millis) throws(HTTPError) -> HTTPResponse {
    if let ticket = hall.ticket(id: id, at: now) { return .jsonBytes(ticket.jsonBytes) }
    if id.count <= 64, let row = try? store.ticket(id: id), let record = TicketRecord(row) {
      return .jsonBytes(Ticket(record: record, zone: config.zone).jsonBytes)
    }
    throw .notFound("no ticket with that id")
  }
}
