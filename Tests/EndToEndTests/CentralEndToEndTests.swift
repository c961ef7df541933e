import Foundation
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A real `antre central` on an ephemeral port.
final class CentralProcess {
  let process = Process()
  private let stdout = Pipe()
  private(set) var port = 0
  private(set) var output = ""

  init(postgres: String, token: String) throws {
    process.executableURL = ServerProcess.antreBinary
    process.arguments = ["central", "--postgres", postgres, "--port", "0", "--token", token]
    process.currentDirectoryURL = ServerProcess.packageRoot
    process.standardOutput = stdout
    process.standardError = FileHandle.standardError
    try process.run()
    let handle = stdout.fileHandleForReading
    while port == 0 {
      let chunk = handle.availableData
      if chunk.isEmpty { throw E2EError.serverExited(output) }
      output += String(decoding: chunk, as: UTF8.self)
      for line in output.split(separator: "\n") where line.hasPrefix("listening on http://") {
        port = Int(line.split(separator: ":").last ?? "") ?? 0
      }
    }
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }

  deinit {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }
}

@Suite(.serialized) struct CentralEndToEndTests {
  func health(_ hall: ServerProcess) async throws -> [String: Any] {
    let reply = try await hall.request("GET", "/healthz")
    return reply.object["central"] as? [String: Any] ?? [:]
  }

  func waitFor(
    _ hall: ServerProcess, state: String, lagEvents: Int? = nil, timeout: Double = 20
  ) async throws -> [String: Any] {
    let deadline = Date().addingTimeInterval(timeout)
    var last: [String: Any] = [:]
    while Date() < deadline {
      last = try await health(hall)
      if last["state"] as? String == state,
        lagEvents == nil || last["lag_events"] as? Int == lagEvents
      {
        return last
      }
      try await Task.sleep(nanoseconds: 50_000_000)
    }
    Issue.record("hall never reached \(state): \(last)")
    return last
  }

  func issue(_ hall: ServerProcess, _ n: Int) async throws -> Double {
    var slowest = 0.0
    for _ in 0..<n {
      let started = Date()
      let r = try await hall.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"])
      slowest = max(slowest, Date().timeIntervalSince(started))
      #expect(r.status == 201)
    }
    return slowest
  }

  @Test func twoHallsShipThroughAnOutageAndCentralCountsEveryEventOnce() async throws {
    let cluster = try PostgresCluster()
    let halls = [
      try ServerProcess(extraArguments: ["--central", cluster.url, "--hall-id", "hall-a"]),
      try ServerProcess(extraArguments: ["--central", cluster.url, "--hall-id", "hall-b"]),
    ]
    for hall in halls { _ = try await issue(hall, 10) }
    for hall in halls { _ = try await waitFor(hall, state: "caught_up") }

    // PostgreSQL goes away while both halls keep issuing and calling.
    try cluster.stop()
    var slowest = 0.0
    for hall in halls {
      slowest = max(slowest, try await issue(hall, 15))
      // Call, finish, call again: a second call within 5 s of an unstarted one would only
      // repeat the first (README, "Decisions on calling").
      for path in ["call", "done", "call"] {
        let reply = try await hall.request("POST", "/api/counters/1/\(path)", token: "admin-secret")
        #expect(reply.status == 200)
      }
    }
    // Issuing never waited for PostgreSQL (a connect timeout is 3 s). What this test process
    // measures includes its own scheduling (other suites' blocking waits share its threads),
    // so the hall's own word decides: its loop was never late by anything near a wait on
    // PostgreSQL (the lag probe fires every second on the loop).
    #expect(slowest < 10, "a request took \(slowest) s")
    for hall in halls {
      let down = try await waitFor(hall, state: "unreachable")
      #expect((down["lag_events"] as? Int ?? 0) > 0)
      let metrics = String(decoding: try await hall.request("GET", "/metrics").body, as: UTF8.self)
      let lag = metrics.split(separator: "\n").first {
        $0.hasPrefix("antre_event_loop_lag_max_seconds ")
      }.flatMap { Double($0.split(separator: " ").last ?? "") }
      #expect((lag ?? .infinity) < 1.5, "the loop's worst lag: \(lag ?? -1) s")
      #expect(metrics.contains("antre_central_lag_events"))
      #expect(!metrics.contains("antre_central_lag_events 0\n"))
    }

    try cluster.start()
    var hallSeqs: [Int] = []
    for hall in halls {
      let back = try await waitFor(hall, state: "caught_up")
      #expect(back["lag_events"] as? Int == 0)
      hallSeqs.append(back["hall_seq"] as? Int ?? -1)
    }
    for (id, seq) in zip(["hall-a", "hall-b"], hallSeqs) {
      let row = try cluster.psql(
        "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM events WHERE hall = '\(id)'")
      #expect(row == "\(seq)|\(seq)|1|\(seq)", "\(id)")
    }

    let central = try CentralProcess(postgres: cluster.url, token: "central-admin-token")
    let list = try await ServerProcess.request(
      central.baseURL, "GET", "/api/halls", token: "central-admin-token")
    #expect(list.status == 200)
    let entries = list.json as? [[String: Any]] ?? []
    #expect(entries.map { $0["hall"] as? String } == ["hall-a", "hall-b"])
    for (entry, hall) in zip(entries, halls) {
      let today = entry["today"] as? [String: Any] ?? [:]
      #expect(today["issued"] as? Int == 25)
      #expect(today["served"] as? Int == 1)
      #expect(today["waiting"] as? Int == 23)
      #expect(entry["state"] as? String == "live")
      #expect(entry["name"] as? String == "Test Hall")
      let date = today["date"] as? String ?? ""
      let own = try await hall.request("GET", "/api/stats?date=\(date)", token: "admin-secret")
      let mine = (own.object["services"] as? [[String: Any]])?.first ?? [:]
      let stats = try await ServerProcess.request(
        central.baseURL, "GET", "/api/halls/\(entry["hall"] as? String ?? "")/stats?date=\(date)",
        token: "central-admin-token")
      let theirs = (stats.object["services"] as? [[String: Any]])?.first ?? [:]
      for key in ["issued", "served", "noshow", "cancelled"] {
        #expect(theirs[key] as? Int == mine[key] as? Int, "\(key)")
      }
    }
    let unauthorized = try await ServerProcess.request(central.baseURL, "GET", "/api/halls")
    #expect(unauthorized.status == 401)
    let wrong = try await ServerProcess.request(
      central.baseURL, "GET", "/api/halls", token: "not-the-token-at-all")
    #expect(wrong.status == 403)
    let badDate = try await ServerProcess.request(
      central.baseURL, "GET", "/api/halls/hall-a/stats?from=2026-02-31x",
      token: "central-admin-token")
    #expect(badDate.status == 400)
    let page = try await ServerProcess.request(central.baseURL, "GET", "/region.html")
    #expect(page.status == 200)
    for hall in halls { _ = hall.terminate() }
  }

  @Test func anUnreachableCentralIsReportedAndTheHallKeepsIssuing() async throws {
    let cluster = try PostgresCluster()
    try cluster.stop()
    let hall = try ServerProcess(extraArguments: ["--central", cluster.url, "--hall-id", "lone"])
    _ = try await issue(hall, 3)
    // The shipper looks again every second; its figures then count the three tickets.
    let status = try await waitFor(hall, state: "unreachable", lagEvents: 3)
    #expect(status["error"] as? String != nil)
    #expect(status["lag_events"] as? Int == 3)
    _ = hall.terminate()
  }

  @Test func aWrongCentralURLInTheHallFileIsReportedAndTheHallStillWorks() async throws {
    let hallFile =
      ServerProcess.testHall + """

        central: {url: "postgress://typo@127.0.0.1/region", hall: "typo"}
        """
    let hall = try ServerProcess(hall: hallFile)
    _ = try await issue(hall, 1)
    let status = try await health(hall)
    #expect(status["state"] as? String == "bad_url")
    #expect(status["hall"] as? String == "typo")
    _ = hall.terminate()
  }
}
