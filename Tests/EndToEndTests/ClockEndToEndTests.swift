import Foundation
import Testing

/// A real `antre serve` whose wall clock the test moves (libfaketime): restarts, a clock
/// stepping back across midnight, and the first command of a new day being refused.
@Suite(.serialized, .enabled(if: FakeClock.isAvailable, "needs Debian's faketime"))
struct ClockEndToEndTests {
  static let hall = """
    name: Clock Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    services:
      - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
      - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 300}
      - id: C
        name: Imigrasi
        target_wait_s: 900
        mean_service_s: 300
        hours: {mon: "08:00-15:00", tue: "08:00-15:00", wed: "08:00-15:00", thu: "08:00-15:00", fri: "08:00-15:00"}
    counters:
      - {id: 1, name: Loket 1, services: [A, B, C], token: c1-secret}
      - {id: 2, name: Loket 2, services: [A, B], token: c2-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """

  /// A server on a fresh directory, its clock at `date` `time` in Jakarta.
  private func start(_ date: String, _ time: String) throws -> (ServerProcess, FakeClock) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-clock-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let clock = FakeClock(directory: directory)
    try clock.set(FakeClock.jakarta(date, time))
    let server = try ServerProcess(
      hall: Self.hall, reuse: directory, environment: clock.environment)
    return (server, clock)
  }

  private func restart(_ server: ServerProcess, _ clock: FakeClock, kill: Bool = false) throws
    -> ServerProcess
  {
    if kill { server.kill9() } else { _ = server.terminate() }
    return try ServerProcess(
      hall: Self.hall, reuse: server.directory, environment: clock.environment)
  }

  private func issue(_ server: ServerProcess, _ service: String) async throws
    -> ServerProcess.Reply
  {
    try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": service])
  }

  private func snapshot(_ server: ServerProcess) throws -> [String: Any] {
    jsonObject(try server.websocket("/ws", count: 1)[0])
  }

  @Test func recentCallsOnTheHallScreenAreTheSameAfterARestart() async throws {
    var (server, clock) = try start("2026-12-01", "10:00:00")
    _ = try await issue(server, "A")
    _ = try await issue(server, "A")
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    _ = try await server.request("POST", "/api/counters/2/call", token: "c2-secret")
    try await Task.sleep(for: .milliseconds(20))
    _ = try await server.request("POST", "/api/counters/1/recall", token: "c1-secret")
    let moved = try await server.request(
      "POST", "/api/counters/2/transfer", token: "c2-secret", json: ["service": "B"])
    #expect(moved.status == 200)
    let before = try snapshot(server)["recent_calls"] as? [[String: Any]] ?? []
    #expect(before.map { $0["number"] as? String } == ["A001", "A002"])

    server = try restart(server, clock)
    let after = try snapshot(server)["recent_calls"] as? [[String: Any]] ?? []
    #expect(NSArray(array: after).isEqual(to: before))
    _ = server.terminate()
  }

  @Test func numbersNeverRepeatWhenTheClockStepsBackAcrossMidnightAndTheServerRestarts()
    async throws
  {
    var (server, clock) = try start("2026-12-02", "09:00:00")
    #expect(try await issue(server, "A").object["number"] as? String == "A001")
    let a2 = try await issue(server, "A").object
    #expect(a2["number"] as? String == "A002")
    #expect(try await issue(server, "B").object["number"] as? String == "B001")
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    _ = try await server.request("POST", "/api/counters/1/done", token: "c1-secret")

    // The clock goes back to Dec 1, ten seconds before midnight, and the server restarts.
    try clock.set(FakeClock.jakarta("2026-12-01", "23:59:50"))
    server = try restart(server, clock)
    #expect(try await issue(server, "A").object["number"] as? String == "A003")
    #expect(
      try snapshot(server)["hall"].flatMap { ($0 as? [String: Any])?["date"] as? String }
        == "2026-12-02")

    // It crosses its midnight: still Dec 2, nothing expires, numbering goes on.
    try clock.set(FakeClock.jakarta("2026-12-02", "00:00:05"))
    #expect(try await issue(server, "A").object["number"] as? String == "A004")
    #expect(try await issue(server, "B").object["number"] as? String == "B002")
    let id = try #require(a2["id"] as? String)
    let waiting = try await server.request("GET", "/api/tickets/\(id)")
    #expect(waiting.object["state"] as? String == "waiting")

    let csv = try await server.request(
      "GET", "/api/stats.csv?date=2026-12-02", token: "admin-secret")
    let numbers = String(decoding: csv.body, as: UTF8.self).split(separator: "\r\n").dropFirst()
      .map { $0.split(separator: ",")[1] }
    #expect(numbers.count == 6)
    #expect(Set(numbers).count == numbers.count, "a number repeats: \(numbers)")
    _ = server.terminate()
  }

  @Test func aRefusedFirstCommandAfterMidnightStillCommitsTheDayChange() async throws {
    var (server, clock) = try start("2026-12-01", "10:00:00")
    let left = try await issue(server, "A").object
    let id = try #require(left["id"] as? String)

    try clock.set(FakeClock.jakarta("2026-12-02", "00:00:02"))
    let refused = try await issue(server, "C")
    #expect(refused.status == 409)
    #expect(refused.errorCode == "service_closed")

    // The day change is stored even though the command that noticed it was refused.
    let ticket = try await server.request("GET", "/api/tickets/\(id)")
    #expect(ticket.object["state"] as? String == "expired")
    let stats = try await server.request("GET", "/api/stats?date=2026-12-01", token: "admin-secret")
    let a = (stats.object["services"] as? [[String: Any]])?.first { $0["id"] as? String == "A" }
    #expect(a?["expired"] as? Int == 1)
    let seq = try snapshot(server)["seq"] as? Int

    // What screens saw is what the database holds.
    try await Task.sleep(for: .milliseconds(200))
    server = try restart(server, clock, kill: true)
    #expect(try snapshot(server)["seq"] as? Int == seq)
    let after = try await server.request("GET", "/api/tickets/\(id)")
    #expect(after.object["state"] as? String == "expired")
    _ = server.terminate()
  }
}
