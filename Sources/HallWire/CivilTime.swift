// Civil dates, the hall's fixed-offset zone and RFC 3339: the one copy every module uses.

import InitMacros

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

  public var englishName: String {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue]
  }

  public var indonesianName: String {
    ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"][rawValue]
  }

  public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// The hall's time zone as a fixed UTC offset. Indonesia has no daylight saving, so a fixed
/// offset is exact there and spares the server full Foundation (named zones need ICU).
@PublicInit
public struct HallZone: Sendable, Equatable {
  /// As written in the hall file, e.g. `Asia/Jakarta` or `+07:00`.
  public var identifier: String
  public var secondsFromUTC: Int

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
    guard text.utf8.count == 6, let seconds = zoneOffset(text.utf8) else { return nil }
    self.init(identifier: text, secondsFromUTC: seconds)
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
  public func startOfDay(_ dayNumber: Int64) -> Millis {
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

  /// RFC 3339 with milliseconds, `2026-11-28T09:15:02.345+07:00`: for a time that durations
  /// are computed from elsewhere (the region), where whole seconds would put them 1 s off.
  public func rfc3339Millis(_ t: Millis) -> String {
    let l = local(t)
    let ms = Int(t.modulo(1000))
    let fraction = (ms < 10 ? "00" : ms < 100 ? "0" : "") + String(ms)
    return l.date + "T" + l.clock + "." + fraction + offsetText
  }
}

/// Wall-clock fields of an instant in the hall's zone.
@PublicInit
public struct LocalTime: Sendable, Equatable {
  /// Days since 1970-01-01 in the hall's zone.
  public var dayNumber: Int64
  public var secondOfDay: Int

  public var minuteOfDay: Int { secondOfDay / 60 }

  /// 1970-01-01 was a Thursday.
  public var weekday: Weekday { Weekday(rawValue: Int((dayNumber + 3).modulo(7)))! }

  public var date: String { dateText(ofDay: dayNumber) }

  /// `HH:MM:SS`
  public var clock: String {
    pad2(secondOfDay / 3600) + ":" + pad2(secondOfDay / 60 % 60) + ":" + pad2(secondOfDay % 60)
  }
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian): (year, month, day).
public func civil(fromDays z0: Int64) -> (Int, Int, Int) {
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

public func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

extension Int64 {
  public func modulo(_ m: Int64) -> Int64 {
    let r = self % m
    return r < 0 ? r + m : r
  }
}

public func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
public func pad4(_ n: Int) -> String {
  let s = String(n)
  return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
}

/// Whole seconds between two instants, never negative.
public func seconds(from a: Millis, to b: Millis) -> Int { Int(max(0, b - a) / 1000) }

/// Howard Hinnant's days-from-civil: days since 1970-01-01 of a proleptic Gregorian date.
public func days(fromCivil year: Int64, _ month: Int, _ day: Int) -> Int64 {
  let y = month <= 2 ? year - 1 : year
  let era = floorDiv(y, 400)
  let yoe = y - era * 400
  let mp = Int64((month + 9) % 12)
  let doy = (153 * mp + 2) / 5 + Int64(day) - 1
  let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
  return era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` string.
public func dayNumber(of date: String) -> Int64? {
  let b = Array(date.utf8)
  return b.count == 10 ? dayNumber(leading: b) : nil
}

/// The day number of the `YYYY-MM-DD` that `b` starts with: a date alone, or an RFC 3339 time.
private func dayNumber(leading b: [UInt8]) -> Int64? {
  guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
    let y = decimal(b, 0, 4), let m = decimal(b, 5, 2), let d = decimal(b, 8, 2),
    (1...12).contains(m), (1...31).contains(d)
  else { return nil }
  return days(fromCivil: y, Int(m), Int(d))
}

/// `YYYY-MM-DD` of a day number.
public func dateText(ofDay dayNumber: Int64) -> String {
  let (y, m, d) = civil(fromDays: dayNumber)
  return pad4(y) + "-" + pad2(m) + "-" + pad2(d)
}

/// PROTOCOL's times (`2026-11-28T09:15:02+07:00`, also `Z`, optional seconds and fraction),
/// parsed without ICU. The one RFC 3339 reader: the server, the officer tools and the ticket
/// box all use it.
public struct RFC3339: Sendable, Equatable {
  /// The instant, in milliseconds since the epoch.
  public var millis: Millis
  /// The offset written in the text, seconds east of UTC.
  public var offsetSeconds: Int

  public init?(_ text: String) {
    let b = Array(text.utf8)
    guard b.count >= 17, let days = dayNumber(leading: b),
      b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t"), b[13] == UInt8(ascii: ":"),
      let h = decimal(b, 11, 2), let mi = decimal(b, 14, 2), h < 24, mi < 60
    else { return nil }
    var i = 16
    var sec: Int64 = 0
    var fraction: Int64 = 0
    if i < b.count, b[i] == UInt8(ascii: ":") {
      guard let s = decimal(b, 17, 2), s < 61 else { return nil }
      sec = s
      i = 19
      if i < b.count, b[i] == UInt8(ascii: ".") {
        i += 1
        var scale: Int64 = 100
        let start = i
        while i < b.count, (48...57).contains(b[i]) {
          fraction += Int64(b[i] - 48) * scale
          scale /= 10
          i += 1
        }
        guard i > start else { return nil }
      }
    }
    guard i < b.count, let offset = zoneOffset(b[i...]) else { return nil }
    millis = (days * 86_400 + h * 3600 + mi * 60 + sec - Int64(offset)) * 1000 + fraction
    offsetSeconds = offset
  }

  /// Wall-clock fields in the offset written in the text.
  public var local: LocalTime {
    HallZone(identifier: "", secondsFromUTC: offsetSeconds).local(millis)
  }
}

/// `Z`, `+07:00`, `-03:30` → seconds east of UTC.
public func zoneOffset<C: Collection<UInt8>>(_ text: C) -> Int? {
  let b = Array(text)
  if b.count == 1, b[0] == UInt8(ascii: "Z") || b[0] == UInt8(ascii: "z") { return 0 }
  guard b.count == 6, b[0] == UInt8(ascii: "+") || b[0] == UInt8(ascii: "-"),
    b[3] == UInt8(ascii: ":"), let h = decimal(b, 1, 2), let m = decimal(b, 4, 2), h <= 14,
    m < 60
  else { return nil }
  let seconds = Int(h * 3600 + m * 60)
  return b[0] == UInt8(ascii: "-") ? -seconds : seconds
}

/// `count` ASCII digits at `from`, or nil.
private func decimal(_ b: [UInt8], _ from: Int, _ count: Int) -> Int64? {
  guard from >= 0, from + count <= b.count else { return nil }
  var v: Int64 = 0
  for c in b[from..<from + count] {
    guard (48...57).contains(c) else { return nil }
    v = v * 10 + Int64(c - 48)
  }
  return v
}
