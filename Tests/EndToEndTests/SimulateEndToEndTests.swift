import Foundation
import Testing

/// `antre simulate` as a user runs it: on the bundled scenario, on a broken one, and
/// replaying a day a real server recorded.
@Suite struct SimulateEndToEndTests {
  @Test func theBundledScenarioPrintsATablePerServiceAndCounter() throws {
    let r = try OfficerCLI.run([
      "simulate", ServerProcess.packageRoot.path + "/Assets/scenarios/banyuwangi-day.yaml",
      "--replications", "2", "--lang", "en",
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Service  Arrived"))
    #expect(r.out.contains("Counter   Served   Busy"))
  }

  @Test func theBookedScenarioComparesWalkInsWithAndWithoutBookings() throws {
    let file = ServerProcess.packageRoot.path + "/Assets/scenarios/banyuwangi-booked.yaml"
    var p90: [String: Double] = [:]
    for share in ["0", "0.3"] {
      let r = try OfficerCLI.run([
        "simulate", file, "--booked", share, "--replications", "3", "--json",
      ])
      #expect(r.status == 0, "\(r.err)")
      let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
      let a = (object?["services"] as? [String: [String: Any]])?["A"]
      let walkIn = a?["walk_in"] as? [String: Any]
      let appointment = a?["appointment"] as? [String: Any]
      p90[share] = (walkIn?["wait_p90_s"] as? NSNumber)?.doubleValue
      let booked = (appointment?["booked"] as? NSNumber)?.doubleValue ?? -1
      #expect(share == "0" ? booked == 0 : booked > 50, "booked \(booked)")
    }
    #expect(p90["0.3"] != nil && p90["0"] != nil)
    let table = try OfficerCLI.run(["simulate", file, "--replications", "2"])
    #expect(table.out.contains("janji temu"), "\(table.out)")
    // A hall none of whose services takes appointments.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "antre-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let plain = dir.appendingPathComponent("plain.yaml").path
    try """
    hall:
      name: Uji
      services: [{id: A, name: A, target_wait_s: 600, mean_service_s: 300}]
      counters: [{id: 1, services: [A]}]
    date: 2026-12-07
    arrivals: {A: [{from: "08:00", to: "10:00", per_hour: 5}]}
    """.write(toFile: plain, atomically: true, encoding: .utf8)
    let refused = try OfficerCLI.run(["simulate", plain, "--booked", "0.3"])
    #expect(refused.status == 2)
    #expect(refused.err.contains("janji temu"), "\(refused.err)")
  }

  @Test func aBrokenScenarioIsRefusedWithItsKeyPath() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "antre-sim-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("bad.yaml").path
    try """
    hall: \(ServerProcess.packageRoot.path)/Assets/halls/mpp-banyuwangi.yaml
    date: 2026-12-07
    arrivals:
      A: [{from: "08:00", to: "10:00", per_hour: -3}]
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try OfficerCLI.run(["simulate", file])
    #expect(r.status == 2)
    #expect(r.err.contains("arrivals.A[0].per_hour"), "\(r.err)")
    #expect(r.out.isEmpty)
  }

  @Test func aRecordedDayIsReplayedFromTheDatabase() async throws {
    let server = try ServerProcess()
    var day = ""
    for i in 0..<4 {
      let t = try await server.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "A", "priority": i == 3])
      #expect(t.status == 201)
      day = String((t.object["issued_at"] as? String ?? "").prefix(10))
    }
    _ = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "B", "priority": false])
    #expect(
      try await server.request("POST", "/api/counters/1/call", token: "c1-secret").status == 200)
    #expect(
      try await server.request("POST", "/api/counters/1/done", token: "c1-secret").status == 200)
    #expect(
      try await server.request("POST", "/api/counters/2/call", token: "c2-secret").status == 200)
    #expect(
      try await server.request("POST", "/api/counters/2/noshow", token: "c2-secret").status == 200)
    _ = server.terminate()
    let hall = server.directory.appendingPathComponent("hall.yaml").path
    let r = try OfficerCLI.run([
      "simulate", "--from-db", server.dbPath, "--date", day, "--config", hall, "--json",
      "--replications", "3",
    ])
    #expect(r.status == 0, "\(r.err)")
    let object = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any]
    let services = object?["services"] as? [String: [String: Any]]
    #expect(services?["A"]?["arrivals"] as? Int == 4)
    #expect(services?["B"]?["arrivals"] as? Int == 1)
    #expect(services?["A"]?["served"] as? Int == 4)

    let missing = try OfficerCLI.run([
      "simulate", "--from-db", "/nonexistent.sqlite", "--date", day,
    ])
    #expect(missing.status == 2)
    #expect(missing.err.contains("tidak ada"), "\(missing.err)")
  }
}
