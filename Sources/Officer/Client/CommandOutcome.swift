import HallWire
/// What a successful officer command did, decoded from the server's answer.
public enum CommandOutcome: Equatable, Sendable {
  case called(Ticket)
  /// `call` answered 204.
  case nobodyWaiting
  case recalled(Ticket)
  case started(Ticket)
  case done(Ticket)
  case noShow(Ticket)
  case transferred(Ticket)
  case paused(Counter, reason: String?)
  case resumed(Counter)
  case opened(Counter)
  case closed(Counter)
  case status(HallView)
  case signedIn(Counter)
  case signedOut(Counter)
}
