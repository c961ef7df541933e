import HallWire

/// "Sabtu, 28 Nov 2026 09:15": an RFC 3339 time shown in the hall's UTC offset, in Indonesian.
/// HallWire's calendar arithmetic, so the box needs neither ICU nor named zones.
enum IssuedTime {
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
  ]

  /// nil when `rfc3339` does not parse. Without `offset` (or with one that does not parse)
  /// the time keeps its own offset.
  static func text(_ rfc3339: String, offset: String?) -> String? {
    guard let time = RFC3339(rfc3339) else { return nil }
    let seconds = offset.flatMap { zoneOffset($0.utf8) } ?? time.offsetSeconds
    let local = HallZone(identifier: "", secondsFromUTC: seconds).local(time.millis)
    let (y, m, d) = civil(fromDays: local.dayNumber)
    return "\(local.weekday.indonesianName), \(d) \(months[m - 1]) \(y) \(local.clock.prefix(5))"
  }
}
