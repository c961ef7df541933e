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
  public init(ticket: BoxTicket, hall: BoxHall, serverURL: String) {
    let service = hall.services.first { $0.id == ticket.service }
    let serving = hall.counters.filter { $0.services.contains(ticket.service) }
    let open = serving.filter { $0.state != "closed" }
    let base = (hall.publicURL.flatMap { $0.isEmpty ? nil : $0 } ?? serverURL)
    let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
    var link = trimmedBase + "/track.html?t=" + queryValue(ticket.id)
    if let key = ticket.key, !key.isEmpty { link += "&k=" + queryValue(key) }
    let issuedAt = IssuedTime.text(ticket.issuedAt, offset: hall.utcOffset) ?? ticket.issuedAt
    self.init(
      hallName: hall.name,
      serviceName: service?.name ?? ticket.service,
      serviceNameEn: service?.nameEn ?? "",
      number: ticket.number,
      issuedAt: issuedAt,
      ahead: Wait.peopleAhead(position: ticket.position ?? 1),
      etaSeconds: ticket.etaS.map { max(0, $0) },
      counters: (open.isEmpty ? serving : open).map(\.name),
      trackURL: link,
      footer: hall.footer,
      priority: ticket.priority)
  }
}

/// Percent-encodes all but RFC 3986's unreserved characters: ids and keys are URL-safe
/// already, so this only matters for a server that sends something else.
private func queryValue(_ text: String) -> String {
  var out = ""
  for byte in text.utf8 {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
      UInt8(ascii: "_"), UInt8(ascii: "~"):
      out.unicodeScalars.append(Unicode.Scalar(byte))
    default:
      let hex = Array("0123456789ABCDEF".unicodeScalars)
      out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 15)])
    }
  }
  return out
}
