/// One styled line of the screen.
public struct ScreenLine: Equatable, Sendable {
  public enum Style: Equatable, Sendable { case plain, bold, reverse }

  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }
}

/// What is on the terminal now, so that a new frame only rewrites the rows that changed.
public struct Screen: Sendable {
  public private(set) var width: Int
  public private(set) var height: Int
  private var shown: [ScreenLine]?

  public init(width: Int, height: Int) {
    self.width = max(1, width)
    self.height = max(1, height)
  }

  /// After a resize the terminal's contents are unknown: the next frame redraws all.
  public mutating func resize(width: Int, height: Int) {
    self.width = max(1, width)
    self.height = max(1, height)
    shown = nil
  }

  public mutating func invalidate() { shown = nil }

  /// The bytes that turn what is shown into `lines`: each line cut to the width, missing
  /// rows blank, rows beyond the height dropped.
  public mutating func frame(_ lines: [ScreenLine]) -> String {
    var rows = Array(lines.prefix(height)).map {
      ScreenLine($0.text.truncated(toWidth: width), style: $0.style)
    }
    rows += Array(repeating: ScreenLine(""), count: height - rows.count)
    var out = ""
    if shown == nil { out += ANSI.reset + ANSI.clearScreen }
    for (index, row) in rows.enumerated() where shown?[index] != row {
      out += ANSI.moveTo(row: index + 1, column: 1)
      switch row.style {
      case .plain: out += row.text + ANSI.clearToEndOfLine
      case .bold: out += ANSI.bold + row.text + ANSI.clearToEndOfLine + ANSI.reset
      // Reverse video spans the whole row, so pad instead of clearing.
      case .reverse: out += ANSI.reverse + row.text.fitted(toWidth: width) + ANSI.reset
      }
    }
    shown = rows
    return out
  }
}
