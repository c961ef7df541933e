/// Greedy word wrap by columns, for text already made printable (one scalar, one column).
public enum TextWrap {
  /// Splits on spaces; a word longer than a line is the only thing ever broken.
  public static func wrap(_ text: String, width: Int) -> [String] {
    wrap(words: text.split(separator: " ").map(String.init), width: width)
  }

  /// Joins `words` with single spaces into lines of at most `width` columns. A word may hold
  /// spaces ("Loket 3") and stays whole when it fits on a line.
  public static func wrap(words: [String], width: Int) -> [String] {
    precondition(width > 0, "a line holds at least one column")
    var lines: [String] = []
    var current = ""
    for word in words where !word.isEmpty {
      if columns(word) > width {
        if !current.isEmpty { lines.append(current) }
        let pieces = word.contains(" ") ? wrap(word, width: width) : hardBreak(word, width: width)
        lines += pieces.dropLast()
        current = pieces.last ?? ""
      } else if current.isEmpty {
        current = word
      } else if columns(current) + 1 + columns(word) <= width {
        current += " " + word
      } else {
        lines.append(current)
        current = word
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }

  static func columns(_ text: String) -> Int { text.unicodeScalars.count }

  private static func hardBreak(_ word: String, width: Int) -> [String] {
    let scalars = Array(word.unicodeScalars)
    return stride(from: 0, to: scalars.count, by: width).map { start in
      var piece = String.UnicodeScalarView()
      piece.append(contentsOf: scalars[start..<min(start + width, scalars.count)])
      return String(piece)
    }
  }
}
