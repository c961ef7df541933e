/// Turns any text into characters a receipt printer prints as themselves: printable ASCII, plus
/// the few symbols the selected code page carries. Accented Latin letters lose their accents,
/// typographic punctuation becomes its ASCII form, and anything else becomes "?". Every scalar of
/// the result is one byte and one column on paper, so layout can count columns on it.
public enum Transliteration {
  public static func printable(_ text: String, codePage: CodePage = .pc437) -> String {
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(contentsOf: replacement(for: scalar, codePage: codePage).unicodeScalars)
    }
    return String(out)
  }

  static func replacement(for scalar: Unicode.Scalar, codePage: CodePage) -> String {
    if (0x20...0x7E).contains(scalar.value) { return String(scalar) }
    if scalar.properties.isWhitespace { return " " }
    switch scalar.properties.generalCategory {
    case .control, .format, .nonspacingMark, .enclosingMark, .spacingMark: return ""
    default: break
    }
    if codePage.byte(for: scalar) != nil { return String(scalar) }
    if let ascii = table[scalar] { return ascii }
    if let letter = latinBaseLetter(of: scalar) { return letter }
    return "?"
  }

  /// "LATIN SMALL LETTER E WITH ACUTE" → "e": covers the accented letters of every Latin-script
  /// language without a table, from the Unicode names the standard library carries.
  static func latinBaseLetter(of scalar: Unicode.Scalar) -> String? {
    guard let name = scalar.properties.name else { return nil }
    let words = name.split(separator: " ")
    guard words.count >= 4, words[0] == "LATIN", words[2] == "LETTER" else { return nil }
    var index = 3
    if words[index] == "DOTLESS", words.count > index + 1 { index += 1 }
    let letter = words[index]
    guard letter.count == 1, let first = letter.unicodeScalars.first, first.isASCII,
      first.properties.isAlphabetic
    else { return nil }
    switch words[1] {
    case "SMALL": return letter.lowercased()
    case "CAPITAL": return String(letter)
    default: return nil
    }
  }

  static let table: [Unicode.Scalar: String] = [
    "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "\u{201F}": "\"", "\u{00AB}": "\"",
    "\u{00BB}": "\"", "\u{2033}": "\"",
    "\u{2018}": "'", "\u{2019}": "'", "\u{201A}": "'", "\u{201B}": "'", "\u{2032}": "'",
    "\u{2039}": "'", "\u{203A}": "'",
    "\u{2010}": "-", "\u{2011}": "-", "\u{2012}": "-", "\u{2013}": "-", "\u{2014}": "-",
    "\u{2015}": "-", "\u{2212}": "-",
    "\u{2026}": "...", "\u{2022}": "*", "\u{25CF}": "*", "\u{00B7}": "-",
    "\u{00D7}": "x", "\u{00F7}": "/", "\u{00B1}": "+/-", "\u{00B0}": "o",
    "\u{20AC}": "EUR", "\u{00A3}": "GBP", "\u{00A5}": "JPY", "\u{00A2}": "c",
    "\u{2122}": "TM", "\u{00A9}": "(c)", "\u{00AE}": "(R)",
    "\u{00BD}": "1/2", "\u{00BC}": "1/4", "\u{00BE}": "3/4",
    "\u{00DF}": "ss", "\u{1E9E}": "SS", "\u{00E6}": "ae", "\u{00C6}": "AE", "\u{0153}": "oe",
    "\u{0152}": "OE", "\u{00FE}": "th", "\u{00DE}": "TH", "\u{00F0}": "d", "\u{00D0}": "D",
    "\u{00BF}": "?", "\u{00A1}": "!", "\u{2116}": "No.", "\u{2192}": "->", "\u{2190}": "<-",
  ]
}

extension CodePage {
  /// The byte of a non-ASCII symbol this page prints as itself. Letters are left out on purpose:
  /// they are transliterated so a ticket reads the same on a printer that ignores `ESC t`.
  func byte(for scalar: Unicode.Scalar) -> UInt8? {
    switch (self, scalar) {
    case (.pc437, "\u{00B1}"), (.pc850, "\u{00B1}"), (.pc858, "\u{00B1}"): 0xF1
    case (.pc437, "\u{00B0}"), (.pc850, "\u{00B0}"), (.pc858, "\u{00B0}"): 0xF8
    case (.wpc1252, "\u{00B1}"): 0xB1
    case (.wpc1252, "\u{00B0}"): 0xB0
    default: nil
    }
  }

  /// Bytes for text: each scalar of `Transliteration.printable` becomes exactly one byte.
  public func encode(_ text: String) -> [UInt8] {
    Transliteration.printable(text, codePage: self).unicodeScalars.map { scalar in
      scalar.isASCII ? UInt8(scalar.value) : byte(for: scalar) ?? UInt8(ascii: "?")
    }
  }
}
