import EscPos

extension TicketContent {
  /// What a ticket says, from the server's ticket and the hall of the last snapshot.
  /// - `ahead` is `position - 1`: position 1 is the next to be called, with nobody ahead.
  /// - The wait is rounded up to whole minutes, so "±0 menit" means no wait at all.
  /// - Counters are those serving the ticket's service and not closed (all of them, if
  ///   every one is closed: the visitor still learns where to go).
  /// - The QR code opens `track.html` under the hall's `public_url`, or under `serverURL`
  ///   (the box's `--server`) when the hall file has none, with the ticket's key (`&k=`) so
  ///   the visitor holding the paper can cancel it.
  public init(ticket: BoxTicket, hall: BoxHall, serverURL: String) {
    let service = hall.services.first { $0.id == ticket.service }
    let serving = hall.counters.filter { $0.services.contains(ticket.service) }
    let open = serving.filter { $0.state != "closed" }
    let base = (hall.publicURL.flatMap { $0.isEmpty ? nil : $0 } ?? serverURL)
    let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
    self.init(
      hallName: hall.name,
      serviceName: service?.name ?? ticket.service,
      serviceNameEn: service?.nameEn ?? "",
      number: ticket.number,
      issuedAt: IssuedTime.text(ticket.issuedAt, offset: hall.utcOffset) ?? ticket.issuedAt,
      ahead: max(0, (ticket.position ?? 1) - 1),
      etaMinutes: ticket.etaS.map { max(0, ($0 + 59) / 60) },
      counters: (open.isEmpty ? serving : open).map(\.name),
      trackURL: trimmedBase + "/track.html?t=" + ticket.id + (ticket.key.map { "&k=" + $0 } ?? ""),
      footer: hall.footer,
      priority: ticket.priority)
  }
}
