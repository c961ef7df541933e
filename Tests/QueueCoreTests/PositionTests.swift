import SeededRandom
import Testing

@testable import QueueCore
import HallYAML

/// Position is the place a ticket will be called in by the counters that can call it, each
/// by its own policy (issue 19, item 1).
@Suite struct PositionTests {
  func hall(_ counters: String, services: String = "[A, B]") throws -> Hall {
    let config = try HallConfig.load(
      yaml: """
        name: Position
        services:
          - {id: A, name: A, target_wait_s: 900, mean_service_s: 300}
          - {id: B, name: B, target_wait_s: 900, mean_service_s: 600}
        counters:
        \(counters)
        """)
    return makeHall(config)
  }

  @Test func aPriorityTicketAtAFifoCounterIsCalledAfterThoseBeforeIt() throws {
    let hall = try hall("  - {id: 1, services: [A], policy: fifo}")
    for i in 0..<4 { try hall.issue("A", at: monday9 + seconds(Int64(i))) }
    let p = try hall.issue("A", priority: true, at: monday9 + seconds(10))
    // Two minutes on, its score (110 s × 3) is the highest, but fifo ignores priority.
    let view = hall.ticket(id: p.id, at: monday9 + minutes(2))!
    #expect(view.position == 5)
    #expect(view.etaS == 4 * 300)
    // The counter calls once per visitor (300 s), never twice at once (a repeated press).
    var order: [String] = []
    var clock = monday9 + minutes(2)
    while let n = try hall.callNext(1, at: clock), order.count < 10 {
      order.append(n)
      clock += seconds(300)
    }
    #expect(order.count == 5)
    #expect(order.last == p.number)
  }

  @Test func aTicketOfTheSecondServiceAtAnOrderedCounterWaitsBehindTheFirst() throws {
    let hall = try hall("  - {id: 1, services: [A, B], policy: ordered}")
    let b = try hall.issue("B", at: monday9)
    for i in 1...3 { try hall.issue("A", at: monday9 + seconds(Int64(i))) }
    let now = monday9 + seconds(10)
    let view = hall.ticket(id: b.id, at: now)!
    #expect(view.position == 4)
    #expect(view.etaS == 3 * 300)
    #expect(hall.ticket(number: "A001", at: now)?.position == 1)
  }

  @Test func aScoreCounterCallsOtherServicesByScoreToo() throws {
    let hall = try hall("  - {id: 1, services: [A, B], policy: score}")
    try hall.issue("B", at: monday9)
    try hall.issue("A", at: monday9 + minutes(1))
    let late = try hall.issue("B", at: monday9 + minutes(2))
    #expect(late.position == 3)
    #expect(late.etaS == 600 + 300)
  }

  /// With one counter the positions and ETAs are exact when each visitor takes the mean
  /// time: calling from the instant they were taken, one call per mean time of the ticket
  /// called, calls the tickets in position order at their ETAs.
  @Test(arguments: CallPolicy.allCases)
  func positionsAtOneCounterAreTheOrderItCalls(policy: CallPolicy) throws {
    let hall = try hall("  - {id: 1, services: [B, A], policy: \(policy.rawValue)}")
    var rng = SeededRandom(seed: 7)
    var now = monday9
    for _ in 0..<40 {
      now += seconds(Int64.random(in: 0...90, using: &rng))
      try hall.issue(
        Bool.random(using: &rng) ? "A" : "B", priority: Int.random(in: 0..<4, using: &rng) == 0,
        at: now)
    }
    now += minutes(5)
    let waiting = hall.tickets.values.filter { $0.state == .waiting }
    var byPosition: [Int: String] = [:]
    var etas: [String: Int] = [:]
    for t in waiting {
      let view = hall.view(t, at: now)
      byPosition[view.position!] = t.number
      etas[t.number] = view.etaS!
    }
    #expect(byPosition.keys.sorted() == Array(1...waiting.count))
    var called: [String] = []
    var clock = now
    while let n = try hall.callNext(1, at: clock) {
      called.append(n)
      #expect(etas[n].map { Int64($0) * 1000 } == clock - now, "\(n)")
      clock += seconds(n.hasPrefix("A") ? 300 : 600)
    }
    #expect(called == (1...waiting.count).map { byPosition[$0] ?? "none at \($0)" })
  }

  @Test func aSharedCounterTakesItsShareOfTheOtherServicesTickets() throws {
    let hall = try hall(
      """
        - {id: 1, services: [A]}
        - {id: 2, services: [A, B], policy: ordered}
        - {id: 3, services: [B]}
      """)
    for i in 0..<4 { try hall.issue("A", at: monday9 + seconds(Int64(i))) }
    let b = try hall.issue("B", at: monday9 + seconds(10))
    // Counter 2 prefers A and takes half of A's four (counters 1 and 2 call A); counter 3
    // calls B at once.
    #expect(b.position == 3)
    #expect(b.etaS == 0)
  }

  @Test func aBusyCounterIsFreeAfterWhatRemainsOfItsVisitor() throws {
    let hall = try hall("  - {id: 1, services: [A]}")
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9)
    let t = try hall.issue("A", at: monday9 + seconds(100))
    #expect(t.position == 1)
    #expect(t.etaS == 200)
  }
}
