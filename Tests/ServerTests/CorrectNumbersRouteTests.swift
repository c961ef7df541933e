import HallWire
import Foundation
import Testing

@testable import Server

/// The server side of issue 19 and PROTOCOL 1.1's `would_strand`.
@Suite struct CorrectNumbersRouteTests {
  @Test func closingTheLastCounterOfAServiceWithVisitorsWaitingAnswersWouldStrand() throws {
    let f = try AppFixture()
    let ticket = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"B"}"#)
    let id = try #require(ticket.object["id"] as? String)
    #expect(f.roundTrip(.POST, "/api/counters/2/close", token: "c2-secret").status == 200)
    let refused = f.roundTrip(.POST, "/api/counters/1/close", token: "c1-secret")
    #expect(refused.status == 409)
    #expect(refused.errorCode == "would_strand")
    let error = refused.object["error"] as? [String: Any]
    #expect(error?["services"] as? [String] == ["B"])
    #expect(
      (f.roundTrip(.GET, "/api/hall").object["counters"] as? [[String: Any]])?.first?["state"]
        as? String == "open")

    let forced = f.roundTrip(
      .POST, "/api/counters/1/close", token: "c1-secret", body: #"{"force":true}"#)
    #expect(forced.status == 200)
    #expect(forced.object["state"] as? String == "closed")
    let after = f.roundTrip(.GET, "/api/tickets/\(id)").object
    #expect(after["state"] as? String == "waiting")
    #expect(after["eta_s"] is NSNull)
    let services = f.roundTrip(.GET, "/api/hall").object["services"] as? [[String: Any]] ?? []
    #expect(
      services.first { $0["id"] as? String == "B" }?["closed_reason"] as? String == "no_counter")
  }

  @Test func aForceThatIsNotABooleanIsABadRequest() throws {
    let f = try AppFixture()
    let r = f.roundTrip(
      .POST, "/api/counters/1/close", token: "c1-secret", body: #"{"force":"yes"}"#)
    #expect(r.status == 400)
  }

  @Test func statisticsCarryTransfersAndCallBacks() throws {
    let f = try AppFixture()
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    f.now += 60_000
    _ = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    f.now += 60_000
    let moved = f.roundTrip(
      .POST, "/api/counters/1/transfer", token: "c1-secret", body: #"{"service":"B"}"#)
    #expect(moved.status == 200)
    let stats = f.roundTrip(.GET, "/api/stats", token: "admin-secret").object
    let a = (stats["services"] as? [[String: Any]])?.first { $0["id"] as? String == "A" }
    #expect(a?["transferred"] as? Int == 1)
    #expect(a?["called_back"] as? Int == 0)
    #expect((a?["wait_s"] as? [String: Any])?["max"] as? Int == 60)
    let c1 = (stats["counters"] as? [[String: Any]])?.first { $0["id"] as? Int == 1 }
    #expect(c1?["transferred"] as? Int == 1)
    #expect((c1?["service_s"] as? [String: Any])?["max"] as? Int == 60)
  }

  @Test func aRefusedFirstCommandAfterMidnightCommitsTheRolloverAndSurvivesAReopen() throws {
    let f = try AppFixture()
    let left = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    let id = try #require(left.object["id"] as? String)
    let seqBefore = f.app.lastSeq
    f.now += 15 * 3_600_000 + 2_000  // the next day, 00:00:02
    let refused = f.roundTrip(
      .POST, "/api/tickets", token: "k1-secret", body: #"{"service":"Z"}"#)
    #expect(refused.status == 404)
    #expect(f.app.lastSeq == seqBefore + 1)
    let again = try AppFixture(directory: f.directory)
    #expect(again.app.lastSeq == seqBefore + 1)
    #expect(try again.store.ticket(id: id)?.state == .expired)
    #expect(try again.store.latestServiceDay() == "2025-11-26")
  }
}
