import FoundationEssentials

/// PROTOCOL's RFC 3339 times (`2026-11-28T09:15:02+07:00`), parsed without ICU.
enum Timestamp {
  static func parse(_ text: String) -> Date? {
    let b = Array(text.utf8)
    func digits(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= b.count else { return nil }
      var value = 0
      for byte in b[from..<(from + count)] {
        guard (48...57).contains(byte) else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard b.count >= 20, let year = digits(0, 4), let month = digits(5, 2),
      let day = digits(8, 2), let hour = digits(11, 2), let minute = digits(14, 2),
      let second = digits(17, 2), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var index = 19
    var fraction = 0.0
    if index < b.count, b[index] == UInt8(ascii: ".") {
      index += 1
      var scale = 0.1
      while index < b.count, (48...57).contains(b[index]) {
        fraction += Double(b[index] - 48) * scale
        scale /= 10
        index += 1
      }
    }
    guard index < b.count else { return nil }
    var offset = 0
    switch b[index] {
    case UInt8(ascii: "Z"), UInt8(ascii: "z"): offset = 0
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard let oh = digits(index + 1, 2), let om = digits(index + 4, 2) else { return nil }
      offset = (oh * 3600 + om * 60) * (b[index] == UInt8(ascii: "-") ? -1 : 1)
    default: return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  /// Howard Hinnant's days_from_civil: days since 1970-01-01 in the proleptic Gregorian
  /// calendar.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// `HH:MM` as written in the timestamp, i.e. in the hall's own time zone.
  static func clock(_ text: String) -> String? {
    let b = Array(text.utf8)
    guard b.count >= 16, b[13] == UInt8(ascii: ":") else { return nil }
    return String(decoding: b[11..<16], as: UTF8.self)
  }
}
