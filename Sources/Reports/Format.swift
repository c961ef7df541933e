import QueueCore

/// Indonesian renderings shared by the table, CSV and HTML forms.
enum Format {
  static let months = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
  ]

  /// `2026-11-01` → `1 November 2026`.
  static func date(_ d: String) -> String {
    let p = d.split(separator: "-")
    guard p.count == 3, let m = Int(p[1]), (1...12).contains(m), let day = Int(p[2]) else {
      return d
    }
    return "\(day) \(months[m - 1]) \(p[0])"
  }

  static func period(_ r: RangeStats) -> String {
    r.from == r.to ? date(r.from) : "\(date(r.from)) – \(date(r.to))"
  }

  /// A measured duration, without "±": `45 dtk`, `12 mnt 5 dtk`, `1 jam 3 mnt`.
  static func duration(_ s: Int?) -> String {
    guard let s else { return "–" }
    if s < 60 { return "\(s) dtk" }
    if s < 3600 { return s % 60 == 0 ? "\(s / 60) mnt" : "\(s / 60) mnt \(s % 60) dtk" }
    let m = (s % 3600) / 60
    return m == 0 ? "\(s / 3600) jam" : "\(s / 3600) jam \(m) mnt"
  }

  /// 0.8523 → `85,2%` (Indonesian decimal comma).
  static func percent(_ v: Double?) -> String {
    guard let v else { return "–" }
    return decimal(v * 100, places: 1) + "%"
  }

  static func decimal(_ v: Double?, places: Int) -> String {
    guard let v else { return "–" }
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    let n = Int((abs(v) * scale).rounded())
    let whole = n / Int(scale)
    let frac = n % Int(scale)
    var fracText = String(frac)
    while fracText.count < places { fracText = "0" + fracText }
    return (v < 0 ? "-" : "") + String(whole) + (places > 0 ? "," + fracText : "")
  }

  static func ikm(_ v: Double?) -> String { decimal(v, places: 2) }

  static func share(_ part: Int, _ whole: Int) -> Double? {
    whole > 0 ? Double(part) / Double(whole) : nil
  }
}

extension RangeStats {
  var totalIssued: Int { services.reduce(0) { $0 + $1.issued } }
  var totalServed: Int { services.reduce(0) { $0 + $1.served } }
  var totalNoshow: Int { services.reduce(0) { $0 + $1.noshow } }
  var totalBookings: Int { services.reduce(0) { $0 + $1.bookings } }
  var totalBookingsMissed: Int { services.reduce(0) { $0 + $1.bookingsMissed } }
}

extension RangeStats.CounterStats {
  /// A counter's row in the text and the printable tables (each with its own header).
  var cells: [String] {
    [
      name, "\(served)", "\(noshow)", Format.duration(serviceS.mean),
      Format.duration(serviceS.p90), "\(respondents)", Format.ikm(ikm),
    ]
  }
}
