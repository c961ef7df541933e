import HallWire

extension Hall {
  /// Waiting tickets whose holder is told by notices (PROTOCOL 1.1 "Notices"): remote ones and
  /// checked-in appointments, which have a phone. The server's "near" trigger walks them
  /// after each change; they are few (the remote share and the day's bookings).
  public func waitingTicketsWithPhone() -> [TicketRecord] {
    tickets.values.filter { $0.state == .waiting && ($0.phone != nil || $0.booking != nil) }
  }
}
