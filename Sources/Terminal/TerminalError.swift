/// Why the terminal could not be set up.
public enum TerminalError: Error, Equatable, Sendable {
  /// Standard input is not a terminal (a pipe, a file): the console needs one.
  case notATerminal
  /// A system call failed; `call` names the libc function.
  case system(call: String, errno: Int32)
}
