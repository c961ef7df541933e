import HTTP
import HallWire
import EscPos
import Wording

extension TicketContent {
  /// What a ticket says, from the server's ticket and the hall of the last snapshot.
  /// - `ahead` is `Wait.peopleAhead`: position 1 is the next to be called, with nobody ahead.
  /// - The wait is the server's `eta_s`, said on paper by `Wait.estimate`.
  /// - Counters are those serving the ticket's service and not closed (all of them, if
  ///   every one is closed: the visitor still learns where to go).
  /// - The QR code opens `track.html?t=ID&k=KEY` (PROTOCOL 1.1; without `k` when the server
  ///   sends no key) under the hall's `public_url`, or under `serverURL` (the box's
  ///   `--server`) when the hall file has none.
  public init(ticket: Ticket, hall: HallView, serverURL: String) {
    let service = hall.services.first { $0.id == ticket.service }
    let serving = hall.counters.filter { $0.services.contains(ticket.service) }
    let open = serving.filter { $0.state != .closed }
    let base = (hall.publicURL.flatMap { $0.isEmpty ? nil : $0 } ?? serverURL)
    let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
    var link = trimmedBase + "/track.html?t=" + percentEncoded(ticket.id)
    if let key = ticket.key, !key.isEmpty { link += "&k=" + percentEncoded(key) }
    let issuedAt = IssuedTime.text(ticket.issuedAt, offset: hall.utcOffset) ?? ticket.issuedAt
    self.init(
      hallName: hall.name,
      serviceName: service?.name ?? ticket.service,
      serviceNameEn: service?.nameEN ?? "",
      number: ticket.number,
      issuedAt: issuedAt,
      ahead: Wait.peopleAhead(position: ticket.position ?? 1),
      etaSeconds: ticket.etaS.map { max(0, $0) },
      counters: (open.isEmpty ? serving : open).map(\.name),
      trackURL: link,
      footer: hall.footer,
      priority: ticket.priority,
      appointment: ticket.appointment.flatMap(RFC3339.init).map {
        let clock = $0.local.clock
        return String(clock.prefix(2)) + "." + String(clock.dropFirst(3).prefix(2))
      })
  }
}
