/// A transport-free ESC/POS encoder: each call appends one command and returns the encoder, so a
/// receipt reads as a chain; `bytes` is what goes to the printer.
///
///     let bytes = try EscPosEncoder().initialize().align(.center).line("Halo").cut(.partial).bytes
///
/// Methods are `consuming` so a chain moves one buffer along instead of copying it at each step.
public struct EscPosEncoder: Sendable {
  public internal(set) var bytes: [UInt8] = []
  /// The page `text` encodes for: the one last selected, PC437 (the power-on page) before that.
  public private(set) var selectedCodePage: CodePage = .pc437

  public init() {}

  /// `ESC @`: clears sizes, emphasis, alignment and the code page the last job left behind.
  public consuming func initialize() -> Self {
    bytes += [EscPosBytes.ESC, EscPosBytes.AT]
    selectedCodePage = .pc437
    return self
  }

  /// `ESC t n`.
  public consuming func codePage(_ page: CodePage) -> Self {
    bytes += [EscPosBytes.ESC, EscPosBytes.SMALL_T, page.rawValue]
    selectedCodePage = page
    return self
  }

  /// `ESC a n`: takes effect only at the start of a line.
  public consuming func align(_ alignment: Alignment) -> Self {
    bytes += [EscPosBytes.ESC, EscPosBytes.SMALL_A, alignment.rawValue]
    return self
  }

  /// `ESC E n`.
  public consuming func bold(_ on: Bool = true) -> Self {
    bytes += [EscPosBytes.ESC, EscPosBytes.CAPITAL_E, on ? 1 : 0]
    return self
  }

  /// `ESC - n`.
  public consuming func underline(_ underline: Underline) -> Self {
    bytes += [EscPosBytes.ESC, EscPosBytes.MINUS, underline.rawValue]
    return self
  }

  /// `GS ! n`: width and height multipliers, 1...8 each; the high nibble is width - 1.
  public consuming func size(width: Int = 1, height: Int = 1) throws(EscPosError) -> Self {
    guard (1...8).contains(width), (1...8).contains(height) else {
      throw .sizeOutOfRange(width: width, height: height)
    }
    bytes += [EscPosBytes.GS, EscPosBytes.EXCLAMATION, UInt8((width - 1) << 4 | (height - 1))]
    return self
  }

  /// Text in the selected code page (see `Transliteration`); "\n" becomes a line feed.
  public consuming func text(_ text: String) -> Self {
    var first = true
    for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if !first { bytes.append(EscPosBytes.LF) }
      bytes += selectedCodePage.encode(String(part))
      first = false
    }
    return self
  }

  /// Text followed by a line feed.
  public consuming func line(_ text: String = "") -> Self {
    self.text(text).newline()
  }

  /// `LF`: prints the buffer and advances one line.
  public consuming func newline() -> Self {
    bytes.append(EscPosBytes.LF)
    return self
  }

  /// `ESC d n`: prints the buffer and advances n lines.
  public consuming func feed(lines: Int) throws(EscPosError) -> Self {
    guard (0...255).contains(lines) else {
      throw .parameterOutOfRange(name: "feed lines", value: lines, allowed: 0...255)
    }
    bytes += [EscPosBytes.ESC, EscPosBytes.SMALL_D, UInt8(lines)]
    return self
  }

  /// `GS V m`: cuts where the paper stands (after the last printed line, not past the cutter).
  public consuming func cut(_ cut: Cut) -> Self {
    bytes += [EscPosBytes.GS, EscPosBytes.CAPITAL_V, cut.immediate]
    return self
  }

  /// `GS V m n`: feeds the last line past the cutter, plus `dots`, then cuts.
  public consuming func cut(_ cut: Cut, feedingDots dots: Int) throws(EscPosError) -> Self {
    guard (0...255).contains(dots) else {
      throw .parameterOutOfRange(name: "cut feed dots", value: dots, allowed: 0...255)
    }
    bytes += [EscPosBytes.GS, EscPosBytes.CAPITAL_V, cut.afterFeed, UInt8(dots)]
    return self
  }

  /// `DLE EOT n`: answered at once with one byte, even while the printer is offline.
  public consuming func statusRequest(_ request: StatusRequest) -> Self {
    bytes += [EscPosBytes.DLE, EscPosBytes.EOT, request.rawValue]
    return self
  }

  /// Bytes this encoder has no command for, appended as they are.
  public consuming func raw(_ data: [UInt8]) -> Self {
    bytes += data
    return self
  }
}
