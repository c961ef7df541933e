import Testing

@testable import QueueCore

@Suite struct RolloverStepTests {
  @Test func aRefusedFirstCommandAfterMidnightStillHandsBackTheRollover() throws {
    let hall = makeHall()
    let ticket = try hall.issue("A", at: monday9)
    let seqBefore = hall.lastSeq
    // Tuesday 00:00:02: service C opens only on Mondays and Saturdays.
    let step = hall.step(.issue(service: "C", priority: false), at: at("2026-12-01", "00:00:02"))
    guard case .failure(let error) = step.result else {
      Issue.record("issuing C on a Tuesday night should be refused")
      return
    }
    #expect(error.code == .serviceClosed)
    let rollover = try #require(step.rollover)
    #expect(rollover.types == ["finished"])
    #expect(rollover.events.first?.seq == seqBefore + 1)
    #expect(rollover.events.first?.ticket?.state == .expired)
    #expect(rollover.changes.tickets.map(\.id) == [ticket.id])
    #expect(rollover.changes.serviceDay == "2026-12-01")
    #expect(rollover.changes.lastSeq == seqBefore + 1)
    #expect(rollover.reply == .acknowledged)
    // Nothing is left to report twice.
    let next = hall.step(.issue(service: "A", priority: false), at: at("2026-12-01", "00:00:20"))
    #expect(next.rollover == nil)
    let issued = try next.result.get()
    #expect(issued.ticket?.number == "A001")
    #expect(issued.events.first?.seq == seqBefore + 2)
  }

  @Test func anAcceptedFirstCommandAfterMidnightHasItsRolloverApart() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let step = hall.step(.issue(service: "B", priority: false), at: at("2026-12-01", "08:00:00"))
    #expect(step.rollover?.types == ["finished"])
    let out = try step.result.get()
    #expect(out.types == ["issued"])
    #expect(out.changes.serviceDay == nil)
  }

  @Test func theRolloverCommandIsItsOwnResult() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let step = hall.step(.rollover, at: at("2026-12-01", "00:00:00"))
    #expect(step.rollover == nil)
    #expect(try step.result.get().types == ["finished"])
    #expect(try hall.step(.rollover, at: at("2026-12-01", "00:00:01")).result.get().changes.isEmpty)
  }

  @Test func withoutANewDayThereIsNoRollover() throws {
    let hall = makeHall()
    let step = hall.step(.issue(service: "A", priority: false), at: monday9)
    #expect(step.rollover == nil)
    #expect(try step.result.get().ticket?.number == "A001")
  }
}
