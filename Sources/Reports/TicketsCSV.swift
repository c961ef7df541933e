import QueueCore

/// `GET /api/stats.csv`: one row per ticket, in issue order; times RFC 3339 in the hall's
/// zone. Ticket ids are left out: they identify a ticket on the public feed. `called_at` is
/// the first call in the ticket's service (what `wait_s` ends at); `called_back_at` the
/// latest call after a no-show; `transferred_from` the services it left, space-separated;
/// `appointment_at` the slot of a booked visitor's ticket, `remote` a number taken from a
/// phone (columns added last, so older spreadsheets keep their columns). No names or phones.
public enum TicketsCSV {
  public static let header = [
    "date", "number", "service", "issued_service", "priority", "state", "issued_at",
    "called_at", "started_at", "finished_at", "counter", "calls", "wait_s", "service_s",
    "called_back_at", "transferred_from", "appointment_at", "remote",
  ]

  /// `semicolon`: `;` between fields and a UTF-8 byte order mark first, so a spreadsheet set
  /// to Indonesian (where `,` is the decimal mark) opens it in columns.
  public static func render(tickets: [TicketRecord], config: HallConfig, semicolon: Bool = false)
    -> String
  {
    let sep: Character = semicolon ? ";" : ","
    let zone = config.zone
    var out = (semicolon ? CSV.bom : "") + CSV.row(header, separator: sep)
    let sorted = tickets.sorted {
      ($0.day, $0.issuedAt, $0.number) < ($1.day, $1.issuedAt, $1.number)
    }
    for t in sorted {
      out += CSV.row(
        [
          t.day, t.number, t.service, t.issuedService, t.priority ? "true" : "false",
          t.state.rawValue, zone.rfc3339(t.issuedAt), t.firstCall.map(zone.rfc3339) ?? "",
          t.startedAt.map(zone.rfc3339) ?? "", t.finishedAt.map(zone.rfc3339) ?? "",
          t.counter.map(String.init) ?? "", String(t.calls),
          Stats.waitSeconds(t).map(String.init) ?? "",
          Stats.serviceSeconds(t).map(String.init) ?? "",
          t.wasCalledBack ? t.calledAt.map(zone.rfc3339) ?? "" : "",
          t.legs.map(\.service).joined(separator: " "),
          t.appointment.map(zone.rfc3339) ?? "", t.remote ? "true" : "false",
        ], separator: sep)
    }
    return out
  }
}
