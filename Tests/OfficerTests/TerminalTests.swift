import HallWire
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@testable import Terminal

@Test func keysDecodeFromRawBytes() {
  #expect(
    KeyDecoder.keys(in: Array("nR q".utf8)) == [
      .character("n"), .character("R"), .space, .character("q"),
    ])
  #expect(KeyDecoder.keys(in: [0x0D, 0x7F, 0x03, 0x1B]) == [.enter, .backspace, .ctrlC, .escape])
  #expect(
    KeyDecoder.keys(in: [0x1B, 0x5B, 0x41, 0x1B, 0x5B, 0x44, 0x1B, 0x4F, 0x42]) == [
      .up, .left, .down,
    ])
  #expect(KeyDecoder.keys(in: Array("é".utf8)) == [.character("é")])
  #expect(
    KeyDecoder.keys(in: [0x1B, 0x5B, 0x31, 0x35, 0x7E]) == [
      .unknown([0x1B, 0x5B, 0x31, 0x35, 0x7E])
    ])
}

@Test func keysSplitAcrossReadsWaitForTheRest() {
  var decoder = KeyDecoder()
  #expect(decoder.decode([0x1B, 0x5B]) == [])
  #expect(decoder.decode([0x43, 0xC3]) == [.right])
  #expect(decoder.decode([0xA9, 0x6E]) == [.character("é"), .character("n")])
}

@Test func escapeFollowedByAKeyIsTwoKeys() {
  #expect(KeyDecoder.keys(in: [0x1B, 0x71]) == [.escape, .character("q")])
}

@Test func widthCountsColumnsNotBytes() {
  #expect("Memanggil A012 — 4".terminalWidth == 18)
  #expect("漢字".terminalWidth == 4)
  #expect("e\u{301}".terminalWidth == 1)
  #expect("Loket 3 — buka".truncated(toWidth: 9) == "Loket 3 …")
  #expect("漢字漢字".truncated(toWidth: 5) == "漢字…")
  #expect("A012".fitted(toWidth: 6) == "A012  ")
  #expect("7".rightAligned(toWidth: 3) == "  7")
}

@Test func screenRedrawsOnlyChangedRows() {
  var screen = Screen(width: 10, height: 3)
  let first = screen.frame([ScreenLine("one"), ScreenLine("two")])
  #expect(first.contains(ANSI.clearScreen) && first.contains("one") && first.contains("two"))
  let second = screen.frame([ScreenLine("one"), ScreenLine("TWO")])
  #expect(second == ANSI.moveTo(row: 2, column: 1) + "TWO" + ANSI.clearToEndOfLine)
  #expect(screen.frame([ScreenLine("one"), ScreenLine("TWO")]) == "")
  screen.resize(width: 4, height: 2)
  let resized = screen.frame([ScreenLine("abcdefgh"), ScreenLine("x"), ScreenLine("dropped")])
  #expect(
    resized.contains(ANSI.clearScreen) && resized.contains("abc…") && !resized.contains("dropped"))
}

/// A pseudo-terminal pair: `follower` is what a program sees as its terminal.
private func openPseudoTerminal() -> (leader: Int32, follower: Int32)? {
  // Glibc's posix_openpt and ptsname are not visible to Swift, and TIOCSPTLCK and TIOCGPTN
  // are _IOW/_IOR macros it cannot import: these are their values on Linux (x86-64, arm64).
  let TIOCSPTLCK: UInt = 0x4004_5431
  let TIOCGPTN: UInt = 0x8004_5430
  let leader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
  guard leader >= 0 else { return nil }
  var unlock: Int32 = 0
  var number: UInt32 = 0
  guard ioctl(leader, TIOCSPTLCK, &unlock) == 0, ioctl(leader, TIOCGPTN, &number) == 0
  else { return nil }
  let follower = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
  guard follower >= 0 else { return nil }
  return (leader, follower)
}

@Test func rawModeIsEnteredAndRestoredOnAPseudoTerminal() throws {
  let (leader, follower) = try #require(openPseudoTerminal())
  defer {
    close(leader)
    close(follower)
  }
  var window = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
  #expect(ioctl(follower, UInt(TIOCSWINSZ), &window) == 0)
  var before = termios()
  tcgetattr(follower, &before)
  #expect(before.c_lflag & tcflag_t(ICANON) != 0)

  let terminal = try RawTerminal(input: follower, output: follower)
  var during = termios()
  tcgetattr(follower, &during)
  #expect(during.c_lflag & tcflag_t(ICANON | ECHO | ISIG) == 0)
  #expect(terminal.size == TerminalSize(columns: 80, rows: 24))

  terminal.restore()
  terminal.restore()
  var after = termios()
  tcgetattr(follower, &after)
  #expect(after.c_lflag == before.c_lflag && after.c_iflag == before.c_iflag)

  // The pty hands output over asynchronously: read until the restore sequence is in.
  var written = ""
  let expectedEnd = ANSI.showCursor + ANSI.leaveAlternateScreen
  var reader = pollfd(fd: leader, events: Int16(POLLIN), revents: 0)
  while !written.hasSuffix(expectedEnd), poll(&reader, 1, 2000) == 1 {
    var buffer = [UInt8](repeating: 0, count: 256)
    let n = read(leader, &buffer, buffer.count)
    guard n > 0 else { break }
    written += String(decoding: buffer.prefix(n), as: UTF8.self)
  }
  #expect(written.hasPrefix(ANSI.enterAlternateScreen + ANSI.hideCursor))
  #expect(written.hasSuffix(ANSI.showCursor + ANSI.leaveAlternateScreen))
}

@Test func aPipeIsNotATerminal() {
  var fds: [Int32] = [0, 0]
  pipe(&fds)
  defer {
    close(fds[0])
    close(fds[1])
  }
  #expect(throws: TerminalError.notATerminal) { try RawTerminal(input: fds[0], output: fds[1]) }
}

@Test func textWrapsAtSpacesAndEllipsesPastTheLastLine() {
  #expect("satu dua tiga empat".wrapped(toWidth: 9) == ["satu dua", "tiga", "empat"])
  #expect("satu dua tiga empat".wrapped(toWidth: 9, maxLines: 2) == ["satu dua", "tiga emp…"])
  #expect("Kependudukan".wrapped(toWidth: 6) == ["Kepen…"])
  #expect("".wrapped(toWidth: 5) == [""])
}
