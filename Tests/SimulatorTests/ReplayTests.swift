import HallWire
import QueueCore
import Testing

@testable import Simulator

@Suite struct ReplayTests {
  @Test func aRecordedDayKeepsItsArrivalsAndServiceTimes() {
    let eight: Millis = 8 * 3_600_000
    let visitors = (0..<3).map {
      RecordedVisitor(
        offsetMillis: eight + Millis($0) * 10_000, service: "A", priority: false, serviceS: 100,
        noshow: false)
    }
    let s = Scenario(
      replaying: visitors, hall: oneServiceHall(counters: 1, meanS: 300), date: "2026-12-07",
      replications: 2)
    let run = Simulation.runOnce(s, seed: 1)
    #expect(run.services["A"]!.waits == [0, 90, 180])
    // With two counters, the same visitors wait less: what a manager asks the replay.
    var two = s
    two.hall = oneServiceHall(counters: 2, meanS: 300)
    #expect(Simulation.runOnce(two, seed: 1).services["A"]!.waits == [0, 0, 80])
  }

  @Test func visitorsNeverServedDrawFromTheRecordedTimes() {
    let visitors = [
      RecordedVisitor(
        offsetMillis: 8 * 3_600_000, service: "A", priority: false, serviceS: 50, noshow: false),
      RecordedVisitor(
        offsetMillis: 8 * 3_600_000 + 1, service: "A", priority: false, serviceS: nil,
        noshow: false),
      RecordedVisitor(
        offsetMillis: 8 * 3_600_000 + 2, service: "A", priority: false, serviceS: nil,
        noshow: false),
    ]
    let s = Scenario(
      replaying: visitors, hall: oneServiceHall(counters: 1, meanS: 300), date: "2026-12-07")
    // Every time is 50 s: the third waits for two of them.
    #expect(Simulation.runOnce(s, seed: 3).services["A"]!.waits == [0, 49.999, 99.998])
  }
}
