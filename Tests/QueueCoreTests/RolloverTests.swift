import HallWire
import Testing

@testable import QueueCore

@Suite struct RolloverTests {
  let tuesday9 = at("2026-12-01", "09:00:00")

  @Test func rolloverExpiresUnfinishedTicketsAndRestartsNumbering() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", at: monday9 + 1)
    try hall.issue("A", at: monday9 + 2)
    try hall.callNext(1, at: monday9 + 3)
    _ = try hall.handle(.done(counter: 1), at: monday9 + 4)
    try hall.callNext(2, at: monday9 + 5)

    #expect(hall.needsRollover(at: at("2026-11-30", "23:59:59")) == false)
    let midnight = at("2026-12-01", "00:00:00")
    #expect(hall.needsRollover(at: midnight))
    let out = try hall.handle(.rollover, at: midnight)
    #expect(out.reply == .acknowledged)
    #expect(out.types == ["finished", "finished"])
    #expect(out.events.compactMap(\.ticket).map(\.number) == ["A002", "A003"])
    #expect(out.events.compactMap(\.ticket).allSatisfy { $0.state == .expired })
    #expect(Set(out.changes.tickets.map(\.state)) == [.expired])
    #expect(out.changes.counters.map(\.id) == [2] && out.changes.counters[0].ticketID == nil)
    #expect(hall.day == "2026-12-01")
    #expect(hall.waitingCounts()["A"] == 0)

    let fresh = try hall.issue("A", at: tuesday9)
    #expect(fresh.number == "A001")
    #expect(hall.record(id: fresh.id)?.day == "2026-12-01")
    #expect(try hall.handle(.rollover, at: tuesday9 + 1).events.isEmpty)
  }

  @Test func anyCommandRollsTheDayOverFirst() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let out = try hall.handle(.issue(service: "A", priority: false), at: tuesday9)
    #expect(out.types == ["finished", "issued"])
    #expect(out.ticket?.number == "A001")
  }

  @Test func aRefusedCommandAfterAnAutomaticRolloverKeepsTheRolloverForTheNextOutcome() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    expectRefusal(.unknownService) { () throws(QueueError) in try hall.issue("Z", at: tuesday9) }
    let next = try hall.handle(.rollover, at: tuesday9 + 1)
    #expect(next.types == ["finished"])
    #expect(next.changes.tickets.map(\.state) == [.expired])
  }

  @Test func requestIdsStartAfreshEachDay() throws {
    let hall = makeHall()
    let first = try hall.issue("A", at: monday9, request: "box-1")
    let second = try hall.issue("A", at: tuesday9, request: "box-1")
    #expect(first.id != second.id && second.number == "A001")
  }

  @Test func quotaResetsEachDay() throws {
    let hall = makeHall()
    try hall.issue("C", at: monday9)
    try hall.issue("C", at: monday9)
    let nextMonday = at("2026-12-07", "09:00:00")
    #expect(try hall.issue("C", at: nextMonday).number == "C001")
  }

  @Test func pendingPrintJobsOfAnEarlierDayAreClosed() throws {
    let hall = makeHall()
    _ = try hall.handle(.issue(service: "A", priority: false, box: "K1"), at: monday9)
    let out = try hall.handle(.rollover, at: tuesday9)
    #expect(out.changes.printedJobs.count == 1)
    #expect(hall.pendingPrintJobs(box: "K1", at: tuesday9).isEmpty)
  }

  @Test func theClockGoingBackNeverReopensAnEarlierDay() throws {
    let hall = makeHall()
    try hall.issue("A", at: tuesday9)
    let t = try hall.issue("A", at: monday9)  // clock set back a day
    #expect(t.number == "A002")
    #expect(hall.record(id: t.id)?.day == "2026-12-01")
  }

  @Test func counterStatesPersistAcrossDays() throws {
    let hall = makeHall()
    _ = try hall.handle(.close(counter: 3), at: monday9)
    _ = try hall.handle(.rollover, at: tuesday9)
    #expect(hall.counterView(3, at: tuesday9).state == .closed)
  }
}
