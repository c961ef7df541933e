import Foundation
import HallWire
import QueueCore
import Testing

@testable import Simulator

/// The simulator against theory (Erlang C) and against an independent simulator (Ciw).
@Suite struct ValidationTests {
  /// Erlang C: probability of waiting and mean wait in M/M/c.
  func erlangC(servers c: Int, arrivalsPerS lambda: Double, meanS: Double) -> (Double, Double) {
    let a = lambda * meanS
    var term = 1.0
    var sum = 0.0
    for k in 0..<c {
      if k > 0 { term *= a / Double(k) }
      sum += term
    }
    let last = term * a / Double(c) * Double(c) / (Double(c) - a)
    let p = last / (sum + last)
    return (p, p / (Double(c) / meanS - lambda))
  }

  @Test func aFifoHallWithExponentialTimesWaitsAsErlangCSays() throws {
    let (c, meanS, rho) = (3, 300.0, 0.7)
    let perHour = rho * Double(c) / meanS * 3600
    // 23 hours of arrivals, the first excluded as warm-up; the last hour clears the queue.
    let scenario = Scenario(
      hall: oneServiceHall(counters: c, meanS: Int(meanS)), date: "2026-12-07",
      replications: 70, seed: 11, warmupS: 3600,
      arrivals: ["A": [RatePiece(range: 0..<23 * 60, perHour: perHour)]],
      serviceTime: ["A": .exponential(meanS: meanS)])
    let s = Simulation.run(scenario).service("A")!
    let (p, wq) = erlangC(servers: c, arrivalsPerS: perHour / 3600, meanS: meanS)
    print("Erlang C: wait \(s.waitMeanS!) s (theory \(wq)), P(wait) \(s.pWait!) (theory \(p))")
    #expect(s.unserved == 0)
    #expect(abs(s.waitMeanS! / wq - 1) < 0.05, "mean wait \(s.waitMeanS!) s, Erlang C \(wq) s")
    #expect(abs(s.pWait! / p - 1) < 0.05, "P(wait) \(s.pWait!), Erlang C \(p)")
    let (lo, hi) = s.ci95WaitMeanS!
    #expect((hi - lo) / 2 < 0.1 * wq, "the run is long enough to tell")
  }

  @Test func aNonStationaryTwoServiceDayWaitsAsCiwSimulatesIt() throws {
    let reps = 100
    let ciwOutput = try python([Paths.ciwScript, String(reps)])
    let ciw = try #require(
      try JSONSerialization.jsonObject(with: Data(ciwOutput.utf8)) as? [String: [String: Double]],
      "ciw printed: \(ciwOutput)")
    let hall = HallConfig(
      name: "Uji", zone: HallZone(identifier: "Asia/Jakarta", secondsFromUTC: 7 * 3600),
      services: [
        ServiceConfig(id: "A", name: "A", targetWaitS: 600, meanServiceS: 240),
        ServiceConfig(id: "B", name: "B", targetWaitS: 600, meanServiceS: 480),
      ],
      counters: [
        CounterConfig(id: 1, name: "1", services: ["A"], policy: .fifo),
        CounterConfig(id: 2, name: "2", services: ["A"], policy: .fifo),
        CounterConfig(id: 3, name: "3", services: ["A"], policy: .fifo),
        CounterConfig(id: 4, name: "4", services: ["B"], policy: .fifo),
        CounterConfig(id: 5, name: "5", services: ["B"], policy: .fifo),
      ])
    func piece(_ from: Int, _ to: Int, _ rate: Double) -> RatePiece {
      RatePiece(range: (480 + from)..<(480 + to), perHour: rate)
    }
    let scenario = Scenario(
      hall: hall, date: "2026-12-07", replications: reps, seed: 21,
      arrivals: [
        "A": [piece(0, 120, 40), piece(120, 240, 25), piece(240, 420, 10)],
        "B": [piece(0, 120, 12), piece(120, 420, 6)],
      ],
      serviceTime: ["A": .exponential(meanS: 240), "B": .lognormal(meanS: 480, cv: 0.5)])
    let ours = Simulation.run(scenario)
    for id in ["A", "B"] {
      let s = ours.service(id)!
      let theirs = try #require(ciw[id])
      let (lo, hi) = s.ci95WaitMeanS!
      // Both are estimates, each with its 95% interval: the two intervals must overlap.
      let distance = abs(s.waitMeanS! - theirs["mean_s"]!)
      print(
        "Ciw \(id): ours \(s.waitMeanS!) ± \((hi - lo) / 2) s, Ciw \(theirs["mean_s"]!) ± \(theirs["half_s"]!) s"
      )
      #expect(
        distance <= theirs["half_s"]! + (hi - lo) / 2,
        "\(id): ours \(s.waitMeanS!) ± \((hi - lo) / 2) s, Ciw \(theirs["mean_s"]!) ± \(theirs["half_s"]!) s"
      )
    }
  }
}
