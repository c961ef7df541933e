import EscPos

/// Turns printer bytes back into a readable listing, one command or text run per line, and
/// measures every printed line at the character size in force. Tests read tickets through it;
/// any byte it does not understand fails the test instead of being skipped.
struct EscPosListing {
  struct Unreadable: Error, CustomStringConvertible {
    let offset: Int
    let reason: String
    var description: String { "byte \(offset): \(reason)" }
  }

  /// A line as it reaches paper: its text and its width in font-A columns.
  struct PrintedLine: Equatable {
    let text: String
    let columns: Int
  }

  private(set) var entries: [String] = []
  private(set) var lines: [PrintedLine] = []
  private(set) var qrPayloads: [String] = []
  /// `GS v 0` images, consecutive bands of one width joined into one picture.
  private(set) var rasters: [(width: Int, height: Int, bits: [UInt8])] = []

  var listing: String { entries.joined(separator: "\n") + "\n" }

  init(_ bytes: [UInt8]) throws {
    var index = 0
    var widthScale = 1
    var pending: [UInt8] = []
    var lastEntryWasRaster = false

    func need(_ count: Int) throws -> [UInt8] {
      guard index + count <= bytes.count else {
        throw Unreadable(offset: index, reason: "command cut short")
      }
      defer { index += count }
      return Array(bytes[index..<index + count])
    }
    func flushText() {
      guard !pending.isEmpty else { return }
      entries.append("TEXT \"\(Self.decode(pending))\"")
    }

    while index < bytes.count {
      let byte = bytes[index]
      if byte >= 0x20 && byte != 0x7F {
        pending.append(byte)
        lastEntryWasRaster = false
        index += 1
        continue
      }
      flushText()
      let followsRaster = lastEntryWasRaster
      lastEntryWasRaster = false
      let start = index
      index += 1
      switch byte {
      case 0x0A:
        entries.append("LF")
        lines.append(PrintedLine(text: Self.decode(pending), columns: pending.count * widthScale))
        pending = []
      case 0x10:
        let p = try need(2)
        guard p[0] == 0x04 else { throw Unreadable(offset: start, reason: "DLE \(p[0])") }
        entries.append("DLE EOT \(p[1])")
      case 0x1B:
        let op = try need(1)[0]
        switch op {
        case 0x40:
          entries.append("ESC @")
          widthScale = 1
        case 0x74: entries.append("ESC t \(try need(1)[0])")
        case 0x61: entries.append("ESC a \(try need(1)[0])")
        case 0x45: entries.append("ESC E \(try need(1)[0])")
        case 0x2D: entries.append("ESC - \(try need(1)[0])")
        case 0x64: entries.append("ESC d \(try need(1)[0])")
        default: throw Unreadable(offset: start, reason: "ESC \(op)")
        }
      case 0x1D:
        let op = try need(1)[0]
        switch op {
        case 0x21:
          let n = try need(1)[0]
          widthScale = Int(n >> 4) + 1
          entries.append("GS ! 0x" + String(n, radix: 16).leftPadded(to: 2))
        case 0x56:
          let m = try need(1)[0]
          switch m {
          case 0, 1, 48, 49: entries.append("GS V \(m)")
          case 65, 66: entries.append("GS V \(m) \(try need(1)[0])")
          default: throw Unreadable(offset: start, reason: "GS V \(m)")
          }
        case 0x76:
          let p = try need(6)
          guard p[0] == 0x30, p[1] == 0 else {
            throw Unreadable(offset: start, reason: "GS v \(p[0]) \(p[1])")
          }
          let row = Int(p[2]) | Int(p[3]) << 8
          let rows = Int(p[4]) | Int(p[5]) << 8
          let data = try need(row * rows)
          // FNV-1a: the listing shows which image without its bytes; the .bin holds them.
          var hash: UInt32 = 2_166_136_261
          for b in data { hash = (hash ^ UInt32(b)) &* 16_777_619 }
          entries.append("GS v 0 0 x=\(row) y=\(rows) fnv=\(String(hash, radix: 16))")
          if let last = rasters.last, last.width == row * 8, followsRaster {
            rasters[rasters.count - 1] = (last.width, last.height + rows, last.bits + data)
          } else {
            rasters.append((row * 8, rows, data))
          }
          lastEntryWasRaster = true
          continue
        case 0x48: entries.append("GS H \(try need(1)[0])")
        case 0x68: entries.append("GS h \(try need(1)[0])")
        case 0x77: entries.append("GS w \(try need(1)[0])")
        case 0x28:
          let header = try need(3)
          guard header[0] == 0x6B else {
            throw Unreadable(offset: start, reason: "GS ( \(header[0])")
          }
          let body = try need(Int(header[1]) | Int(header[2]) << 8)
          if body.starts(with: [49, 80, 48]) {
            let payload = Self.decode(Array(body.dropFirst(3)))
            qrPayloads.append(payload)
            entries.append("GS ( k \(header[1]) \(header[2]) 49 80 48 \"\(payload)\"")
          } else {
            entries.append(
              "GS ( k \(header[1]) \(header[2]) " + body.map(String.init).joined(separator: " "))
          }
        case 0x6B:
          let system = try need(1)[0]
          guard system == 73 else { throw Unreadable(offset: start, reason: "GS k \(system)") }
          let count = try need(1)[0]
          entries.append("GS k 73 \(count) \"\(Self.decode(try need(Int(count))))\"")
        default: throw Unreadable(offset: start, reason: "GS \(op)")
        }
      default:
        throw Unreadable(offset: start, reason: "control byte \(byte)")
      }
    }
    flushText()
    if !pending.isEmpty {
      lines.append(PrintedLine(text: Self.decode(pending), columns: pending.count * widthScale))
    }
  }

  /// Code page 437 for the two glyphs the encoder may send above ASCII.
  static func decode(_ bytes: [UInt8]) -> String {
    String(
      String.UnicodeScalarView(
        bytes.map { byte in
          switch byte {
          case 0xF1: "\u{00B1}"
          case 0xF8: "\u{00B0}"
          case 0x20...0x7E: Unicode.Scalar(byte)
          default: "\u{FFFD}"
          }
        }))
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
