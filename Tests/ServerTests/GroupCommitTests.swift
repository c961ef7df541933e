import HallWire
import Foundation
import HTTP
import Testing

@testable import Server

@Suite struct GroupCommitTests {
  @Test func issueRepliesOnlyAfterCommit() throws {
    let f = try AppFixture()
    let r = f.request(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(r.value == nil)
    #expect(f.batchesOpened == 1)
    f.app.commit()
    #expect(r.value?.status == 201)
    #expect(r.value?.object["number"] as? String == "A001")
  }

  @Test func screensSeeEventsOnlyAfterCommit() throws {
    let f = try AppFixture()
    let screen = FakePeer()
    f.app.attach(screen, since: nil, now: f.now)
    #expect(screen.types == ["snapshot"])
    f.request(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(screen.types == ["snapshot"])
    f.app.commit()
    #expect(screen.types == ["snapshot", "issued"])
  }

  @Test func commandsOfOneTurnShareOneBatch() throws {
    let f = try AppFixture()
    let replies = (0..<16).map { _ in
      f.request(.POST, "/api/tickets", token: "admin-secret", body: #"{"service":"A"}"#)
    }
    #expect(f.batchesOpened == 1)
    f.app.commit()
    #expect(replies.allSatisfy { $0.value?.status == 201 })
    #expect(f.app.metrics.commits == 1)
    #expect(f.app.metrics.batchedChanges == 16)
  }

  @Test func screenConnectingDuringOpenBatchSeesOnlyCommittedState() throws {
    let f = try AppFixture()
    f.request(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    let screen = FakePeer()
    f.app.attach(screen, since: nil, now: f.now)
    #expect(screen.frames.isEmpty)
    f.app.commit()
    #expect(screen.types == ["snapshot"])
    let seq = screen.messages[0]["seq"] as? Int
    #expect(seq == 1)
  }

  @Test func refusedCommandRepliesAtOnceAndOpensNoBatch() throws {
    let f = try AppFixture()
    let r = f.request(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"Z"}"#)
    #expect(r.value?.status == 404)
    #expect(r.value?.errorCode == "unknown_service")
    #expect(f.batchesOpened == 0)
  }

  @Test func stateSurvivesReopeningTheDatabase() throws {
    let f = try AppFixture()
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    _ = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    let again = try AppFixture(directory: f.directory)
    let hall = again.roundTrip(.GET, "/api/hall").object
    let counters = hall["counters"] as? [[String: Any]] ?? []
    let ticket = counters.first?["ticket"] as? [String: Any]
    #expect(ticket?["number"] as? String == "A001")
    let next = again.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(next.object["number"] as? String == "A003")
    #expect(again.app.lastSeq == f.app.lastSeq + 1)
  }
}
