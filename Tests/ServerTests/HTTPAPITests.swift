import HallWire
import Foundation
import HTTP
import Testing

@testable import Server

@Suite struct HTTPAPITests {
  private func waiting(_ f: AppFixture) -> [String: Int] {
    let services = f.roundTrip(.GET, "/api/hall").object["services"] as? [[String: Any]] ?? []
    var out: [String: Int] = [:]
    for s in services { out[s["id"] as! String] = s["waiting"] as? Int }
    return out
  }

  @Test(arguments: [
    ("not json", "bad_request", 400),
    (#"{"service": 7}"#, "bad_request", 400),
    (#"{"priority": true}"#, "bad_request", 400),
    (#"{"service":"A","priority":"yes"}"#, "bad_request", 400),
    (#"["A"]"#, "bad_request", 400),
    (#"{"service":"Z"}"#, "unknown_service", 404),
    (#"{"service":"A","request":""}"#, "bad_request", 400),
  ])
  func badIssueBodiesAreRefusedAndChangeNothing(body: String, code: String, status: Int) throws {
    let f = try AppFixture()
    let before = waiting(f)
    let r = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: body)
    #expect(r.status == status)
    #expect(r.errorCode == code)
    #expect(waiting(f) == before)
    #expect(f.batchesOpened == 0)
  }

  @Test func tokensAreCheckedByRole() throws {
    let f = try AppFixture()
    #expect(f.roundTrip(.POST, "/api/tickets", body: #"{"service":"A"}"#).status == 401)
    #expect(
      f.roundTrip(.POST, "/api/tickets", token: "nope", body: #"{"service":"A"}"#).status == 401)
    #expect(
      f.roundTrip(.POST, "/api/tickets", token: "c1-secret", body: #"{"service":"A"}"#).status
        == 403)
    #expect(f.roundTrip(.POST, "/api/counters/2/call", token: "c1-secret").status == 403)
    #expect(f.roundTrip(.POST, "/api/counters/1/call").status == 401)
    #expect(f.roundTrip(.GET, "/api/stats", token: "c1-secret").status == 403)
    #expect(
      f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A","box":"K2"}"#)
        .status == 403)
  }

  @Test func refusalIsWordedInIndonesianWhenTheClientAsks() throws {
    let f = try AppFixture()
    _ = f.roundTrip(.POST, "/api/counters/1/pause", token: "c1-secret")
    let english = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    let indonesian = f.roundTrip(
      .POST, "/api/counters/1/call", token: "c1-secret",
      headers: [("Accept-Language", "id-ID, en;q=0.5")])
    let message = { (r: HTTPResponse) in
      (r.object["error"] as? [String: Any])?["message"] as? String
    }
    #expect(english.errorCode == "conflict" && indonesian.errorCode == "conflict")
    #expect(message(english) != nil && message(indonesian) != nil)
    #expect(message(english) != message(indonesian))
    #expect(prefersIndonesian(["Accept-Language": "id"]))
    #expect(!prefersIndonesian(["Accept-Language": "en-US, id;q=0.8"]))
  }

  @Test func callWithNobodyWaitingIs204() throws {
    let f = try AppFixture()
    #expect(f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret").status == 204)
  }

  @Test func sameRequestIdReturnsSameTicketWith200() throws {
    let f = try AppFixture()
    let body = #"{"service":"A","request":"abc"}"#
    let first = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: body)
    let second = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: body)
    #expect(first.status == 201)
    #expect(second.status == 200)
    #expect(first.object["id"] as? String == second.object["id"] as? String)
  }

  @Test func ticketCanBeTrackedPubliclyAndCancelledOnlyWithItsKey() throws {
    let f = try AppFixture()
    let t = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    let id = t.object["id"] as! String
    let key = try #require(t.object["key"] as? String)
    #expect(key.count >= 22)
    let tracked = f.roundTrip(.GET, "/api/tickets/\(id)")
    #expect(tracked.object["position"] as? Int == 1)
    #expect(tracked.object["key"] == nil)
    // The id is public (every screen sees it); without the key nothing changes.
    let refused = f.roundTrip(.DELETE, "/api/tickets/\(id)")
    #expect(refused.status == 403)
    #expect((refused.object["error"] as? [String: Any])?["code"] as? String == "forbidden")
    #expect(f.roundTrip(.DELETE, "/api/tickets/\(id)?key=\(key)x").status == 403)
    #expect(f.roundTrip(.DELETE, "/api/tickets/\(id)", token: "k1-secret").status == 403)
    #expect(f.roundTrip(.GET, "/api/tickets/\(id)").object["state"] as? String == "waiting")
    let cancelled = f.roundTrip(.DELETE, "/api/tickets/\(id)?key=\(key)")
    #expect(cancelled.object["state"] as? String == "cancelled")
    #expect(cancelled.object["key"] == nil)
    #expect(f.roundTrip(.DELETE, "/api/tickets/\(id)?key=\(key)").status == 409)
    #expect(f.roundTrip(.GET, "/api/tickets/nope").status == 404)
  }

  @Test func officerFlowThroughTheAPI() throws {
    let f = try AppFixture()
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    let called = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    #expect(called.object["state"] as? String == "called")
    #expect(
      f.roundTrip(.POST, "/api/counters/1/recall", token: "c1-secret").object["calls"] as? Int == 2)
    #expect(
      f.roundTrip(.POST, "/api/counters/1/start", token: "c1-secret").object["state"] as? String
        == "serving")
    let moved = f.roundTrip(
      .POST, "/api/counters/1/transfer", token: "c1-secret", body: #"{"service":"B"}"#)
    #expect(moved.object["number"] as? String == "A001")
    #expect(moved.object["service"] as? String == "B")
    let paused = f.roundTrip(
      .POST, "/api/counters/1/pause", token: "c1-secret", body: #"{"reason":"makan siang"}"#)
    #expect(paused.object["state"] as? String == "paused")
    #expect(f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret").errorCode == "conflict")
    #expect(
      f.roundTrip(.POST, "/api/counters/1/recall", token: "c1-secret").errorCode
        == "no_current_ticket")
    #expect(f.roundTrip(.POST, "/api/counters/1/resume", token: "c1-secret").status == 200)
    #expect(
      f.roundTrip(.POST, "/api/counters/9/call", token: "admin-secret").errorCode
        == "unknown_counter")
    #expect(f.roundTrip(.POST, "/api/counters/1/dance", token: "c1-secret").status == 404)
    #expect(
      f.roundTrip(.POST, "/api/counters/1/transfer", token: "c1-secret", body: "{}").status == 400)
  }

  @Test func statsNeedAdminAndAValidDate() throws {
    let f = try AppFixture()
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(f.roundTrip(.GET, "/api/stats?date=yesterday", token: "admin-secret").status == 400)
    let stats = f.roundTrip(.GET, "/api/stats", token: "admin-secret")
    #expect(stats.status == 200)
    let csv = f.roundTrip(.GET, "/api/stats.csv", token: "admin-secret")
    #expect(String(decoding: csv.body, as: UTF8.self).split(whereSeparator: \.isNewline).count == 2)
  }

  @Test func healthAndMetricsArePublic() throws {
    let f = try AppFixture()
    #expect(f.roundTrip(.GET, "/healthz").object["status"] as? String == "ok")
    let metrics = String(decoding: f.roundTrip(.GET, "/metrics").body, as: UTF8.self)
    #expect(metrics.contains("antre_waiting{service=\"A\"} 0"))
  }

  @Test func unknownPathIs404AndWrongMethodIs405() throws {
    let f = try AppFixture()
    #expect(f.roundTrip(.GET, "/nope.html").status == 404)
    #expect(f.roundTrip(.PUT, "/api/hall").status == 405)
  }
}

/// `/qr.svg`: the pages' QR codes from the server's encoder, bounded in size.
@Suite struct QRRouteTests {
  @Test func qrSVGEncodesTheTextAndRefusesWhatIsTooLongOrMissing() throws {
    let f = try AppFixture()
    let ok = f.roundTrip(.GET, "/qr.svg?text=https%3A%2F%2Fhall.example%2Ftrack.html%3Ft%3Dabc")
    #expect(ok.status == 200)
    #expect(ok.headers["Content-Type"] == "image/svg+xml")
    #expect(String(decoding: ok.body, as: UTF8.self).hasPrefix("<svg"))
    #expect(f.roundTrip(.GET, "/qr.svg").errorCode == "bad_request")
    let long = String(repeating: "a", count: 513)
    #expect(f.roundTrip(.GET, "/qr.svg?text=\(long)").errorCode == "bad_request")
  }
}

@Suite struct CounterReadTests {
  @Test func aCounterIsReadWithItsOwnTokenOrTheAdminsAndNothingChanges() throws {
    let f = try AppFixture()
    let own = f.roundTrip(.GET, "/api/counters/1", token: "c1-secret")
    #expect(own.status == 200 && own.object["id"] as? Int == 1)
    #expect(f.roundTrip(.GET, "/api/counters/1", token: "admin-secret").status == 200)
    #expect(f.roundTrip(.GET, "/api/counters/1", token: "c2-secret").errorCode == "forbidden")
    #expect(f.roundTrip(.GET, "/api/counters/1").status == 401)
    #expect(
      f.roundTrip(.GET, "/api/counters/99", token: "admin-secret").errorCode == "unknown_counter")
    #expect(f.app.lastSeq == 0)
  }
}
