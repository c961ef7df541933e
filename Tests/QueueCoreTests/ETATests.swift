import HallWire
import Testing

@testable import QueueCore
import HallYAML

@Suite struct ETATests {
  @Test func etaGrowsWithPositionAndUsesTheConfiguredMeanAtFirst() throws {
    let hall = makeHall()
    // A is served by counters 1 (A), 2 (A,B), 3 (B,A), 4 (A,B); B is empty, so each counts 1.
    var tickets: [Ticket] = []
    for i in 0..<8 { tickets.append(try hall.issue("A", at: monday9 + Int64(i))) }
    let now = monday9 + 100
    let views = tickets.map { hall.ticket(id: $0.id, at: now)! }
    #expect(views.map(\.position) == Array(1...8).map { Optional($0) })
    // Four idle counters: the first is called at once, then one every 300 s / 4.
    #expect(views.map(\.etaS) == Array(1...8).map { Optional(($0 - 1) * 300 / 4) })
    #expect(zip(views, views.dropFirst()).allSatisfy { $0.etaS! < $1.etaS! })
  }

  @Test func pausedCountersCountWhenNoneIsOpen() throws {
    let hall = makeHall()
    _ = try hall.handle(.pause(counter: 5), at: monday9)
    try hall.issue("C", at: monday9)
    let second = try hall.issue("C", at: monday9 + 1)
    // Counter 5 is paused: it still calls them when it is back, one per 600 s.
    #expect(second.position == 2)
    #expect(second.etaS == 600)
  }

  @Test func observedServiceTimesReplaceTheMeanAfterFiveTickets() throws {
    let hall = makeHall()
    for i in 0..<12 { try hall.issue("A", at: monday9 + Int64(i)) }
    var now = monday9 + minutes(1)
    #expect(hall.meanServiceSeconds("A") == 300)
    for _ in 0..<4 {
      try hall.callNext(1, at: now)
      now += minutes(2)
      _ = try hall.handle(.done(counter: 1), at: now)
    }
    #expect(hall.meanServiceSeconds("A") == 300)  // four observations: not yet
    try hall.callNext(1, at: now)
    now += minutes(2)
    _ = try hall.handle(.done(counter: 1), at: now)
    #expect(hall.meanServiceSeconds("A") == 120)
    let next = hall.hallView(at: now, boxes: []).services[0]
    #expect(next.waiting == 7)
    #expect(next.etaS == 7 * 120 / 4)  // a new ticket would be 8th; the four counters are free
  }

  @Test func noShowsAndCancellationsDoNotCountAsServiceTime() throws {
    let hall = makeHall()
    for i in 0..<6 { try hall.issue("A", at: monday9 + Int64(i)) }
    var now = monday9 + minutes(1)
    for _ in 0..<6 {
      try hall.callNext(1, at: now)
      now += minutes(1)
      _ = try hall.handle(.noshow(counter: 1), at: now)
    }
    #expect(hall.meanServiceSeconds("A") == 300)
  }

  @Test func aPriorityTicketsEtaReflectsItsPosition() throws {
    let hall = makeHall()
    for i in 0..<5 { try hall.issue("A", at: monday9 + seconds(Int64(i))) }
    let p = try hall.issue("A", priority: true, at: monday9 + minutes(1))
    let view = hall.ticket(id: p.id, at: monday9 + minutes(1))!
    // Counters 1–3 call by score: the oldest normal ticket is called before the priority one
    // catches up with it (30 s), the next not (75 s, four counters); counter 4 (fifo) calls
    // all five first. 1 + (1 + 1 + 1 + 5) / 4.
    #expect(view.position == 3)
    let later = hall.ticket(id: p.id, at: monday9 + minutes(3))!  // 2 min × 3 > 3 min
    // First for the three counters that call by score; fifth for counter 4 (fifo): 1 + 5/4.
    #expect(later.position == 2)
    #expect(later.etaS! < view.etaS!)
  }

  @Test func positionAndEtaStayCheapWithThousandsWaiting() throws {
    let config = try HallConfig.load(
      yaml: """
        name: Big
        services: [{id: A, name: A, target_wait_s: 900, mean_service_s: 300}]
        counters: [{id: 1, services: [A]}]
        """)
    let hall = makeHall(config)
    for i in 0..<5000 {
      try hall.issue("A", priority: i % 7 == 0, at: monday9 + seconds(Int64(i)))
    }
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
      var now = monday9 + minutes(90)
      for _ in 0..<500 {
        now += seconds(10)
        try hall.callNext(1, at: now)
        _ = try hall.issue("A", at: now)
      }
    }
    #expect(hall.waitingCounts()["A"] == 5000)
    // 1,000 commands, each encoding positions: well under a second even in debug builds.
    #expect(elapsed < .seconds(5))
    let last = hall.ticket(id: "t5000", at: monday9 + minutes(200))!
    #expect(last.position! > 4000)
  }
}
