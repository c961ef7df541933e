import Foundation
import HallWire
import QueueCore
import Yams
import HallYAML

public enum ScenarioFile {}
/// Why a scenario was refused: where (a key path such as `arrivals.A[1].per_hour`) and what.
public typealias ScenarioError = KeyPathError<ScenarioFile>

extension Scenario {
  public static let maxReplications = 10_000
  public static let maxDays = 366
  /// Arrivals per hour of one service, at most: a bound on the work one run can ask for.
  public static let maxPerHour = 10_000.0

  /// Tickets one day brings at most, and all replications of all days together: bounds on
  /// the work a scenario can ask for (the second is minutes of computing).
  public static let maxTicketsPerDay = 100_000.0
  public static let maxTicketsInAll = 50_000_000.0

  /// The mean number of arrivals in one day.
  public var expectedTicketsPerDay: Double {
    if let replay { return Double(replay.count) }
    return arrivals.values.joined().map { $0.perHour * Double($0.range.count) / 60 }
      .reduce(0, +)
  }

  /// Refuses a scenario that would take too long to run.
  public func checkWork() throws(ScenarioError) {
    let perDay = expectedTicketsPerDay
    guard perDay <= Scenario.maxTicketsPerDay else {
      throw ScenarioError(
        path: "arrivals",
        problem: "about \(Int(perDay)) tickets a day; at most \(Int(Scenario.maxTicketsPerDay))")
    }
    let all = perDay * Double(days) * Double(replications)
    guard all <= Scenario.maxTicketsInAll else {
      throw ScenarioError(
        path: "replications",
        problem:
          "days × replications × tickets a day is about \(Int(all)); at most \(Int(Scenario.maxTicketsInAll))"
      )
    }
  }

  /// Reads a scenario file. `directory` resolves a `hall:` path given as text.
  public static func load(yaml: String, directory: String) throws(ScenarioError) -> Scenario {
    let scenario = try ScenarioReader(directory: directory).scenario(Item.root(yaml: yaml))
    try scenario.checkWork()
    return scenario
  }

  public static func load(file: String) throws(ScenarioError) -> Scenario {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
      throw ScenarioError(path: "", problem: "cannot read \(file)")
    }
    let dir = (file as NSString).deletingLastPathComponent
    return try load(yaml: text, directory: dir.isEmpty ? "." : dir)
  }
}

/// A node of the scenario and the key path that leads to it.
typealias Item = YAMLValue<ScenarioFile>

struct ScenarioReader {
  let directory: String

  static let topKeys: Set<String> = [
    "hall", "date", "days", "replications", "seed", "warmup_s", "arrivals", "service_time",
    "priority_share", "noshow", "noshow_wait_s", "counters", "booked", "booking",
  ]

  func scenario(_ root: Item) throws(ScenarioError) -> Scenario {
    let f = try root.mapping(allowed: Self.topKeys)
    let hall = try self.hall(f.required("hall"))
    let services = Set(hall.services.map(\.id))

    let dateItem = try f.required("date")
    let date = try dateItem.string()
    guard let n = dayNumber(of: date),
      HallZone(identifier: "UTC", secondsFromUTC: 0).local(n * 86_400_000).date == date
    else {
      throw dateItem.fail("\"\(date)\" is not a date like 2026-12-07")
    }
    let days = try f["days"].map { v throws(ScenarioError) in try bounded(v, 1...Scenario.maxDays) }
    let reps = try f["replications"].map { v throws(ScenarioError) in
      try bounded(v, 1...Scenario.maxReplications)
    }
    var seed: UInt64 = 1
    if let v = f["seed"] {
      guard let s = UInt64(try v.string()) else { throw v.fail("must be a whole number ≥ 0") }
      seed = s
    }
    let warmup = try f["warmup_s"].map { v throws(ScenarioError) in try bounded(v, 0...86_400) }

    let arrivalsItem = try f.required("arrivals")
    var arrivals: [String: [RatePiece]] = [:]
    for (s, v) in try arrivalsItem.entries() {
      guard services.contains(s) else { throw v.fail("unknown service \"\(s)\" (not in the hall)") }
      arrivals[s] = try pieces(v)
    }
    guard !arrivals.isEmpty else { throw arrivalsItem.fail("must give arrivals for a service") }

    var times: [String: ServiceTime] = [:]
    if let v = f["service_time"] {
      for (s, item) in try v.entries() {
        guard services.contains(s) else {
          throw item.fail("unknown service \"\(s)\" (not in the hall)")
        }
        times[s] = try serviceTime(item)
      }
    }
    let priority = try shares(f["priority_share"], services: services)
    let noshow = try shares(f["noshow"], services: services)
    let noshowWait = try f["noshow_wait_s"].map { v throws(ScenarioError) in
      try bounded(v, 0...3600)
    }

    var shifts: [Int: [MinuteRange]] = [:]
    for v in try f["counters"]?.sequence() ?? [] {
      let c = try v.mapping(allowed: ["id", "open"])
      let idItem = try c.required("id")
      let id = try idItem.int()
      guard hall.counter(id) != nil else {
        throw idItem.fail("unknown counter \(id) (not in the hall)")
      }
      guard shifts[id] == nil else { throw idItem.fail("counter \(id) is listed twice") }
      var ranges: [MinuteRange] = []
      for r in try c.required("open").sequence() {
        let range = try minuteRange(r)
        if let last = ranges.last, last.upperBound > range.lowerBound {
          throw r.fail("shifts must be in order and must not overlap")
        }
        ranges.append(range)
      }
      shifts[id] = ranges
    }

    var scenario = Scenario(
      hall: hall, date: date, days: days ?? 1, replications: reps ?? 20, seed: seed,
      warmupS: warmup ?? 0, arrivals: arrivals, serviceTime: times, priorityShare: priority,
      noshow: noshow, noshowWaitS: noshowWait ?? 60, shifts: shifts)
    scenario.booked = try shares(f["booked"], services: services)
    for (s, item) in try f["booked"]?.entries() ?? [] where hall.service(s)?.appointments == nil {
      throw item.fail(
        "service \"\(s)\" takes no appointments (give it `appointments` in the hall file)")
    }
    if let v = f["booking"] { scenario.booking = try booking(v) }
    return scenario
  }

  /// `booking: {early_s: 1200, late_s: 600, noshow: 0.1}`. Check-in opens 30 minutes before a
  /// slot, so no one comes earlier; later than 15 minutes after it a visitor has missed the
  /// slot and takes an ordinary ticket.
  func booking(_ v: Item) throws(ScenarioError) -> BookingBehaviour {
    let f = try v.mapping(allowed: ["early_s", "late_s", "noshow"])
    var b = BookingBehaviour()
    if let e = f["early_s"] { b.earlyS = try bounded(e, 0...1800) }
    if let l = f["late_s"] { b.lateS = try bounded(l, 0...3600) }
    if let n = f["noshow"] {
      b.noshow = try n.number()
      guard (0...1).contains(b.noshow) else {
        throw n.fail("\(b.noshow) is not a share between 0 and 1")
      }
    }
    return b
  }

  /// A path to a hall file, relative to the scenario, or the hall itself inline.
  func hall(_ v: Item) throws(ScenarioError) -> HallConfig {
    let text: String
    var prefix = v.path
    var file = ""
    if case .scalar = v.node {
      let rel = try v.string()
      file = rel.hasPrefix("/") ? rel : (directory as NSString).appendingPathComponent(rel)
      guard let t = try? String(contentsOfFile: file, encoding: .utf8) else {
        throw v.fail("cannot read the hall file \(file)")
      }
      text = t
      prefix = ""
    } else {
      do {
        text = try Yams.serialize(node: v.node)
      } catch {
        throw v.fail("cannot read the inline hall: \(error)")
      }
    }
    do {
      return try HallConfig.load(yaml: text)
    } catch {
      if !file.isEmpty {
        throw ScenarioError(path: v.path, problem: "hall file \(file): \(error.description)")
      }
      let path = error.path.isEmpty ? prefix : "\(prefix).\(error.path)"
      throw ScenarioError(path: path, problem: error.problem)
    }
  }

  func bounded(_ v: Item, _ range: ClosedRange<Int>) throws(ScenarioError) -> Int {
    let n = try v.int()
    guard range.contains(n) else {
      throw v.fail("\(n) is out of range (\(range.lowerBound)–\(range.upperBound))")
    }
    return n
  }

  func pieces(_ v: Item) throws(ScenarioError) -> [RatePiece] {
    var result: [RatePiece] = []
    for item in try v.sequence() {
      let f = try item.mapping(allowed: ["from", "to", "per_hour"])
      let from = try clock(f.required("from"))
      let to = try clock(f.required("to"))
      guard from < to else { throw item.fail("the range must end after it starts") }
      let rateItem = try f.required("per_hour")
      let rate = try rateItem.number()
      guard rate >= 0 else { throw rateItem.fail("\(rate) is negative") }
      guard rate <= Scenario.maxPerHour else {
        throw rateItem.fail("\(rate) is over \(Int(Scenario.maxPerHour)) an hour")
      }
      let range = from..<to
      if result.contains(where: { $0.range.overlaps(range) }) {
        throw item.fail("overlaps an earlier range")
      }
      result.append(RatePiece(range: range, perHour: rate))
    }
    return result.sorted { $0.range.lowerBound < $1.range.lowerBound }
  }

  func clock(_ v: Item) throws(ScenarioError) -> Int {
    let text = try v.string()
    guard let m = Self.minute(text) else { throw v.fail("\"\(text)\" is not a time like 08:00") }
    return m
  }

  static func minute(_ s: String) -> Int? { minuteOfDay(clock: Substring(s)) }

  func minuteRange(_ v: Item) throws(ScenarioError) -> MinuteRange {
    let text = try v.string()
    let bounds = text.split(separator: "-")
    guard bounds.count == 2, let a = Self.minute(String(bounds[0])),
      let b = Self.minute(String(bounds[1]))
    else { throw v.fail("\"\(text)\" is not a time range like \"08:00-12:00\"") }
    guard a < b else { throw v.fail("\"\(text)\": the range must end after it starts") }
    return a..<b
  }

  func serviceTime(_ v: Item) throws(ScenarioError) -> ServiceTime {
    let f = try v.mapping(allowed: ["dist", "mean_s", "cv", "s", "samples_s"])
    let distItem = try f.required("dist")
    func positive(_ key: String) throws(ScenarioError) -> Double {
      let item = try f.required(key)
      let x = try item.number()
      guard x > 0 else { throw item.fail("\(x) must be more than 0") }
      return x
    }
    func refuse(_ keys: [String]) throws(ScenarioError) {
      for k in keys where f[k] != nil {
        throw ScenarioError(path: v.child(k), problem: "does not apply to this distribution")
      }
    }
    switch try distItem.string() {
    case "exponential":
      try refuse(["cv", "s", "samples_s"])
      return .exponential(meanS: try positive("mean_s"))
    case "lognormal":
      try refuse(["s", "samples_s"])
      return .lognormal(meanS: try positive("mean_s"), cv: try positive("cv"))
    case "fixed":
      try refuse(["mean_s", "cv", "samples_s"])
      return .fixed(s: try positive("s"))
    case "empirical":
      try refuse(["mean_s", "cv", "s"])
      let list = try f.required("samples_s").sequence()
      guard !list.isEmpty else {
        throw ScenarioError(path: v.child("samples_s"), problem: "must list at least one time")
      }
      guard list.count <= 100_000 else {
        throw ScenarioError(path: v.child("samples_s"), problem: "lists over 100,000 times")
      }
      var xs: [Double] = []
      for item in list {
        let x = try item.number()
        guard x >= 0 else { throw item.fail("\(x) is negative") }
        xs.append(x)
      }
      return .empirical(samplesS: xs)
    case let other:
      throw distItem.fail(
        "unknown distribution \"\(other)\" (use exponential, lognormal, fixed or empirical)")
    }
  }

  func shares(_ v: Item?, services: Set<String>) throws(ScenarioError) -> [String: Double] {
    guard let v else { return [:] }
    var result: [String: Double] = [:]
    for (s, item) in try v.entries() {
      guard services.contains(s) else {
        throw item.fail("unknown service \"\(s)\" (not in the hall)")
      }
      let x = try item.number()
      guard (0...1).contains(x) else { throw item.fail("\(x) is not a share between 0 and 1") }
      result[s] = x
    }
    return result
  }
}
