import Foundation
import HallWire
import QueueCore

/// Means over replications (SIMULATE.md, "Output").
public struct Summary: Sendable {
  public struct ServiceSummary: Sendable {
    public var arrivals = 0.0
    public var refused = 0.0
    public var served = 0.0
    public var unserved = 0.0
    public var waitMeanS: Double?
    public var waitP50S: Double?
    public var waitP90S: Double?
    public var waitMaxS: Double?
    public var pWait: Double?
    public var withinTarget: Double?
    public var etaMaeS: Double?
    public var etaMaeRatio: Double?
    public var ci95WaitMeanS: (Double, Double)?
    /// For a service the scenario lists under `booked:`: its walk-ins and its appointments.
    public var walkIn: ClassSummary?
    public var appointment: ClassSummary?
  }

  /// One class of visitors of a service (walk-ins or appointments), means over runs. The
  /// booking figures and the lateness are for appointments only.
  public struct ClassSummary: Sendable {
    public var served = 0.0
    public var waitMeanS: Double?
    public var waitP50S: Double?
    public var waitP90S: Double?
    public var ci95WaitP90S: (Double, Double)?
    public var booked: Double?
    public var noshow: Double?
    public var missed: Double?
    /// From the slot's start to the call; negative when called before the slot began.
    public var latenessMeanS: Double?
    public var latenessP50S: Double?
    public var latenessP90S: Double?
  }

  public struct CounterSummary: Sendable {
    public var served = 0.0
    public var utilisation: Double?
  }

  public var replications: Int
  public var policy: String
  /// In the hall file's order.
  public var services: [(String, ServiceSummary)]
  public var counters: [(Int, CounterSummary)]
  /// Priority tickets of all services: served, mean and p90 wait.
  public var priority: (served: Double, waitMeanS: Double?, waitP90S: Double?)
  /// Mean waiting tickets per service (hall order) per sample of the first day.
  public var waitingByTime: [[Double]]

  public init(_ runs: [RunResult], scenario: Scenario, policy: String) {
    replications = runs.count
    self.policy = policy
    let n = Double(max(1, runs.count))
    services = scenario.hall.services.map { svc in
      var s = ServiceSummary()
      let per = runs.map { $0.services[svc.id]! }
      s.arrivals = Double(per.map(\.arrivals).reduce(0, +)) / n
      s.refused = Double(per.map(\.refused).reduce(0, +)) / n
      s.served = Double(per.map(\.served).reduce(0, +)) / n
      s.unserved = Double(per.map(\.unserved).reduce(0, +)) / n
      let withWaits = per.filter { !$0.waits.isEmpty }
      let means = withWaits.map { mean($0.waits) }
      s.waitMeanS = meanOrNil(means)
      s.waitP50S = meanOrNil(withWaits.map { percentile($0.waits, 0.5) })
      s.waitP90S = meanOrNil(withWaits.map { percentile($0.waits, 0.9) })
      s.waitMaxS = meanOrNil(withWaits.map { $0.waits.max()! })
      s.pWait = meanOrNil(
        withWaits.map { Double($0.waits.filter { $0 > 0 }.count) / Double($0.waits.count) })
      let target = Double(svc.targetWaitS)
      s.withinTarget = meanOrNil(
        withWaits.map { Double($0.waits.filter { $0 <= target }.count) / Double($0.waits.count) })
      s.etaMaeS = meanOrNil(per.filter { !$0.etaErrors.isEmpty }.map { mean($0.etaErrors) })
      if let mae = s.etaMaeS, let w = s.waitMeanS, w > 0 { s.etaMaeRatio = mae / w }
      s.ci95WaitMeanS = confidenceInterval(means)
      if scenario.booked[svc.id] != nil {
        s.walkIn = ClassSummary(per.map(\.walkInWaits), n: n)
        var a = ClassSummary(per.map(\.appointmentWaits), n: n)
        a.booked = Double(per.map(\.booked).reduce(0, +)) / n
        a.noshow = Double(per.map(\.bookingNoshows).reduce(0, +)) / n
        a.missed = Double(per.map(\.missed).reduce(0, +)) / n
        let late = per.map(\.lateness).filter { !$0.isEmpty }
        a.latenessMeanS = meanOrNil(late.map(mean))
        a.latenessP50S = meanOrNil(late.map { percentile($0, 0.5) })
        a.latenessP90S = meanOrNil(late.map { percentile($0, 0.9) })
        s.appointment = a
      }
      return (svc.id, s)
    }
    counters = scenario.hall.counters.map { c in
      var s = CounterSummary()
      let per = runs.map { $0.counters[c.id]! }
      s.served = Double(per.map(\.served).reduce(0, +)) / n
      s.utilisation = meanOrNil(
        per.filter { $0.openMillis > 0 }.map {
          min(1, Double($0.busyMillis) / Double($0.openMillis))
        })
      return (c.id, s)
    }
    let pw = runs.filter { !$0.priorityWaits.isEmpty }
    priority = (
      Double(runs.map(\.priorityWaits.count).reduce(0, +)) / n,
      meanOrNil(pw.map { mean($0.priorityWaits) }),
      meanOrNil(pw.map { percentile($0.priorityWaits, 0.9) })
    )
    let samples = runs.map(\.waitingSamples)
    let perDay = 24 * 60 / RunResult.sampleMinutes
    waitingByTime = (0..<min(perDay, samples.first?.count ?? 0)).map { i in
      (0..<scenario.hall.services.count).map { s in
        samples.map { Double($0[i][s]) }.reduce(0, +) / n
      }
    }
  }

  public func service(_ id: String) -> ServiceSummary? { services.first { $0.0 == id }?.1 }
}

extension Summary.ClassSummary {
  /// From each run's waits of the class.
  init(_ runs: [[Double]], n: Double) {
    let withWaits = runs.filter { !$0.isEmpty }
    served = Double(runs.map(\.count).reduce(0, +)) / n
    waitMeanS = meanOrNil(withWaits.map(mean))
    waitP50S = meanOrNil(withWaits.map { percentile($0, 0.5) })
    let p90s = withWaits.map { percentile($0, 0.9) }
    waitP90S = meanOrNil(p90s)
    ci95WaitP90S = confidenceInterval(p90s)
  }
}

func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

func meanOrNil(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : mean(xs) }

/// Nearest rank, as the server's statistics compute it.
func percentile(_ xs: [Double], _ p: Double) -> Double {
  let sorted = xs.sorted()
  return sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)]
}

/// Student's t interval for the mean of replication means; nil with fewer than two.
func confidenceInterval(_ xs: [Double]) -> (Double, Double)? {
  guard xs.count >= 2 else { return nil }
  let m = mean(xs)
  let variance = xs.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(xs.count - 1)
  let half = studentT975(df: xs.count - 1) * (variance / Double(xs.count)).squareRoot()
  return (m - half, m + half)
}

/// The 97.5% quantile of Student's t: a table for small samples, Cornish–Fisher beyond.
func studentT975(df: Int) -> Double {
  let table: [Double] = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
    2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
    2.052, 2.048, 2.045, 2.042,
  ]
  if df <= table.count { return table[df - 1] }
  let z = 1.959964
  let d = Double(df)
  return z + (z * z * z + z) / (4 * d) + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d)
}
