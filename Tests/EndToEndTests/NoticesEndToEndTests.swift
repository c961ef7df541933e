import Foundation
import Testing

/// `notify_webhook` against a real `antre serve`: a Python receiver that is down at first,
/// then up; a kill -9 after delivery; a reminder caught up at start-up (libfaketime).
@Suite(.serialized) struct NoticesEndToEndTests {
  static func hall(port: Int) -> String {
    """
    name: Test Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    notify_webhook: http://127.0.0.1:\(port)/hook?key=gateway-secret
    notify_reminder_at: "18:00"
    services:
      - id: A
        name: Kependudukan
        target_wait_s: 900
        mean_service_s: 300
        appointments: {slot_s: 900, per_slot: 2, days_ahead: 3}
        remote: {share: 1, notify_ahead: 1}
    counters:
      - {id: 1, name: Loket 1, services: [A], token: c1-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """
  }

  /// A port nobody listens on now (bound, then closed).
  static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) }
    }
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) }
    }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  final class Receiver {
    let process = Process()
    let out: URL

    init(port: Int, directory: URL, tls: (cert: String, key: String)? = nil) throws {
      out = directory.appendingPathComponent("received-\(port).jsonl")
      let script = ServerProcess.packageRoot
        .appendingPathComponent("Tests/EndToEndTests/Support/webhook_receiver.py").path
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments =
        ["python3", script, String(port), out.path]
        + (tls.map { ["--tls", $0.cert, $0.key] } ?? [])
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      _ = pipe.fileHandleForReading.availableData  // "ready"
    }

    var notices: [[String: Any]] {
      let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").map { jsonObject(String($0)) }
    }

    var bodies: [[String: Any]] { notices.map { jsonObject($0["body"] as? String ?? "") } }

    func wait(for count: Int, seconds: Double) async throws -> Bool {
      let deadline = Date().addingTimeInterval(seconds)
      while notices.count < count {
        if Date() > deadline { return false }
        try await Task.sleep(for: .milliseconds(100))
      }
      return true
    }

    deinit {
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
      }
    }
  }

  func metric(_ server: ServerProcess, _ name: String) async throws -> Double? {
    let text = String(decoding: try await server.request("GET", "/metrics").body, as: UTF8.self)
    return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
      .flatMap { Double($0.split(separator: " ").last ?? "") }
  }

  @Test func aReceiverDownAtFirstGetsNearAndCalledOnceItIsUpAndNothingTwiceAfterAKill9()
    async throws
  {
    let port = try Self.freePort()
    let log = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-notices-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    let server = try ServerProcess(hall: Self.hall(port: port), standardError: log)
    func post(_ path: String, token: String? = nil, _ json: [String: Any] = [:]) async throws
      -> ServerProcess.Reply
    {
      try await server.request("POST", path, token: token, json: json)
    }
    #expect(try await post("/api/tickets", token: "k1-secret", ["service": "A"]).status == 201)
    #expect(try await post("/api/tickets", token: "k1-secret", ["service": "A"]).status == 201)
    let remote = try await post(
      "/api/tickets", ["service": "A", "remote": true, "phone": "0812-3456-7890"])
    #expect(remote.status == 201)
    let id = try #require(remote.object["id"] as? String)
    let number = try #require(remote.object["number"] as? String)
    // Each visitor reaches the desk before the next call (a second call within 5 s of an
    // unstarted one would only repeat it). One ahead after the first call: "near".
    for _ in 0..<2 {
      #expect(try await post("/api/counters/1/call", token: "c1-secret").status == 200)
      #expect(try await post("/api/counters/1/start", token: "c1-secret").status == 200)
    }
    let called = try await post("/api/counters/1/call", token: "c1-secret")
    #expect(called.object["id"] as? String == id)

    // Nobody listens yet: attempts fail, the hall keeps working, /metrics and /healthz say so.
    try await Task.sleep(for: .seconds(1.5))
    #expect(try await metric(server, "antre_notices_failed_attempts_total") ?? 0 >= 1)
    #expect(try await metric(server, "antre_notices_pending") == 2)
    let health = try await server.request("GET", "/healthz").object
    #expect((health["notices"] as? [String: Any])?["state"] as? String == "retrying")
    #expect(try await post("/api/tickets", token: "k1-secret", ["service": "A"]).status == 201)

    let receiver = try Receiver(port: port, directory: server.directory)
    #expect(try await receiver.wait(for: 2, seconds: 20))
    let bodies = receiver.bodies
    try #require(bodies.count == 2)
    #expect(bodies.map { $0["event"] as? String } == ["near", "called"])
    #expect(
      bodies.map { $0["id"] as? String }
        == receiver.notices.map { $0["idempotency_key"] as? String })
    #expect(receiver.notices.allSatisfy { $0["path"] as? String == "/hook?key=gateway-secret" })
    #expect(receiver.notices.allSatisfy { $0["content_type"] as? String == "application/json" })
    for body in bodies {
      #expect(body["hall"] as? String == "Test Hall")
      #expect(body["phone"] as? String == "+6281234567890")
      #expect((body["ticket"] as? [String: Any])?["id"] as? String == id)
      #expect((body["ticket"] as? [String: Any])?["number"] as? String == number)
      #expect((body["at"] as? String)?.hasSuffix("+07:00") == true)
    }
    #expect(bodies[0]["id"] as? String == "near-\(id)")
    #expect(
      bodies[1]["text"] as? String
        == "Test Hall: nomor \(number) dipanggil ke Loket 1. Silakan menuju loket sekarang.")
    #expect(try await metric(server, "antre_notices_sent_total") == 2)
    #expect(try await metric(server, "antre_notices_pending") == 0)

    // Delivered notices are marked in the database: a kill -9 and restart sends none again.
    server.kill9()
    let restarted = try ServerProcess(
      hall: Self.hall(port: port), reuse: server.directory, standardError: log)
    try await Task.sleep(for: .seconds(1.5))
    #expect(receiver.notices.count == 2)
    #expect(try await metric(restarted, "antre_notices_pending") == 0)
    _ = restarted.terminate()

    // The phone number went in the webhook body only: not in the log (which names the
    // notices by id), the feed's stored events, or the output.
    let logged = try String(contentsOf: log, encoding: .utf8)
    #expect(logged.contains("notice near-\(id): webhook unreachable"))
    for phone in ["81234567890", "0812-3456-7890"] {
      #expect(!logged.contains(phone) && !server.output.contains(phone))
    }
    let events = Process()
    events.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    events.arguments = [
      "python3", "-c",
      "import sqlite3,sys; print('\\n'.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute('SELECT json FROM events')))",
      server.dbPath,
    ]
    let pipe = Pipe()
    events.standardOutput = pipe
    try events.run()
    let feed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    events.waitUntilExit()
    #expect(feed.contains(id), "the feed's events were read")
    #expect(!feed.contains("81234567890"))
  }

  @Test func aServerDownAtSixInTheEveningRemindsTheBookingWhenItStarts() async throws {
    guard FakeClock.isAvailable else { return }
    let port = try Self.freePort()
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let clock = FakeClock(directory: directory)
    try clock.set(FakeClock.jakarta("2026-12-01", "10:00:00"))
    let receiver = try Receiver(port: port, directory: directory)
    let morning = try ServerProcess(
      hall: Self.hall(port: port), reuse: directory, environment: clock.environment)
    let made = try await morning.request(
      "POST", "/api/bookings",
      json: [
        "service": "A", "start": "2026-12-02T09:00:00+07:00", "name": "Siti Aminah",
        "phone": "+62 813 1111 2222",
      ])
    #expect(made.status == 201)
    let booking = try #require(made.object["booking"] as? [String: Any])
    #expect(morning.terminate() == 0)
    #expect(receiver.notices.isEmpty)

    // Down at 18:00; started again at 19:30 the same evening.
    try clock.set(FakeClock.jakarta("2026-12-01", "19:30:00"))
    let evening = try ServerProcess(
      hall: Self.hall(port: port), reuse: directory, environment: clock.environment)
    #expect(try await receiver.wait(for: 1, seconds: 10))
    let reminder = try #require(receiver.bodies.first)
    #expect(reminder["event"] as? String == "booking_reminder")
    #expect(reminder["id"] as? String == "booking_reminder-\(booking["id"] as? String ?? "")")
    #expect(reminder["phone"] as? String == "+6281311112222")
    #expect(
      (reminder["booking"] as? [String: Any])?["code"] as? String == booking["code"] as? String)
    #expect(
      (reminder["text"] as? String)?.contains("besok, Rabu, 2 Desember 2026 pukul 09.00") == true)
    // Once: another restart that evening sends nothing more.
    #expect(evening.terminate() == 0)
    let again = try ServerProcess(
      hall: Self.hall(port: port), reuse: directory, environment: clock.environment)
    try await Task.sleep(for: .seconds(1))
    #expect(receiver.notices.count == 1)
    _ = again.terminate()
  }

  /// A self-signed certificate for `localhost` and 127.0.0.1 (Debian's openssl command).
  static func certificate(in directory: URL, name: String) throws -> (cert: String, key: String) {
    let cert = directory.appendingPathComponent("\(name).pem").path
    let key = directory.appendingPathComponent("\(name).key").path
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = [
      "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
      "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key,
      "-out", cert,
    ]
    p.standardError = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return (cert, key)
  }

  @Test func anHTTPSGatewayGetsNoticesOnlyWhenItsCertificateIsTrusted() async throws {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let trusted = try Self.certificate(in: directory, name: "gateway")
    let stranger = try Self.certificate(in: directory, name: "stranger")
    let port = try Self.freePort()
    let hall = Self.hall(port: port).replacingOccurrences(
      of: "http://127.0.0.1:\(port)/", with: "https://localhost:\(port)/")
    // The server trusts only the gateway's certificate (OpenSSL reads SSL_CERT_FILE).
    let server = try ServerProcess(
      hall: hall, reuse: directory, environment: ["SSL_CERT_FILE": trusted.cert])
    let impostor = try Receiver(port: port, directory: directory, tls: stranger)
    let remote = try await server.request(
      "POST", "/api/tickets", json: ["service": "A", "remote": true, "phone": "0812-3456-7890"])
    #expect(remote.status == 201)
    try await Task.sleep(for: .seconds(1.5))
    #expect(impostor.notices.isEmpty, "a certificate the server does not trust gets nothing")
    #expect(try await metric(server, "antre_notices_pending") == 1)
    impostor.process.terminate()
    impostor.process.waitUntilExit()

    let gateway = try Receiver(port: port, directory: directory, tls: trusted)
    #expect(try await gateway.wait(for: 1, seconds: 20))
    #expect(gateway.bodies.first?["event"] as? String == "near")
    #expect(gateway.bodies.first?["phone"] as? String == "+6281234567890")
    #expect(gateway.notices.first?["path"] as? String == "/hook?key=gateway-secret")
    #expect(server.terminate() == 0)
  }
}
