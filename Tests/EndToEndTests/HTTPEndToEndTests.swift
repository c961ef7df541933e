import Foundation
import Testing

@Suite(.serialized) struct HTTPEndToEndTests {
  @Test func badRequestsGetTheirDocumentedErrorsAndChangeNothing() async throws {
    let server = try ServerProcess()
    let cases: [(token: String?, body: Data, status: Int, code: String)] = [
      ("k1-secret", Data("not json".utf8), 400, "bad_request"),
      ("k1-secret", Data(#"{"service":7}"#.utf8), 400, "bad_request"),
      ("k1-secret", Data(#"{"service":"Z"}"#.utf8), 404, "unknown_service"),
      ("k1-secret", Data(repeating: 0x20, count: 70_000), 413, "payload_too_large"),
      (nil, Data(#"{"service":"A"}"#.utf8), 401, "unauthorized"),
      ("c1-secret", Data(#"{"service":"A"}"#.utf8), 403, "forbidden"),
    ]
    for c in cases {
      let r = try await server.request(
        "POST", "/api/tickets", token: c.token, rawBody: c.body,
        headers: ["Content-Type": "application/json"])
      #expect(r.status == c.status, "\(c.code)")
      #expect(r.errorCode == c.code)
    }
    let wrongCounter = try await server.request("POST", "/api/counters/2/call", token: "c1-secret")
    #expect(wrongCounter.status == 403)
    #expect(try await issuedCount(server, "A") == 0)
    let quota = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "B"])
    #expect(quota.status == 201)
  }

  @Test func quotaIsEnforcedWith409() async throws {
    let server = try ServerProcess()
    for _ in 0..<3 {
      let r = try await server.request(
        "POST", "/api/tickets", token: "admin-secret", json: ["service": "B"])
      #expect(r.status == 201)
    }
    let over = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "B"])
    #expect(over.status == 409)
    #expect(over.errorCode == "quota_reached")
  }

  @Test func metricsCountConnectionsAndTickets() async throws {
    let server = try ServerProcess()
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let text = String(decoding: try await server.request("GET", "/metrics").body, as: UTF8.self)
    #expect(text.contains("antre_tickets_issued_total{service=\"A\"} 1\n"))
    #expect(text.contains("antre_waiting{service=\"A\"} 1\n"))
    #expect(text.contains("antre_commit_seconds_count 1\n"))
    let open = text.split(separator: "\n").first { $0.hasPrefix("antre_http_connections ") }
    #expect((open?.split(separator: " ").last).flatMap { Int($0) } ?? 0 >= 1)
  }

  @Test func staticPagesAreServedWithoutTraversal() async throws {
    let server = try ServerProcess()
    let hall = try await server.request("GET", "/hall.html")
    #expect(hall.status == 200)
    #expect(hall.headers["content-type"]?.hasPrefix("text/html") == true)
    let clip = try await server.request("GET", "/assets/voice/id/nomor_antrean.ogg")
    #expect(clip.status == 200)
    let escape = try await server.request("GET", "/assets/../Package.swift")
    #expect(escape.status == 404)
    let encoded = try await server.request("GET", "/%2e%2e/Package.swift")
    #expect(encoded.status == 404)
  }

  @Test func killNineWhileIssuingLosesNoAcknowledgedTicket() async throws {
    let server = try ServerProcess()
    let acknowledged = AckLog()
    let base = server.baseURL
    let issuers = (0..<8).map { worker in
      Task {
        for i in 0..<400 {
          guard
            let r = try? await ServerProcess.request(
              base, "POST", "/api/tickets", token: "admin-secret",
              json: ["service": "A", "request": "w\(worker)-\(i)"]),
            r.status == 201,
            let id = r.object["id"] as? String, let number = r.object["number"] as? String
          else { return }
          await acknowledged.add(id, number)
        }
      }
    }
    while await acknowledged.count < 100 { try await Task.sleep(for: .milliseconds(5)) }
    server.kill9()
    for t in issuers { await t.value }
    let acked = await acknowledged.entries
    let restarted = try ServerProcess(reuse: server.directory)
    for (id, number) in acked {
      let t = try await restarted.request("GET", "/api/tickets/\(id)")
      #expect(t.status == 200, "ticket \(number) acknowledged before the crash is missing")
      #expect(t.object["number"] as? String == number)
    }
    let maxSeq = acked.compactMap { Int($0.1.dropFirst()) }.max() ?? 0
    let next = try await restarted.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "A"])
    let nextSeq = Int((next.object["number"] as? String ?? "A0").dropFirst()) ?? 0
    #expect(nextSeq > maxSeq)
  }
}

actor AckLog {
  private(set) var entries: [(String, String)] = []
  var count: Int { entries.count }
  func add(_ id: String, _ number: String) { entries.append((id, number)) }
}
