import Testing

@testable import QueueCore

@Suite struct RecentCallsRestoreTests {
  @Test func recentCallsAreTheSameBeforeAndAfterARestart() throws {
    var store = FakeStore()
    let hall = makeHall()
    store.apply(try hall.handle(.issue(service: "A", priority: false), at: monday9))
    store.apply(try hall.handle(.issue(service: "A", priority: false), at: monday9 + 1))
    store.apply(try hall.handle(.call(counter: 1, .auto), at: monday9 + seconds(60)))
    store.apply(try hall.handle(.call(counter: 2, .auto), at: monday9 + seconds(70)))
    store.apply(try hall.handle(.recall(counter: 1), at: monday9 + seconds(90)))
    store.apply(try hall.handle(.transfer(counter: 2, to: "B"), at: monday9 + seconds(120)))
    let before = hall.snapshot(at: monday9 + seconds(130), boxes: []).recentCalls
    #expect(before.map(\.number) == ["A001", "A002"])
    #expect(before.first?.at == "2026-11-30T09:01:30+07:00")

    let restarted = Hall(
      config: fixtureConfig(), restoring: store.state(today: "2026-11-30"),
      now: monday9 + seconds(130), makeTicketID: IDs().make)
    #expect(restarted.snapshot(at: monday9 + seconds(130), boxes: []).recentCalls == before)
  }

  @Test func callsInTheSameMillisecondKeepTheirOrderAcrossARestart() throws {
    var store = FakeStore()
    let hall = makeHall()
    for i in 0..<3 {
      store.apply(try hall.handle(.issue(service: "A", priority: false), at: monday9 + Int64(i)))
    }
    let t = monday9 + seconds(30)
    store.apply(try hall.handle(.call(counter: 2, .auto), at: t))
    store.apply(try hall.handle(.call(counter: 1, .auto), at: t))
    store.apply(try hall.handle(.call(counter: 4, .auto), at: t))
    let before = hall.snapshot(at: t, boxes: []).recentCalls
    let restarted = Hall(
      config: fixtureConfig(), restoring: store.state(today: "2026-11-30"), now: t,
      makeTicketID: IDs().make)
    #expect(restarted.snapshot(at: t, boxes: []).recentCalls == before)
    #expect(before.map(\.counter) == [4, 1, 2])
  }
}
