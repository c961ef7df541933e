/// The escape sequences the console uses (VT100/xterm, understood by every terminal
/// emulator an officer's PC is likely to have).
public enum ANSI {
  public static let enterAlternateScreen = "\u{1B}[?1049h"
  public static let leaveAlternateScreen = "\u{1B}[?1049l"
  public static let hideCursor = "\u{1B}[?25l"
  public static let showCursor = "\u{1B}[?25h"
  public static let clearScreen = "\u{1B}[2J"
  public static let clearToEndOfLine = "\u{1B}[K"
  public static let reset = "\u{1B}[0m"
  public static let bold = "\u{1B}[1m"
  public static let reverse = "\u{1B}[7m"

  /// Cursor to `row`, `column`, both counted from 1.
  public static func moveTo(row: Int, column: Int) -> String {
    "\u{1B}[\(row);\(column)H"
  }
}
