/// What a successful officer command did, decoded from the server's answer.
public enum CommandOutcome: Equatable, Sendable {
  case called(TicketInfo)
  /// `call` answered 204.
  case nobodyWaiting
  case recalled(TicketInfo)
  case started(TicketInfo)
  case done(TicketInfo)
  case noShow(TicketInfo)
  case transferred(TicketInfo)
  case paused(CounterInfo, reason: String?)
  case resumed(CounterInfo)
  case opened(CounterInfo)
  case closed(CounterInfo)
  case status(HallInfo)
}
