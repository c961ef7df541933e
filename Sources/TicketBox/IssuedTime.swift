/// "Sabtu, 28 Nov 2026 09:15": an RFC 3339 time shown in the hall's UTC offset, in Indonesian.
/// Pure arithmetic on the civil calendar, so the box needs neither ICU nor named zones.
enum IssuedTime {
  static let weekdays = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"]
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
  ]

  /// nil when `rfc3339` is not `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`. Without `offset`
  /// (or with one that does not parse) the time keeps its own offset.
  static func text(_ rfc3339: String, offset: String?) -> String? {
    guard let (seconds, ownOffset) = parse(rfc3339) else { return nil }
    let shown = offset.flatMap(offsetSeconds) ?? ownOffset
    let local = seconds + shown
    let days = floorDiv(local, 86_400)
    let secondOfDay = local - days * 86_400
    let (y, m, d) = civil(fromDays: days)
    let weekday = weekdays[Int(((days % 7) + 11) % 7)]  // 1970-01-01 was a Thursday (4).
    let hour = secondOfDay / 3600
    let minute = (secondOfDay % 3600) / 60
    return "\(weekday), \(d) \(months[m - 1]) \(y) \(two(hour)):\(two(minute))"
  }

  /// Seconds since 1970 (UTC) and the offset written in the string.
  static func parse(_ s: String) -> (Int64, Int64)? {
    let b = Array(s.utf8)
    func number(_ from: Int, _ count: Int) -> Int64? {
      guard from + count <= b.count else { return nil }
      var v: Int64 = 0
      for c in b[from..<from + count] {
        guard c >= 48, c <= 57 else { return nil }
        v = v * 10 + Int64(c - 48)
      }
      return v
    }
    guard b.count >= 17, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 116, b[13] == 58,
      let y = number(0, 4), let mo = number(5, 2), let d = number(8, 2),
      let h = number(11, 2), let mi = number(14, 2), (1...12).contains(mo), (1...31).contains(d),
      h < 24, mi < 60
    else { return nil }
    var i = 16
    var sec: Int64 = 0
    if i < b.count, b[i] == 58 {
      guard let s = number(17, 2), s < 61 else { return nil }
      sec = s
      i = 19
      if i < b.count, b[i] == 46 {
        i += 1
        while i < b.count, b[i] >= 48, b[i] <= 57 { i += 1 }
      }
    }
    guard i < b.count, let offset = offsetSeconds(String(decoding: b[i...], as: UTF8.self))
    else { return nil }
    let days = daysFromCivil(y, Int(mo), Int(d))
    return (days * 86_400 + h * 3600 + mi * 60 + sec - offset, offset)
  }

  /// `Z`, `+07:00`, `-03:30` → seconds east of UTC.
  static func offsetSeconds(_ s: String) -> Int64? {
    if s == "Z" || s == "z" { return 0 }
    let b = Array(s.utf8)
    guard b.count == 6, b[0] == 43 || b[0] == 45, b[3] == 58 else { return nil }
    let digits = [b[1], b[2], b[4], b[5]]
    guard digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
    let v = digits.map { Int64($0 - 48) }
    let seconds = (v[0] * 10 + v[1]) * 3600 + (v[2] * 10 + v[3]) * 60
    return b[0] == 45 ? -seconds : seconds
  }

  /// Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date.
  static func daysFromCivil(_ year: Int64, _ month: Int, _ day: Int) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDiv(y, 400)
    let yoe = y - era * 400
    let mp = Int64((month + 9) % 12)
    let doy = (153 * mp + 2) / 5 + Int64(day) - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The inverse of `daysFromCivil`.
  static func civil(fromDays z0: Int64) -> (Int64, Int, Int) {
    let z = z0 + 719_468
    let era = floorDiv(z, 146_097)
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = Int(doy - (153 * mp + 2) / 5 + 1)
    let m = Int(mp < 10 ? mp + 3 : mp - 9)
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }

  private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }

  private static func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
