/// How many terminal columns text takes, so that lines can be cut and padded to the
/// window. Follows what xterm-like terminals do with wcwidth: combining marks take none,
/// East Asian wide characters and emoji take two, everything else one.
extension Character {
  public var terminalWidth: Int {
    guard let first = unicodeScalars.first else { return 0 }
    if unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    return first.terminalWidth
  }
}

extension Unicode.Scalar {
  public var terminalWidth: Int {
    let v = value
    if v == 0 { return 0 }
    if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if v == 0x200B { return 0 }
    for range in Self.wideRanges where range.contains(v) { return 2 }
    return 1
  }

  private static let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0,
    0x23F3...0x23F3, 0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F,
    0x2693...0x2693, 0x26A1...0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5,
    0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA, 0x26F2...0x26F3, 0x26F5...0x26F5,
    0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B, 0x2728...0x2728,
    0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
    0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
    0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
    0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
    0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18AFF,
    0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF, 0x1F18E...0x1F18E,
    0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
    0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD,
    0x30000...0x3FFFD,
  ]
}

extension String {
  /// Columns this text takes on a terminal.
  public var terminalWidth: Int { reduce(0) { $0 + $1.terminalWidth } }

  /// The longest prefix that fits in `width` columns; ends in "…" when cut.
  public func truncated(toWidth width: Int) -> String {
    guard width > 0 else { return "" }
    if terminalWidth <= width { return self }
    var result = ""
    var used = 0
    for character in self {
      let w = character.terminalWidth
      if used + w > width - 1 { break }
      result.append(character)
      used += w
    }
    return result + "…"
  }

  /// Cut to `width` columns, then padded with spaces to exactly `width`.
  public func fitted(toWidth width: Int) -> String {
    let cut = truncated(toWidth: width)
    return cut + String(repeating: " ", count: max(0, width - cut.terminalWidth))
  }

  /// Padded on the left to `width` columns (numbers in a column).
  public func rightAligned(toWidth width: Int) -> String {
    let cut = truncated(toWidth: width)
    return String(repeating: " ", count: max(0, width - cut.terminalWidth)) + cut
  }

  /// Split at spaces into lines of at most `width` columns; a word longer than a line is
  /// cut. Past `maxLines` the last line ends in "…".
  public func wrapped(toWidth width: Int, maxLines: Int = .max) -> [String] {
    guard width > 0, maxLines > 0 else { return [] }
    var lines: [String] = []
    var current = ""
    for word in split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
      let candidate = current.isEmpty ? word : current + " " + word
      if candidate.terminalWidth <= width {
        current = candidate
        continue
      }
      if !current.isEmpty { lines.append(current) }
      current = word.terminalWidth <= width ? word : word.truncated(toWidth: width)
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    guard lines.count > maxLines else { return lines }
    var kept = Array(lines.prefix(maxLines))
    kept[maxLines - 1] = (kept[maxLines - 1] + " " + lines[maxLines]).truncated(toWidth: width)
    return kept
  }
}
