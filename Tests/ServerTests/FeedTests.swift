import HallWire
import Foundation
import HTTP
import Testing

@testable import Server

@Suite struct FeedTests {
  @Test func displayResumesFromSeqAfterReconnect() throws {
    let f = try AppFixture()
    for _ in 0..<4 {
      _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    }
    let first = FakePeer()
    f.app.attach(first, since: nil, now: f.now)
    let seenSeq = first.messages[0]["seq"] as! Int
    f.app.detach(first)
    for _ in 0..<3 {
      f.now += 60_000
      _ = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    }
    let back = FakePeer()
    f.app.attach(back, since: Int64(seenSeq), now: f.now)
    let called = back.messages.filter { $0["type"] as? String == "called" }
    #expect(called.count == 3)
    let seqs = back.messages.map { $0["seq"] as! Int }
    #expect(seqs == seqs.sorted())
    #expect(seqs.allSatisfy { $0 > seenSeq })
    #expect(!back.types.contains("snapshot"))
  }

  @Test func sinceFromAnotherDatabaseGetsSnapshot() throws {
    let f = try AppFixture()
    let peer = FakePeer()
    f.app.attach(peer, since: 999, now: f.now)
    #expect(peer.types == ["snapshot"])
  }

  @Test func evictedHistoryGetsSnapshot() throws {
    var limits = ServerLimits()
    limits.replayEvents = 2
    let f = try AppFixture(limits: limits)
    for _ in 0..<5 {
      _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    }
    let peer = FakePeer()
    f.app.attach(peer, since: 1, now: f.now)
    #expect(peer.types == ["snapshot"])
    let recent = FakePeer()
    f.app.attach(recent, since: 3, now: f.now)
    #expect(recent.types == ["issued", "issued"])
  }

  @Test func kioskRetryingAnIssueGetsTheSameTicket() throws {
    let f = try AppFixture()
    let box = FakePeer(role: .kiosk("K1"))
    f.app.attach(box, since: nil, now: f.now)
    let issue = #"{"type":"issue","request":"press-1","service":"A","priority":false}"#
    f.app.receive(text: issue, from: box, now: f.now, monotonic: 1)
    f.app.commit()
    f.app.receive(text: issue, from: box, now: f.now, monotonic: 2)
    f.app.commit()
    let tickets = box.messages.filter { $0["type"] as? String == "ticket" }
    #expect(tickets.count == 2)
    let ids = tickets.map { ($0["ticket"] as? [String: Any])?["id"] as? String }
    #expect(ids[0] != nil && ids[0] == ids[1])
    #expect(box.types.filter { $0 == "issued" }.count == 1)
  }

  @Test func kioskErrorsNameTheRequest() throws {
    let f = try AppFixture()
    let box = FakePeer(role: .kiosk("K1"))
    f.app.attach(box, since: nil, now: f.now)
    f.app.receive(
      text: #"{"type":"issue","request":"r9","service":"Q"}"#, from: box, now: f.now, monotonic: 1)
    f.app.receive(text: "not json", from: box, now: f.now, monotonic: 1)
    let errors = box.messages.filter { $0["type"] as? String == "error" }
    #expect(errors.count == 2)
    #expect(errors[0]["request"] as? String == "r9")
    #expect((errors[0]["error"] as? [String: Any])?["code"] as? String == "unknown_service")
    #expect((errors[1]["error"] as? [String: Any])?["code"] as? String == "bad_request")
  }

  @Test func displaySendingTextIsClosedWithPolicyViolation() throws {
    let f = try AppFixture()
    let screen = FakePeer()
    f.app.attach(screen, since: nil, now: f.now)
    f.app.receive(text: "{}", from: screen, now: f.now, monotonic: 1)
    #expect(screen.closedWith == .policyViolation)
  }

  @Test func printJobGoesToItsBoxOnlyAndIsResentUntilAcknowledged() throws {
    let f = try AppFixture()
    let offline = f.roundTrip(
      .POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A","box":"K1"}"#)
    #expect(offline.status == 503)
    #expect(offline.errorCode == "printer_offline")

    let box = FakePeer(role: .kiosk("K1"))
    let screen = FakePeer()
    f.app.attach(box, since: nil, now: f.now)
    f.app.attach(screen, since: nil, now: f.now)
    let issued = f.roundTrip(
      .POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A","box":"K1"}"#)
    #expect(issued.status == 201)
    #expect(box.types.contains("print"))
    #expect(!screen.types.contains("print"))
    let job = box.messages.first { $0["type"] as? String == "print" }?["job"] as? String
    #expect(job != nil)

    f.app.detach(box)
    let again = FakePeer(role: .kiosk("K1"))
    f.app.attach(again, since: nil, now: f.now)
    #expect(again.messages.filter { $0["type"] as? String == "print" }.count == 1)

    f.app.receive(
      text: #"{"type":"printed","job":"\#(job!)"}"#, from: again, now: f.now, monotonic: 1)
    f.app.commit()
    f.app.detach(again)
    let third = FakePeer(role: .kiosk("K1"))
    f.app.attach(third, since: nil, now: f.now)
    #expect(!third.types.contains("print"))
  }

  @Test func aBoxCannotAcknowledgeAnotherBoxsPrintJob() throws {
    let f = try AppFixture()
    let box = FakePeer(role: .kiosk("K1"))
    let screen = FakePeer()
    f.app.attach(box, since: nil, now: f.now)
    f.app.attach(screen, since: nil, now: f.now)
    let issued = f.roundTrip(
      .POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A","box":"K1"}"#)
    let key = try #require(issued.object["key"] as? String)
    let print = try #require(box.messages.first { $0["type"] as? String == "print" })
    let job = try #require(print["job"] as? String)
    // The box prints the key in the QR link; the screens' `issued` event never carries it.
    #expect((print["ticket"] as? [String: Any])?["key"] as? String == key)
    let shown = screen.messages.first { $0["type"] as? String == "issued" }
    #expect((shown?["ticket"] as? [String: Any])?["key"] == nil)

    let other = FakePeer(role: .kiosk("K2"))
    f.app.attach(other, since: nil, now: f.now)
    f.app.receive(
      text: #"{"type":"printed","job":"\#(job)"}"#, from: other, now: f.now, monotonic: 1)
    f.app.commit()
    f.app.detach(box)
    let again = FakePeer(role: .kiosk("K1"))
    f.app.attach(again, since: nil, now: f.now)
    #expect(again.messages.filter { $0["type"] as? String == "print" }.count == 1)
  }

  @Test func printerStatusShowsInTheHall() throws {
    let f = try AppFixture()
    let box = FakePeer(role: .kiosk("K1"))
    f.app.attach(box, since: nil, now: f.now)
    f.app.receive(
      text: #"{"type":"printer","status":"paper_out"}"#, from: box, now: f.now, monotonic: 1)
    let hall = f.roundTrip(.GET, "/api/hall").object
    let boxes = hall["boxes"] as? [[String: Any]]
    #expect(boxes?.first?["printer"] as? String == "paper_out")
    #expect(boxes?.first?["connected"] as? Bool == true)
    f.app.detach(box)
    let after = f.roundTrip(.GET, "/api/hall").object["boxes"] as? [[String: Any]]
    #expect(after?.first?["connected"] as? Bool == false)
  }
}
