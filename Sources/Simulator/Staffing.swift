import HallWire
import QueueCore

/// `--find-counters`: per service, the fewest counters serving only it that keep its p90
/// wait within a target.
public enum Staffing {
  public struct Finding: Sendable {
    public var service: String
    /// nil: not reached with `maxCounters`.
    public var counters: Int?
    public var waitP90S: Double?
  }

  public static let maxCounters = 60

  public static func findCounters(_ scenario: Scenario, targetP90S: Double) -> [Finding] {
    scenario.hall.services.compactMap { svc in
      guard let pieces = scenario.arrivals[svc.id], pieces.contains(where: { $0.perHour > 0 })
      else { return nil }
      // Below the day's mean offered load the queue only grows: start there.
      let minutes = pieces.map { Double($0.range.count) }.reduce(0, +)
      let perHour =
        pieces.map { $0.perHour * Double($0.range.count) }
        .reduce(0, +) / max(1, minutes)
      var k = max(1, Int(perHour * scenario.serviceTime(of: svc.id).meanS / 3600))
      while k <= maxCounters {
        let p90 = Simulation.run(alone(svc, counters: k, in: scenario)).service(svc.id)?.waitP90S
        if let p90, p90 <= targetP90S {
          return Finding(service: svc.id, counters: k, waitP90S: p90)
        }
        k += 1
      }
      return Finding(service: svc.id, counters: nil, waitP90S: nil)
    }
  }

  static func alone(_ svc: ServiceConfig, counters k: Int, in s: Scenario) -> Scenario {
    var hall = s.hall
    hall.services = [svc]
    hall.counters = (1...k).map { CounterConfig(id: $0, name: "Loket \($0)", services: [svc.id]) }
    var one = s
    one.hall = hall
    one.arrivals = [svc.id: s.arrivals[svc.id] ?? []]
    one.serviceTime = [svc.id: s.serviceTime(of: svc.id)]
    one.shifts = [:]
    return one
  }
}
