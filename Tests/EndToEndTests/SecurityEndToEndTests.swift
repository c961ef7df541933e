import Foundation
import Testing

/// The holes of issue 10, each tried as a phone on the hall's Wi-Fi would.
@Suite(.serialized) struct SecurityEndToEndTests {
  struct RawReply: Sendable {
    var reply: String
    var closedAfter: Double?
    var sent: Int
  }

  /// Sends raw bytes through `rawhttp.py` (python's socket: no HTTP library cleans them up).
  func raw(_ server: ServerProcess, _ text: String, drip: Double = 0, wait: Double = 5) throws
    -> RawReply
  {
    try Self.raw(port: server.port, text, drip: drip, wait: wait)
  }

  static func raw(port: Int, _ text: String, drip: Double = 0, wait: Double = 5) throws
    -> RawReply
  {
    let process = Process()
    let out = Pipe()
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/rawhttp.py").path
    let hex = Array(text.utf8).map { String(format: "%02x", $0) }.joined()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", script, String(port), hex, "--drip", String(drip), "--wait", String(wait)]
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    return RawReply(
      reply: object["reply"] as? String ?? "", closedAfter: object["closed_after"] as? Double,
      sent: object["sent"] as? Int ?? 0)
  }

  @Test func aTicketIdFromTheFeedCannotCancelTheTicket() async throws {
    let server = try ServerProcess()
    let issued = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    #expect(issued.status == 201)
    let id = try #require(issued.object["id"] as? String)
    let key = try #require(issued.object["key"] as? String)
    // Replayed from seq 0: the same `issued` event every screen received.
    let lines = try server.websocket("/ws?since=0", count: 2, timeout: 3)
    // The attacker's view: the public feed names the ticket but never carries its key.
    #expect(lines.contains { $0.contains(id) })
    #expect(!lines.contains { $0.contains(key) })
    for path in ["/api/hall", "/api/tickets/\(id)"] {
      let text = String(decoding: try await server.request("GET", path).body, as: UTF8.self)
      #expect(!text.contains(key), "\(path)")
    }
    for path in ["/api/stats", "/api/stats.csv"] {
      let r = try await server.request("GET", path, token: "admin-secret")
      #expect(!String(decoding: r.body, as: UTF8.self).contains(key), "\(path)")
    }

    let refused = try await server.request("DELETE", "/api/tickets/\(id)")
    #expect(refused.status == 403)
    #expect(refused.errorCode == "forbidden")
    let wrong = try await server.request(
      "DELETE", "/api/tickets/\(id)", headers: ["X-Ticket-Key": String(key.reversed())])
    #expect(wrong.status == 403)
    #expect(
      try await server.request("GET", "/api/tickets/\(id)").object["state"] as? String == "waiting")

    let cancelled = try await server.request(
      "DELETE", "/api/tickets/\(id)", headers: ["X-Ticket-Key": key])
    #expect(cancelled.status == 200)
    #expect(cancelled.object["state"] as? String == "cancelled")
    // Staff cancel without the key.
    let other = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let byCounter = try await server.request(
      "DELETE", "/api/tickets/\(other.object["id"] as? String ?? "")", token: "c1-secret")
    #expect(byCounter.status == 200)
  }

  @Test func hallFilesAreNotServed() async throws {
    let server = try ServerProcess()
    for path in [
      "/assets/halls/mpp-banyuwangi.yaml", "/Assets/halls/mpp-banyuwangi.yaml",
      "/assets/../Assets/halls/mpp-banyuwangi.yaml", "/assets/voice/../../Assets/halls/demo-always-open.yaml",
    ] {
      #expect(try await server.request("GET", path).status == 404, "\(path)")
    }
    #expect(try await server.request("GET", "/assets/voice/chime.ogg").status == 200)
  }

  @Test func ambiguousRequestsAreRefusedAndLeaveNothing() async throws {
    let server = try ServerProcess()
    let body = #"{"service":"A"}"#
    let cases: [(String, String)] = [
      (
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k1-secret\r\n"
          + "Content-Length: \(body.utf8.count)\r\nContent-Length: 3\r\n\r\n\(body)", "400"
      ),
      (
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k1-secret\r\n"
          + "Content-Length: +\(body.utf8.count)\r\n\r\n\(body)", "400"
      ),
      ("GET /healthz HTTP/1.2\r\nHost: x\r\n\r\n", "400"),
      ("GET /healthz HTTP/-1.1\r\nHost: x\r\n\r\n", "400"),
      ("GET healthz HTTP/1.1\r\nHost: x\r\n\r\n", "400"),
      (
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 100000000000000000000000\r\n\r\n",
        "413"
      ),
    ]
    for (request, status) in cases {
      let reply = try raw(server, request, wait: 3)
      #expect(reply.reply.hasPrefix("HTTP/1.1 \(status)"), "\(request.prefix(60))")
      #expect(reply.closedAfter != nil && reply.closedAfter! < 2, "\(request.prefix(60))")
    }
    #expect(try await issuedCount(server, "A") == 0)
  }

  @Test func aSlowlorisConnectionIsClosedAfterTenSecondsWhileOthersAreServed() async throws {
    let server = try ServerProcess()
    let port = server.port
    let drip = Task.detached {
      try Self.raw(
        port: port,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: " + String(repeating: "a", count: 40),
        drip: 0.5, wait: 15)
    }
    try await Task.sleep(for: .seconds(2))
    #expect(try await server.request("GET", "/healthz").status == 200)
    let reply = try await drip.value
    #expect(reply.reply.hasPrefix("HTTP/1.1 408"))
    #expect(reply.reply.contains(#""code":"request_timeout""#))
    let closed = try #require(reply.closedAfter)
    #expect(closed >= 9.5 && closed < 12)
  }

  @Test func aPageFromAnotherHostCannotOpenTheFeedEvenWithAMatchingHost() throws {
    let server = try ServerProcess()
    func upgrade(host: String, origin: String) throws -> String {
      try raw(
        server,
        "GET /ws HTTP/1.1\r\nHost: \(host)\r\nOrigin: \(origin)\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n", wait: 1
      ).reply
    }
    let port = server.port
    #expect(
      try upgrade(host: "evil.example:\(port)", origin: "http://evil.example:\(port)").hasPrefix(
        "HTTP/1.1 403"))
    #expect(
      try upgrade(host: "127.0.0.1:\(port)", origin: "http://evil.example").hasPrefix(
        "HTTP/1.1 403"))
    #expect(
      try upgrade(host: "127.0.0.1:\(port)", origin: "http://127.0.0.1:\(port)").hasPrefix(
        "HTTP/1.1 101"))
    #expect(
      try upgrade(host: "localhost:\(port)", origin: "http://localhost:\(port)").hasPrefix(
        "HTTP/1.1 101"))
  }

  @Test func theHallsOwnNamesMayOpenTheFeed() throws {
    let server = try ServerProcess(
      hall: ServerProcess.testHall + "\npublic_url: https://antrean.example.go.id/\n"
        + "origins: [https://layar.example.go.id]\n")
    func upgrade(host: String, origin: String) throws -> String {
      try raw(
        server,
        "GET /ws HTTP/1.1\r\nHost: \(host)\r\nOrigin: \(origin)\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
          + "Sec-WebSocket-Version: 13\r\n\r\n", wait: 1
      ).reply
    }
    // Behind a proxy: the public URL's origin, a listed origin, and the hall's own host name.
    #expect(
      try upgrade(host: "antrean.example.go.id", origin: "https://antrean.example.go.id")
        .hasPrefix("HTTP/1.1 101"))
    #expect(
      try upgrade(host: "127.0.0.1", origin: "https://layar.example.go.id").hasPrefix(
        "HTTP/1.1 101"))
    #expect(
      try upgrade(host: "antrean.example.go.id:8080", origin: "http://antrean.example.go.id:8080")
        .hasPrefix("HTTP/1.1 101"))
    #expect(
      try upgrade(host: "other.example.go.id", origin: "http://other.example.go.id")
        .hasPrefix("HTTP/1.1 403"))
  }

  @Test func aFullDiskRefusesHonestlyAndRecoversWithinSeconds() async throws {
    let mount = FileManager.default.temporaryDirectory.appendingPathComponent(
      "antre-e2e-full-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
    guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.path]) else {
      Issue.record("cannot mount a tmpfs here (not root?): the disk-full test did not run")
      return
    }
    defer { _ = run("/bin/umount", ["-l", mount.path]) }
    let server = try ServerProcess(reuse: mount)
    defer { _ = server.terminate() }
    let filler = mount.appendingPathComponent("filler").path
    let free =
      try FileManager.default.attributesOfFileSystem(forPath: mount.path)[
        .systemFreeSize] as? NSNumber
    FileManager.default.createFile(
      atPath: filler, contents: Data(count: max(0, (free?.intValue ?? 0) - 1_500_000)))

    var created: [String] = []
    var refused = 0
    var n = 0
    while refused < 3 && n < 20_000 {
      n += 1
      let r = try await server.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "A", "request": "r\(n)"])
      if r.status == 201, let id = r.object["id"] as? String { created.append(id) }
      if r.status == 500 { refused += 1 }
    }
    #expect(refused == 3, "the disk never filled")
    let health = try await server.request("GET", "/healthz")
    #expect(health.status == 503)
    #expect(health.errorCode == "storage_failing")

    // A screen connected during the episode is not closed again by each failed commit.
    let screen = WSClientProcess(url: server.wsURL + "/ws", count: 50, timeout: 3)
    try screen.start()
    try await Task.sleep(for: .milliseconds(300))
    for i in 0..<5 {
      let r = try await server.request(
        "POST", "/api/tickets", token: "admin-secret",
        json: ["service": "A", "request": "late\(i)"])
      #expect(r.status == 500)
    }
    #expect(!screen.finish().contains { $0.hasPrefix("CLOSED 1011") })

    try FileManager.default.removeItem(atPath: filler)
    let freedAt = Date()
    while try await server.request("GET", "/healthz").status != 200 {
      #expect(Date().timeIntervalSince(freedAt) < 5, "writes did not resume within 5 s")
      if Date().timeIntervalSince(freedAt) > 5 { break }
      try await Task.sleep(for: .milliseconds(100))
    }
    let after = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"])
    #expect(after.status == 201)
    // Everything that got a 201 is there; nothing that got a 500 was stored.
    for id in created {
      #expect(try await server.request("GET", "/api/tickets/\(id)").status == 200)
    }
    #expect(try await issuedCount(server, "A") == created.count + 1)
  }

  @Test func aPingFloodFromAClientThatNeverReadsIsCutOffAndLeavesNoMemoryBehind() throws {
    let process = Process()
    let out = Pipe()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", "Benchmarks/ping-flood.py", "--antre", ServerProcess.antreBinary.path,
      "--pings", "2000000",
    ]
    process.currentDirectoryURL = ServerProcess.packageRoot
    process.standardOutput = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(text.contains("closed by the server"), "\(text)")
    let growth = text.split(separator: "(after - before = ").last.flatMap {
      Double($0.prefix { $0 != " " })
    }
    #expect(growth != nil && growth! < 16, "\(text)")
  }

  private func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}
