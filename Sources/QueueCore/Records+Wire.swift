import HallWire

extension Ticket {
  /// The wire view of a stored ticket; `position` and `etaS` only the live hall knows, and
  /// `key` only the reply to the one it was issued to carries.
  public init(
    record r: TicketRecord, zone: HallZone, position: Int? = nil, etaS: Int? = nil,
    officer: OfficerRef? = nil
  ) {
    self.init(
      id: r.id, number: r.number, service: r.service, state: r.state, priority: r.priority,
      issuedAt: zone.rfc3339(r.issuedAt), calledAt: r.calledAt.map(zone.rfc3339),
      counter: r.counter, calls: r.calls, position: position, etaS: etaS, officer: officer,
      startedAt: r.startedAt.map(zone.rfc3339Millis), remote: r.remote,
      appointment: r.appointment.map(zone.rfc3339))
  }
}
