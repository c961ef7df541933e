import HallWire
import FoundationEssentials
import Terminal

/// Everything that can happen to the console.
public enum ConsoleInput: Sendable {
  case key(Key)
  case event(FeedMessage)
  case feedConnected
  case feedDisconnected(reason: String)
  /// The clock moved (once a second): elapsed times change.
  case tick(Date)
  /// The answer to a `.send` action.
  case result(OfficerRequest, Result<CommandOutcome, OfficerError>)
}

/// What the console asks its driver to do.
public enum ConsoleAction: Equatable, Sendable {
  case send(OfficerRequest)
  case quit
  case redraw
}
