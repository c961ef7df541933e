import HTTP
import HallWire
import QueueCore
import Storage

// Appointments and remote tickets (PROTOCOL 1.1): slots, bookings, check-in. Every change
// goes through `perform`, so its reply leaves only after the group commit.

struct BookingBody: Decodable {
  var service: String
  var start: String
  var name: String
  var phone: String
}

struct CheckInBody: Decodable {
  var code: String
  var box: String?
}

extension HallApp {
  /// `GET /api/slots?service=A&date=YYYY-MM-DD` (public).
  func slots(_ request: HTTPRequest, now: Millis) throws(HTTPError) -> HTTPResponse {
    guard let service = request.query["service"], !service.isEmpty else {
      throw .badRequest("`service` is required (?service=A&date=YYYY-MM-DD)")
    }
    guard let date = request.query["date"], !date.isEmpty else {
      throw .badRequest("`date` is required (?service=A&date=YYYY-MM-DD)")
    }
    let slots: [Slot]
    do {
      slots = try hall.slots(service: service, date: date, at: now)
    } catch {
      throw HTTPError(error, indonesian: prefersIndonesian(request.headers))
    }
    var json = JSONWriter(capacity: 64 + slots.count * 48)
    json.array(slots)
    return .jsonBytes(json.bytes)
  }

  /// `POST /api/bookings` (public): `{"service", "start", "name", "phone"}`.
  func book(
    _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    let body: BookingBody = try decodeBody(request.body)
    guard let start = RFC3339(body.start) else {
      throw .badRequest("`start` must be a slot's start as RFC 3339 (from GET /api/slots)")
    }
    guard body.name.utf8.count <= 400 else { throw .badRequest("`name` is too long") }
    try checkPublicRate(request, monotonic: monotonic)
    perform(
      .book(service: body.service, start: start.millis, name: body.name, phone: body.phone),
      now: now, for: request, replyTo: respond)
  }

  /// `GET /api/bookings/{id}?key=KEY` and `DELETE` (cancels): the booking's key, 403
  /// without it (nothing changes).
  func booking(
    _ request: HTTPRequest, id: String, now: Millis, respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    let presented = request.query["key"] ?? request.headers["X-Booking-Key"] ?? ""
    let record: BookingRecord
    let held: Bool
    if let b = hall.booking(id: id) {
      record = b
      held = true
    } else if id.count <= 64, let b = try? store.booking(id: id) {
      record = b
      held = false
    } else {
      throw .notFound("no booking with that id")
    }
    guard !presented.isEmpty, constantTimeEquals(presented, record.key) else {
      throw .forbidden(
        "viewing or cancelling a booking needs its key (the link given when it was made)")
    }
    guard request.method == .DELETE else {
      return respond(.jsonBytes(hall.bookingView(record).jsonBytes))
    }
    guard held else {
      throw .conflict("this booking's day has passed; it can no longer be cancelled")
    }
    perform(.cancelBooking(id: id), now: now, for: request, replyTo: respond)
  }

  /// `POST /api/bookings/checkin` (kiosk, admin): `{"code", "box"?}` → 201 Ticket with its
  /// key; with `box`, a print job goes to that box as for `POST /api/tickets`.
  func checkIn(
    _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    _ = try role(of: request)
    let body: CheckInBody = try decodeBody(request.body)
    guard body.code.utf8.count <= 32 else { throw .badRequest("`code` is too long") }
    try requireKioskOrAdmin(request, box: body.box, monotonic: monotonic, doing: "check-in")
    try checkBoxCanPrint(body.box)
    perform(.checkIn(code: body.code, box: body.box), now: now, for: request, replyTo: respond)
  }

  /// `POST /api/tickets` with `"remote": true` (public): today's ticket from a phone.
  func issueRemote(
    _ body: IssueBody, _ request: HTTPRequest, now: Millis, monotonic: Double,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard let phone = body.phone, !phone.isEmpty else {
      throw .badRequest("`phone` is required for a remote ticket")
    }
    guard body.box == nil else { throw .badRequest("a remote ticket is not printed: no `box`") }
    if let request = body.request, request.isEmpty || request.count > 128 {
      throw .badRequest("`request` must be 1–128 characters")
    }
    try checkPublicRate(request, monotonic: monotonic)
    // Its own namespace: a phone's request id never finds a kiosk's ticket.
    perform(
      .issueRemote(
        service: body.service, phone: phone, request: body.request.map { "remote:" + $0 }),
      now: now, for: request, replyTo: respond)
  }

  /// Bookings and remote tickets per address (the hall file's `trusted`, a reverse proxy
  /// say, is exempt); the per-phone cap is the domain's.
  func checkPublicRate(_ request: HTTPRequest, monotonic: Double) throws(HTTPError) {
    guard !config.trusted.contains(request.remoteAddress) else { return }
    guard publicLimiter.allow(request.remoteAddress, now: monotonic) else {
      throw .rateLimited(
        prefersIndonesian(request.headers)
          ? "Terlalu banyak permintaan dari alamat ini; coba lagi nanti."
          : "too many bookings and remote tickets from this address; try again later")
    }
  }

  /// A print job's box must exist and be connected, or nothing is issued.
  func checkBoxCanPrint(_ box: String?) throws(HTTPError) {
    guard let box else { return }
    guard config.kiosks.contains(where: { $0.id == box }) else {
      throw .notFound("no ticket box `\(box)`")
    }
    guard feed.isBoxConnected(box) else {
      throw HTTPError(
        status: 503, code: "printer_offline",
        message: "ticket box \(box) is not connected; no ticket was issued")
    }
  }
}
