import Testing

@testable import QueueCore

@Suite struct ClockBackNumberingTests {
  /// Dec 2: A001 served, A002 and B001 waiting, as Storage hands them back.
  private func december2() throws -> FakeStore {
    var store = FakeStore()
    let hall = makeHall(now: at("2026-12-02", "09:00:00"))
    store.apply(try hall.handle(.rollover, at: at("2026-12-02", "09:00:00")))
    store.apply(
      try hall.handle(.issue(service: "A", priority: false), at: at("2026-12-02", "09:00:01")))
    store.apply(
      try hall.handle(.issue(service: "A", priority: false), at: at("2026-12-02", "09:00:02")))
    store.apply(
      try hall.handle(.issue(service: "B", priority: false), at: at("2026-12-02", "09:00:03")))
    store.apply(try hall.handle(.call(counter: 1, .auto), at: at("2026-12-02", "09:01:00")))
    store.apply(try hall.handle(.done(counter: 1), at: at("2026-12-02", "09:05:00")))
    return store
  }

  @Test func numbersNeverRepeatWhenTheClockStepsBackAcrossMidnightAndTheServerRestarts() throws {
    let store = try december2()
    let early = at("2026-12-01", "23:59:50")
    let hall = Hall(
      config: fixtureConfig(), restoring: store.state(today: "2026-12-02"), now: early,
      makeTicketID: IDs().make)
    #expect(hall.day == "2026-12-02")
    #expect(hall.clockIsBehind(at: early))
    #expect(!hall.needsRollover(at: early))
    #expect(try hall.issue("A", at: early + seconds(5)).number == "A003")
    // The clock crosses its midnight: still Dec 2, nothing expires, numbering goes on.
    let midnight = at("2026-12-02", "00:00:05")
    let out = try hall.handle(.issue(service: "A", priority: false), at: midnight)
    #expect(out.ticket?.number == "A004")
    #expect(!out.events.contains { $0.type == "finished" })
    #expect(hall.ticket(number: "A002", at: midnight)?.state == .waiting)
    #expect(try hall.issue("B", at: midnight + 1).number == "B002")
  }

  @Test func theRecordedServiceDayAloneKeepsTheHallFromGoingBack() throws {
    // Dec 2 started (rollover stored) but issued nothing before the clock went back.
    let state = HallState(serviceDay: "2026-12-02")
    let hall = makeHall(state: state, now: at("2026-12-01", "22:00:00"))
    #expect(hall.day == "2026-12-02")
    #expect(try hall.issue("A", at: at("2026-12-01", "22:00:01")).number == "A001")
    #expect(hall.record(id: "t1")?.day == "2026-12-02")
  }

  @Test func aDayChangeIsRecordedForStorage() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let out = try hall.handle(.rollover, at: at("2026-12-01", "00:00:01"))
    #expect(out.changes.serviceDay == "2026-12-01")
    #expect(try hall.handle(.rollover, at: at("2026-12-01", "00:00:02")).changes.serviceDay == nil)
  }
}
