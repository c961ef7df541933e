import HallWire
import Testing

@testable import QueueCore

@Suite struct StrandingCloseTests {
  /// Counters 2, 3 and 4 closed: counter 1 alone serves A.
  private func hallWithOneCounterForA() throws -> Hall {
    let hall = makeHall()
    for c in [2, 3, 4] { _ = try hall.handle(.close(counter: c), at: monday9) }
    return hall
  }

  @Test func closingTheLastCounterOfAServiceWithVisitorsWaitingIsRefused() throws {
    let hall = try hallWithOneCounterForA()
    try hall.issue("A", at: monday9 + 1)
    do {
      _ = try hall.handle(.close(counter: 1), at: monday9 + 2)
      Issue.record("closing counter 1 should strand A")
    } catch {
      #expect(error.code == .wouldStrand)
      #expect(error.httpStatus == 409)
      #expect(error.services == ["A"])
    }
    #expect(hall.counterView(1, at: monday9 + 3).state == .open)
  }

  @Test func aForcedCloseLeavesTheTicketsWaitingWithoutAnETA() throws {
    let hall = try hallWithOneCounterForA()
    let ticket = try hall.issue("A", at: monday9 + 1)
    #expect(ticket.etaS != nil)
    let out = try hall.handle(.close(counter: 1, force: true), at: monday9 + 2)
    #expect(out.counter?.state == .closed)
    let after = hall.ticket(id: ticket.id, at: monday9 + 3)!
    #expect(after.state == .waiting)
    #expect(after.position == 1)
    #expect(after.etaS == nil)
    #expect(hall.service("A", at: monday9 + 3)?.closedReason == .noCounter)
    #expect(hall.service("A", at: monday9 + 3)?.etaS == nil)
    // A counter opening gives the estimate back.
    _ = try hall.handle(.open(counter: 2), at: monday9 + 4)
    #expect(hall.ticket(id: ticket.id, at: monday9 + 5)?.etaS != nil)
    #expect(hall.service("A", at: monday9 + 5)?.etaS != nil)
  }

  @Test func closingIsAllowedWhenAnotherCounterIsOpenOrPausedOrNobodyWaits() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    _ = try hall.handle(.close(counter: 2), at: monday9 + 1)
    _ = try hall.handle(.close(counter: 3), at: monday9 + 2)
    _ = try hall.handle(.pause(counter: 4), at: monday9 + 3)
    // Counter 4 is paused: it comes back, so nobody is stranded.
    #expect(try hall.handle(.close(counter: 1), at: monday9 + 4).counter?.state == .closed)
    // C has nobody waiting.
    #expect(try hall.handle(.close(counter: 5), at: monday9 + 5).counter?.state == .closed)
  }
}
