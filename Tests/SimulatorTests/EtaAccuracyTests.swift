import Testing

@testable import Simulator

/// The ETA printed on each ticket, measured against the wait the visitor then had.
@Suite struct EtaAccuracyTests {
  @Test func etasOnTheRealisticBanyuwangiDayAreWithinAQuarterOfTheWait() throws {
    var s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-day.yaml")
    s.replications = 6
    let summary = Simulation.run(s)
    // All served tickets of the hall: Σ |ETA − wait| over Σ wait.
    var error = 0.0
    var wait = 0.0
    for (_, x) in summary.services where x.served > 0 {
      error += x.etaMaeS! * x.served
      wait += x.waitMeanS! * x.served
    }
    let ratio = error / wait
    print("hall-wide ETA error ratio \(ratio)")
    #expect(ratio <= 0.25, "hall-wide ETA error ratio \(ratio)")
  }
}
