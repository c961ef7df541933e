import Wording

/// How the ticket's QR code reaches paper.
public enum TicketQR: Sendable, Equatable {
  /// A `GS v 0` raster of the code, drawn by the caller from `trackURL` to fit `Paper.dots`:
  /// every printer with graphics prints it, where many cheap 58 mm printers ignore `GS ( k`
  /// or print its bytes as text.
  case raster(BitImage)
  /// `GS ( k`: the printer draws the code itself (`--qr native`).
  case native
}

/// The Antre queue ticket, centred on 58 mm or 80 mm paper: hall, service, the number as large as
/// the paper allows, time, people ahead and wait, counters, a QR code of the tracking page.
public enum TicketLayout {
  /// The printer bytes of one ticket, from `ESC @` to the partial cut. Throws only when the
  /// tracking URL is too long for a native QR code or the raster is wider than the paper.
  public static func render(_ content: TicketContent, paper: Paper, qr: TicketQR)
    throws(EscPosError) -> [UInt8]
  {
    var out = EscPosEncoder().initialize().codePage(codePage).align(.center)
    // Styles change only between lines that differ, so a wrapped bold name is one ESC E pair.
    var (bold, scale) = (false, 1)
    func style(bold wantBold: Bool, scale wantScale: Int) throws(EscPosError) {
      if wantScale != scale { out = try out.size(width: wantScale, height: wantScale) }
      if wantBold != bold { out = out.bold(wantBold) }
      (bold, scale) = (wantBold, wantScale)
    }
    for block in blocks(content, paper: paper) {
      if case .text(_, let lineBold, let lineScale) = block {
        try style(bold: lineBold, scale: lineScale)
      } else {
        try style(bold: false, scale: 1)
      }
      switch block {
      case .text(let text, _, _):
        out = out.line(text)
      case .rule:
        out = out.line(String(repeating: "-", count: paper.columns))
      case .blank:
        out = out.newline()
      case .qr(let url):
        switch qr {
        case .native:
          out = try out.qrCode(url, moduleSize: paper.nativeQRModuleSize, errorCorrection: .medium)
            .newline()
        case .raster(let image):
          guard image.width <= paper.dots else {
            throw .parameterOutOfRange(
              name: "QR image width", value: image.width, allowed: 1...paper.dots)
          }
          // Its own quiet zone spaces it from the lines around it.
          out = out.rasterImage(try image.centred(in: paper.dots))
        }
      }
    }
    try style(bold: false, scale: 1)
    return try out.feed(lines: 4).cut(.partial).bytes
  }

  /// The same lines as plain text, centred in the paper's columns, for logs and tests. A number
  /// printed at n× width shows as its characters n columns apart; the QR code as its URL.
  public static func renderText(_ content: TicketContent, paper: Paper) -> String {
    let columns = paper.columns
    func centred(_ text: String, width: Int) -> String {
      String(repeating: " ", count: max(0, (columns - width) / 2)) + text
    }
    var lines: [String] = []
    for block in blocks(content, paper: paper) {
      switch block {
      case .text(let text, _, let scale):
        let spread = text.map { String($0) + String(repeating: " ", count: scale - 1) }
          .joined()
        let trimmed = String(spread.reversed().drop { $0 == " " }.reversed())
        lines.append(centred(trimmed, width: TextWrap.columns(text) * scale))
      case .rule:
        lines.append(String(repeating: "-", count: columns))
      case .blank:
        lines.append("")
      case .qr(let url):
        for part in TextWrap.wrap(words: ["[QR]", url], width: columns) {
          lines.append(centred(part, width: TextWrap.columns(part)))
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// PC437 is every printer's power-on page and carries ±, the only non-ASCII glyph used.
  static let codePage = CodePage.pc437

  enum Block: Equatable {
    /// One printed line that fits the paper at `scale`× width and height.
    case text(String, bold: Bool, scale: Int)
    case rule
    case blank
    case qr(String)
  }

  static func blocks(_ content: TicketContent, paper: Paper) -> [Block] {
    let columns = paper.columns
    func printable(_ text: String) -> String {
      Transliteration.printable(text, codePage: codePage)
    }
    func wrapped(_ text: String, bold: Bool = false, scale: Int = 1) -> [Block] {
      TextWrap.wrap(printable(text), width: columns / scale).map {
        .text($0, bold: bold, scale: scale)
      }
    }
    /// As large as fits on one line, up to `largest`.
    func largest(_ text: String, upTo largest: Int) -> Int {
      let width = max(1, TextWrap.columns(printable(text)))
      return max(1, min(largest, columns / width))
    }

    var blocks: [Block] = wrapped(content.hallName, bold: true)
    blocks.append(.rule)
    blocks += wrapped(content.serviceName)
    blocks += wrapped(content.serviceNameEn)
    blocks.append(.blank)
    blocks += wrapped("NOMOR ANTREAN")
    // The number as wide as the paper allows (8× is the largest character size there is).
    let scale = largest(content.number, upTo: 8)
    blocks += wrapped(content.number, bold: true, scale: scale)
    if content.priority {
      let marker = "* PRIORITAS *"
      blocks += wrapped(marker, bold: true, scale: largest(marker, upTo: 2))
    }
    if let slot = content.appointment {
      // Shown to the officer who calls it: this visitor booked the slot.
      let marker = "Janji temu \(slot)"
      blocks += wrapped(marker, bold: true, scale: largest(marker, upTo: 2))
    }
    blocks.append(.blank)
    blocks += wrapped(content.issuedAt)
    blocks.append(.rule)
    blocks += wrapped("Di depan Anda: \(content.ahead) orang")
    if let eta = content.etaSeconds {
      // Label and wait on one line when they fit, else each on its own: never a wait
      // broken in the middle ("kurang dari 1 / menit").
      let wait = Wait.estimate(seconds: eta, .id)
      let line = "Perkiraan tunggu: " + wait
      blocks +=
        TextWrap.columns(printable(line)) <= columns
        ? wrapped(line) : wrapped("Perkiraan tunggu:") + wrapped(wait)
    }
    if !content.counters.isEmpty {
      // A counter's name stays on one line: "Loket" never ends a line without its number.
      let names = content.counters.map(printable)
      let words =
        ["Dilayani", "di:"]
        + names.enumerated().map { index, name in
          index < names.count - 1 ? name + "," : name
        }
      blocks += TextWrap.wrap(words: words, width: columns).map {
        .text($0, bold: false, scale: 1)
      }
    }
    if let url = content.trackURL, !url.isEmpty {
      // A blank line keeps the rule out of the symbol's quiet zone (4 modules).
      blocks += [.rule, .blank, .qr(url)]
      blocks += wrapped("Pindai untuk memantau antrean")
    }
    if let footer = content.footer, !footer.isEmpty {
      blocks.append(.blank)
      blocks += wrapped(footer)
    }
    return blocks
  }
}
