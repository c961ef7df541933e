#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Columns and rows of a terminal window.
public struct TerminalSize: Equatable, Sendable {
  public var columns: Int
  public var rows: Int

  /// The classic 80 × 24, for a terminal that does not say its size.
  public static let standard = TerminalSize(columns: 80, rows: 24)
}

/// A terminal in raw mode on the alternate screen, with the cursor hidden. `restore()`
/// (also run on deinit) puts back the settings it found, so the officer's shell is left as
/// it was on every way out: quit, Ctrl-C (read as a key, since raw mode turns off ISIG),
/// SIGTERM and SIGHUP (the driver's signal handlers call `restore()`).
public final class RawTerminal {
  public let input: Int32
  public let output: Int32
  private var saved: termios
  private var active = false

  /// Saves the settings of `input` and switches it to raw mode; writes the set-up
  /// sequences to `output`.
  public init(input: Int32 = 0, output: Int32 = 1) throws(TerminalError) {
    guard isatty(input) == 1 else { throw .notATerminal }
    self.input = input
    self.output = output
    saved = termios()
    guard tcgetattr(input, &saved) == 0 else {
      throw .system(call: "tcgetattr", errno: errno)
    }
    var raw = saved
    // cfmakeraw, but keeping output processing so "\n" still returns the carriage.
    raw.c_iflag &= ~tcflag_t(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON)
    raw.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN)
    raw.c_cflag &= ~tcflag_t(CSIZE | PARENB)
    raw.c_cflag |= tcflag_t(CS8)
    withUnsafeMutableBytes(of: &raw.c_cc) { cc in
      cc[Int(VMIN)] = 1
      cc[Int(VTIME)] = 0
    }
    guard tcsetattr(input, TCSAFLUSH, &raw) == 0 else {
      throw .system(call: "tcsetattr", errno: errno)
    }
    active = true
    write(ANSI.enterAlternateScreen + ANSI.hideCursor + ANSI.clearScreen)
  }

  deinit { restore() }

  public var isActive: Bool { active }

  /// Leaves the alternate screen, shows the cursor and restores the saved settings.
  /// Safe to call more than once.
  public func restore() {
    guard active else { return }
    active = false
    write(ANSI.reset + ANSI.showCursor + ANSI.leaveAlternateScreen)
    _ = tcsetattr(input, TCSAFLUSH, &saved)
  }

  /// Writes all of `text` to the terminal.
  public func write(_ text: String) {
    Self.writeAll(output, Array(text.utf8))
  }

  /// The window's size by `ioctl(TIOCGWINSZ)`, or nil when the terminal does not say.
  public var size: TerminalSize? { Self.size(of: output) }

  public static func size(of fd: Int32) -> TerminalSize? {
    var window = winsize()
    guard ioctl(fd, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0
    else { return nil }
    return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
  }

  /// Reads what is available on `input` (at most 256 bytes); nil at end of file.
  public func readAvailable() throws(TerminalError) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: 256)
    while true {
      let n = buffer.withUnsafeMutableBytes { systemRead(input, $0.baseAddress, $0.count) }
      if n == 0 { return nil }
      if n > 0 { return Array(buffer.prefix(n)) }
      if errno == EINTR { continue }
      if errno == EAGAIN { return [] }
      throw .system(call: "read", errno: errno)
    }
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var rest = bytes[...]
    while !rest.isEmpty {
      let n = rest.withUnsafeBytes { systemWrite(fd, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return }
      rest = rest.dropFirst(n)
    }
  }
}

/// `read(2)` and `write(2)`, named apart from the class's own `write`.
private func systemRead(_ fd: Int32, _ pointer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
  read(fd, pointer, count)
}

private func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer?, _ count: Int) -> Int {
  write(fd, pointer, count)
}
