/// What every CSV the hall writes shares: a field quoted when it holds the separator, a
/// quote or a line break (quotes doubled), rows ended by CRLF.
enum CSV {
  /// Starts a file so a spreadsheet reads it as UTF-8.
  static let bom = "\u{FEFF}"

  static func field(_ s: String, separator: Character) -> String {
    guard s.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
      return s
    }
    return "\""
      + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
  }

  static func row(_ fields: [String], separator: Character) -> String {
    fields.map { field($0, separator: separator) }.joined(separator: String(separator)) + "\r\n"
  }
}
