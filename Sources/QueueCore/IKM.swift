import HallWire

/// The community satisfaction index (Indeks Kepuasan Masyarakat) as PROTOCOL 1.1 and
/// PermenPANRB 14/2017 define it. Every answer has all nine elements, so each element's
/// mean has the same count and the index is exactly 25 × (sum of all answers) / (9 × n):
/// it is computed in integers and rounded half up to hundredths, never through floats.
public enum IKM {
  public struct Band: Sendable, Equatable {
    public var band: String
    public var label: String
  }

  /// The index in hundredths (8526 = 85.26), nil without respondents.
  public static func hundredths(respondents n: Int, total: Int) -> Int? {
    guard n > 0 else { return nil }
    return roundedDivision(2500 * total, 9 * n)
  }

  /// An element's mean in hundredths (341 = 3.41).
  public static func elementHundredths(respondents n: Int, sum: Int) -> Int? {
    guard n > 0 else { return nil }
    return roundedDivision(100 * sum, n)
  }

  /// A 88.31–100 Sangat Baik, B 76.61–88.30 Baik, C 65.00–76.60 Kurang Baik,
  /// D 25.00–64.99 Tidak Baik.
  public static func band(hundredths h: Int) -> Band {
    if h >= 8831 { return Band(band: "A", label: "Sangat Baik") }
    if h >= 7661 { return Band(band: "B", label: "Baik") }
    if h >= 6500 { return Band(band: "C", label: "Kurang Baik") }
    return Band(band: "D", label: "Tidak Baik")
  }

  /// Krejcie & Morgan (1970): s = χ²NP(1−P) / (d²(N−1) + χ²P(1−P)) with χ² = 3.841,
  /// P = 0.5, d = 0.05, rounded to the nearest whole number as their published table is
  /// (500 → 217, 2000 → 322). 100 → 80, 1000 → 278, 1 000 000 → 384.
  public static func minSample(population n: Int) -> Int {
    guard n > 0 else { return 0 }
    let chi = 3.841
    let p = 0.25
    let s = chi * Double(n) * p / (0.0025 * Double(n - 1) + chi * p)
    return Int(s.rounded())
  }

  static func roundedDivision(_ a: Int, _ b: Int) -> Int { (2 * a + b) / (2 * b) }
}

/// Sums of answers for one group (hall, service, counter, officer).
public struct IKMTally: Sendable, Equatable {
  public var respondents = 0
  public var sums = [Int](repeating: 0, count: 9)

  public init() {}

  public mutating func add(_ scores: [Int]) {
    respondents += 1
    for i in 0..<min(9, scores.count) { sums[i] += scores[i] }
  }

  public var hundredths: Int? {
    IKM.hundredths(respondents: respondents, total: sums.reduce(0, +))
  }

  public var value: Double? { hundredths.map { Double($0) / 100 } }
  public var band: IKM.Band? { hundredths.map(IKM.band) }

  /// u1…u9 means, two decimals.
  public var elements: [Double?] {
    sums.map { s in IKM.elementHundredths(respondents: respondents, sum: s).map { Double($0) / 100 }
    }
  }
}

/// `GET /api/ikm`.
public struct IKMReport: Sendable, Equatable, Encodable {
  public struct Group: Sendable, Equatable, Encodable {
    public var key: String
    public var keyName: String
    public var name: String?
    public var tally: IKMTally

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: ReportKey.self)
      if keyName == "counter", let n = Int(key) {
        try c.encode(n, forKey: ReportKey("counter"))
      } else {
        try c.encode(key, forKey: ReportKey(keyName))
      }
      if let name { try c.encode(name, forKey: ReportKey("name")) }
      try c.encode(tally.respondents, forKey: ReportKey("respondents"))
      try c.encode(tally.value, forKey: ReportKey("ikm"))
      try c.encode(tally.band?.band, forKey: ReportKey("band"))
    }
  }

  public var from: String
  public var to: String
  public var hall: IKMTally
  /// Tickets served (done) in the range: the population for `min_sample`.
  public var served: Int
  public var byService: [Group]
  public var byCounter: [Group]
  public var byOfficer: [Group]

  public var minSample: Int { IKM.minSample(population: served) }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: ReportKey.self)
    try c.encode(from, forKey: ReportKey("from"))
    try c.encode(to, forKey: ReportKey("to"))
    try c.encode(hall.respondents, forKey: ReportKey("respondents"))
    var e = c.nestedContainer(keyedBy: ReportKey.self, forKey: ReportKey("elements"))
    for (i, v) in hall.elements.enumerated() { try e.encode(v, forKey: ReportKey("u\(i + 1)")) }
    try c.encode(hall.value, forKey: ReportKey("ikm"))
    try c.encode(hall.band?.band, forKey: ReportKey("band"))
    try c.encode(hall.band?.label, forKey: ReportKey("label"))
    try c.encode(minSample, forKey: ReportKey("min_sample"))
    try c.encode(served, forKey: ReportKey("served"))
    try c.encode(byService, forKey: ReportKey("by_service"))
    try c.encode(byCounter, forKey: ReportKey("by_counter"))
    try c.encode(byOfficer, forKey: ReportKey("by_officer"))
  }
}

struct ReportKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}
