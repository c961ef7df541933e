import HallWire

extension Hall {
  /// Waiting tickets whose holder is told by notices (PROTOCOL 1.1 "Notices"): remote ones
  /// and checked-in appointments, which have a phone; only those with at most
  /// `limit(service)` tickets ahead of them in their own service's list. That count is a
  /// lower bound on people ahead (a list is called in its order), so no ticket that is near
  /// is left out, and the caller works out the real position of the few that remain: the
  /// server's "near" trigger runs after every change.
  public func waitingTicketsWithPhone(aheadAtMost limit: (String) -> Int) -> [TicketRecord] {
    tickets.values.filter { t in
      guard t.state == .waiting, t.phone != nil || t.booking != nil,
        let i = queues[t.service]?.index(of: QueueEntry(t))
      else { return false }
      return i <= limit(t.service)
    }
  }
}
