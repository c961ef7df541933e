import Foundation
import Testing

@testable import Simulator
import HallYAML

@Suite struct ScenarioLoadingTests {
  let hall = """
    hall:
      name: Uji
      services:
        - {id: A, name: A, target_wait_s: 600, mean_service_s: 300}
        - {id: B, name: B, target_wait_s: 600, mean_service_s: 300}
      counters: [{id: 1, services: [A, B]}]
    date: 2026-12-07
    """

  func refusal(_ body: String) -> ScenarioError? {
    do {
      _ = try Scenario.load(yaml: hall + "\n" + body, directory: ".")
      return nil
    } catch {
      return error
    }
  }

  @Test func aCompleteScenarioLoadsWithItsDefaults() throws {
    let s = try Scenario.load(
      yaml: hall + """

        arrivals:
          A: [{from: "08:00", to: "10:00", per_hour: 120}]
        service_time:
          A: {dist: lognormal, mean_s: 420, cv: 0.6}
          B: {dist: empirical, samples_s: [120, 300, 610]}
        priority_share: {A: 0.05}
        counters: [{id: 1, open: ["08:00-12:00", "13:00-15:00"]}]
        """, directory: ".")
    #expect(s.replications == 20)
    #expect(s.days == 1)
    #expect(s.arrivals["A"] == [RatePiece(range: 480..<600, perHour: 120)])
    #expect(s.serviceTime(of: "A") == .lognormal(meanS: 420, cv: 0.6))
    #expect(s.serviceTime(of: "B").meanS == (120 + 300 + 610) / 3.0)
    #expect(s.shifts[1]?.count == 2)
  }

  @Test func theBundledRealisticDayLoadsItsHallByRelativePath() throws {
    let s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-day.yaml")
    #expect(s.hall.name == "Mal Pelayanan Publik Banyuwangi")
    #expect(s.arrivals.count == 8)
  }

  @Test func mistakesAreRefusedWithTheirKeyPath() {
    let cases: [(String, String)] = [
      ("arrivals: {Z: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}", "arrivals.Z"),
      ("arrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: -5}]}", "arrivals.A[0].per_hour"),
      (
        "arrivals: {A: [{from: \"08:00\", to: \"10:00\", per_hour: 5}, {from: \"09:00\", to: \"11:00\", per_hour: 5}]}",
        "arrivals.A[1]"
      ),
      (
        "arrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}\nservice_time: {A: {dist: lognormal, mean_s: 300, cv: 0}}",
        "service_time.A.cv"
      ),
      (
        "arrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}\nreplications: 10001",
        "replications"
      ),
      ("arrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}\nsurprise: 1", "surprise"),
      (
        "arrivals: {A: [{from: \"00:00\", to: \"24:00\", per_hour: 4000}]}\nreplications: 10000",
        "replications"
      ),
      (
        "arrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}\ncounters: [{id: 9, open: [\"08:00-09:00\"]}]",
        "counters[0].id"
      ),
    ]
    for (body, path) in cases {
      let error = refusal(body)
      #expect(error?.path == path, "\(body) → \(String(describing: error))")
    }
  }

  @Test func aDateThatDoesNotExistIsRefused() {
    do {
      _ = try Scenario.load(
        yaml: hall.replacingOccurrences(of: "2026-12-07", with: "2026-02-30")
          + "\narrivals: {A: [{from: \"08:00\", to: \"09:00\", per_hour: 5}]}", directory: ".")
      Issue.record("accepted")
    } catch {
      #expect(error.path == "date")
    }
  }

  @Test func aMistakeInTheInlineHallNamesItsPathInTheScenario() {
    do {
      _ = try Scenario.load(
        yaml: """
          hall:
            name: Uji
            services: [{id: a, name: A, target_wait_s: 600, mean_service_s: 300}]
            counters: [{id: 1, services: [A]}]
          date: 2026-12-07
          arrivals: {}
          """, directory: ".")
      Issue.record("accepted")
    } catch {
      #expect(error.path == "hall.services[0].id")
    }
  }

  @Test func aReplicationIsReproducibleFromItsSeed() throws {
    let s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-day.yaml")
    let a = Simulation.runOnce(s, seed: 5)
    let b = Simulation.runOnce(s, seed: 5)
    let c = Simulation.runOnce(s, seed: 6)
    #expect(a.services["A"]!.waits == b.services["A"]!.waits)
    #expect(a.services["A"]!.waits != c.services["A"]!.waits)
  }

  @Test func comparedPoliciesMeetTheSameVisitors() throws {
    var s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-day.yaml")
    s.replications = 2
    let score = Simulation.run(s.with(policy: .score), policy: "score")
    let fifo = Simulation.run(s.with(policy: .fifo), policy: "fifo")
    for (id, x) in score.services { #expect(x.arrivals == fifo.service(id)!.arrivals) }
  }

  @Test func theJSONHasTheShapeOfTheSpecification() throws {
    var s = try Scenario.load(file: Paths.scenarios + "/banyuwangi-day.yaml")
    s.replications = 2
    let text = Simulation.run(s).json
    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    #expect(object["replications"] as? Int == 2)
    #expect(object["policy"] as? String == "hall")
    let a = (object["services"] as! [String: Any])["A"] as! [String: Any]
    #expect(
      Set(a.keys) == [
        "arrivals", "refused", "served", "unserved", "wait_mean_s", "wait_p50_s", "wait_p90_s",
        "wait_max_s", "p_wait", "within_target", "eta_mae_s", "eta_mae_ratio",
        "ci95_wait_mean_s",
      ])
    let c1 = (object["counters"] as! [String: Any])["1"] as! [String: Any]
    #expect(Set(c1.keys) == ["served", "utilisation"])
  }
}
