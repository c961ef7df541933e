import Foundation
import Testing

/// A real `antre serve` with an independent WebSocket client (python `websockets`).
@Suite(.serialized) struct FeedEndToEndTests {
  @Test func screenReceivesSnapshotThenEachCall() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "B"])
    let screen = WSClientProcess(url: server.wsURL + "/ws", count: 3, timeout: 5)
    try screen.start()
    try await waitForConnections(server, role: "display", count: 1)
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    _ = try await server.request("POST", "/api/counters/2/call", token: "c2-secret")
    let lines = screen.finish().map(jsonObject)
    #expect(lines.map { $0["type"] as? String } == ["snapshot", "called", "called"])
    let numbers = lines.dropFirst().map { ($0["ticket"] as? [String: Any])?["number"] as? String }
    #expect(numbers == ["A001", "B001"])
    let counter = lines[1]["counter"] as? [String: Any]
    #expect(counter?["name"] as? String == "Loket 1")
  }

  @Test func screenThatMissedThreeCallsGetsExactlyThoseAfterReconnecting() async throws {
    let server = try ServerProcess()
    for s in ["A", "B"] {
      _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": s])
    }
    let first = try server.websocket("/ws", count: 1)
    let seq = jsonObject(first[0])["seq"] as! Int
    _ = try await server.request("POST", "/api/counters/1/call", token: "c1-secret")
    _ = try await server.request("POST", "/api/counters/2/call", token: "c2-secret")
    _ = try await server.request("POST", "/api/counters/1/recall", token: "c1-secret")
    let replay = try server.websocket("/ws?since=\(seq)", count: 4, timeout: 1.5)
    #expect(replay.last == "TIMEOUT")
    let events = replay.dropLast().map(jsonObject)
    #expect(events.map { $0["type"] as? String } == ["called", "called", "called"])
    #expect(events.map { $0["recall"] as? Bool } == [false, false, true])
    let seqs = events.map { $0["seq"] as! Int }
    #expect(seqs == seqs.sorted() && seqs.first! > seq)
  }

  @Test func kioskRetryingAnIssueWithTheSameRequestGetsTheSameTicket() async throws {
    let server = try ServerProcess()
    let issue = #"{"type":"issue","request":"press-42","service":"A","priority":false}"#
    // The box also sees the `issued` event its own ticket caused.
    let first = try server.websocket("/ws?token=k1-secret", send: [issue], count: 3)
    let second = try server.websocket("/ws?token=k1-secret", send: [issue], count: 2)
    let a = first.map(jsonObject).first { $0["type"] as? String == "ticket" }
    let b = second.map(jsonObject).first { $0["type"] as? String == "ticket" }
    let idA = (a?["ticket"] as? [String: Any])?["id"] as? String
    #expect(idA != nil)
    #expect(idA == (b?["ticket"] as? [String: Any])?["id"] as? String)
    #expect(try await issuedCount(server, "A") == 1)
  }

  @Test func badFramesGetTheirCloseCodes() async throws {
    let server = try ServerProcess()
    let binary = try server.websocket("/ws", count: 2, extra: ["--send-binary"])
    #expect(binary.last?.hasPrefix("CLOSED 1003") == true)
    let utf8 = try server.websocket(
      "/ws?token=k1-secret", count: 2, extra: ["--send-bytes", "c328"])
    #expect(utf8.last?.hasPrefix("CLOSED 1007") == true)
    let badToken = try server.websocket("/ws?token=wrong", count: 1)
    #expect(badToken.last?.hasPrefix("CLOSED 1008") == true)
    let big = String(repeating: "x", count: 70_000)
    let tooBig = try server.websocket("/ws?token=k1-secret", send: [big], count: 2)
    #expect(tooBig.last?.hasPrefix("CLOSED 1009") == true)
    let foreign = try server.websocket("/ws", count: 1, origin: "http://evil.example")
    #expect(foreign == ["REJECTED 403"])
    let own = try server.websocket("/ws", count: 1, origin: "http://127.0.0.1:\(server.port)")
    #expect(jsonObject(own[0])["type"] as? String == "snapshot")
    #expect(try await issuedCount(server, "A") == 0)
  }

  @Test func sigtermClosesScreensWithGoingAwayAndExitsCleanly() async throws {
    let server = try ServerProcess()
    let screen = WSClientProcess(url: server.wsURL + "/ws", count: 2, timeout: 5)
    try screen.start()
    try await waitForConnections(server, role: "display", count: 1)
    let started = Date()
    let status = server.terminate()
    #expect(status == 0)
    #expect(Date().timeIntervalSince(started) < 2)
    #expect(screen.finish().last?.hasPrefix("CLOSED 1001") == true)
  }

  @Test func echoEndpointEchoesOnlyWhenEnabled() async throws {
    let plain = try ServerProcess()
    #expect(try plain.websocket("/ws/echo", send: ["hi"], count: 1).first != "hi")
    let echo = try ServerProcess(extraArguments: ["--echo"])
    let text = "Nomor antrean A012 — silakan menuju loket 3 ✓"
    let big = String(repeating: "ab", count: 30_000)
    #expect(try echo.websocket("/ws/echo", send: [text, big], count: 2) == [text, big])
  }
}

/// Polls `/metrics` until the feed holds `count` connections of `role`.
func waitForConnections(_ server: ServerProcess, role: String, count: Int) async throws {
  let deadline = Date().addingTimeInterval(20)
  while Date() < deadline {
    let metrics = String(decoding: try await server.request("GET", "/metrics").body, as: UTF8.self)
    if metrics.contains("antre_connections{role=\"\(role)\"} \(count)\n") { return }
    try await Task.sleep(for: .milliseconds(20))
  }
  Issue.record("no \(count) \(role) connection(s) after 20 s")
}

func issuedCount(_ server: ServerProcess, _ service: String) async throws -> Int {
  let hall = try await server.request("GET", "/api/hall").object
  let services = hall["services"] as? [[String: Any]] ?? []
  return services.first { $0["id"] as? String == service }?["issued"] as? Int ?? -1
}
