/// Milliseconds since the Unix epoch. The core never reads a clock: every command and view
/// takes the time as an argument, so tests drive a virtual clock.
public typealias Millis = Int64

/// The days of the week, keyed as in the hall file.
public enum Weekday: Int, CaseIterable, Sendable, Comparable {
  case mon = 0, tue, wed, thu, fri, sat, sun

  public var key: String {
    switch self {
    case .mon: "mon"
    case .tue: "tue"
    case .wed: "wed"
    case .thu: "thu"
    case .fri: "fri"
    case .sat: "sat"
    case .sun: "sun"
    }
  }

  public init?(key: String) {
    guard let day = Weekday.allCases.first(where: { $0.key == key }) else { return nil }
    self = day
  }

  var englishName: String {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
  }

  var indonesianName: String {
    ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][rawValue]
  }

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// The hall's time zone as a fixed UTC offset. Indonesia has no daylight saving, so a fixed
/// offset is exact there and spares the server full Foundation (named zones need ICU).
public struct HallZone: Sendable, Equatable {
  /// As written in the hall file, e.g. `Asia/Jakarta` or `+07:00`.
  public var identifier: String
  public var secondsFromUTC: Int

  public init(identifier: String, secondsFromUTC: Int) {
    self.identifier = identifier
    self.secondsFromUTC = secondsFromUTC
  }

  static let named: [String: Int] = [
    "Asia/Jakarta": 7 * 3600, "Asia/Pontianak": 7 * 3600, "Asia/Makassar": 8 * 3600,
    "Asia/Jayapura": 9 * 3600, "UTC": 0, "Etc/UTC": 0, "WIB": 7 * 3600, "WITA": 8 * 3600,
    "WIT": 9 * 3600,
  ]

  /// Accepts the Indonesian zone names, `UTC`, and `+07:00` / `-03:30` offsets.
  public init?(parsing text: String) {
    if let seconds = HallZone.named[text] {
      self.init(identifier: text, secondsFromUTC: seconds)
      return
    }
    let chars = Array(text.utf8)
    guard chars.count == 6, chars[0] == UInt8(ascii: "+") || chars[0] == UInt8(ascii: "-"),
      chars[3] == UInt8(ascii: ":"),
      let hours = Int(String(decoding: chars[1...2], as: UTF8.self)),
      let minutes = Int(String(decoding: chars[4...5], as: UTF8.self)),
      hours <= 14, minutes < 60
    else { return nil }
    let sign = chars[0] == UInt8(ascii: "-") ? -1 : 1
    self.init(identifier: text, secondsFromUTC: sign * (hours * 3600 + minutes * 60))
  }

  /// Local wall-clock fields of an instant.
  public func local(_ t: Millis) -> LocalTime {
    let seconds = floorDiv(t, 1000) + Int64(secondsFromUTC)
    let days = floorDiv(seconds, 86_400)
    let secondOfDay = Int(seconds - days * 86_400)
    return LocalTime(dayNumber: days, secondOfDay: secondOfDay)
  }

  /// The service day (`YYYY-MM-DD` in this zone) of an instant.
  public func day(of t: Millis) -> String { local(t).date }

  /// The instant of local midnight starting `dayNumber` (days since 1970-01-01 local).
  func startOfDay(_ dayNumber: Int64) -> Millis {
    (dayNumber * 86_400 - Int64(secondsFromUTC)) * 1000
  }

  /// `+07:00`
  public var offsetText: String {
    let sign = secondsFromUTC < 0 ? "-" : "+"
    let total = abs(secondsFromUTC) / 60
    return sign + pad2(total / 60) + ":" + pad2(total % 60)
  }

  /// RFC 3339 with this zone's offset, whole seconds: `2026-11-28T09:15:02+07:00`.
  public func rfc3339(_ t: Millis) -> String {
    let l = local(t)
    return l.date + "T" + l.clock + offsetText
  }
}

/// Wall-clock fields of an instant in the hall's zone.
public struct LocalTime: Sendable, Equatable {
  /// Days since 1970-01-01 in the hall's zone.
  public var dayNumber: Int64
  public var secondOfDay: Int

  public var minuteOfDay: Int { secondOfDay / 60 }

  /// 1970-01-01 was a Thursday.
  public var weekday: Weekday { Weekday(rawValue: Int((dayNumber + 3).modulo(7)))! }

  public var date: String {
    let (y, m, d) = civil(fromDays: dayNumber)
    return pad4(y) + "-" + pad2(m) + "-" + pad2(d)
  }

  /// `HH:MM:SS`
  public var clock: String {
    pad2(secondOfDay / 3600) + ":" + pad2(secondOfDay / 60 % 60) + ":" + pad2(secondOfDay % 60)
  }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
func civil(fromDays z0: Int64) -> (Int, Int, Int) {
  let z = z0 + 719_468
  let era = floorDiv(z, 146_097)
  let doe = z - era * 146_097
  let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
  let y = yoe + era * 400
  let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
  let mp = (5 * doy + 2) / 153
  let d = doy - (153 * mp + 2) / 5 + 1
  let m = mp < 10 ? mp + 3 : mp - 9
  return (Int(m <= 2 ? y + 1 : y), Int(m), Int(d))
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

extension Int64 {
  func modulo(_ m: Int64) -> Int64 {
    let r = self % m
    return r < 0 ? r + m : r
  }
}

func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
func pad4(_ n: Int) -> String {
  let s = String(n)
  return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}

/// Whole seconds between two instants, never negative.
func seconds(from a: Millis, to b: Millis) -> Int { Int(max(0, b - a) / 1000) }

/// Days since 1970-01-01 of a `YYYY-MM-DD` string (Howard Hinnant's days-from-civil).
func dayNumber(of date: String) -> Int64? {
  let parts = date.split(separator: "-")
  guard parts.count == 3, let y0 = Int64(parts[0]), let m = Int64(parts[1]),
    let d = Int64(parts[2]), (1...12).contains(m), (1...31).contains(d)
  else { return nil }
  let y = m <= 2 ? y0 - 1 : y0
  let era = floorDiv(y, 400)
  let yoe = y - era * 400
  let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146_097 + doe - 719_468
}
