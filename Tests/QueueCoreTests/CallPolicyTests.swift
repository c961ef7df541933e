import HallWire
import Testing

@testable import QueueCore
import HallYAML

@Suite struct CallPolicyTests {
  @Test func equalTargetsWithoutPriorityIsFirstComeFirstServed() throws {
    var config = fixtureConfig()
    config.services[1].targetWaitS = 900
    let hall = makeHall(config)
    try hall.issue("B", at: monday9)
    try hall.issue("A", at: monday9 + 1000)
    try hall.issue("B", at: monday9 + 2000)
    // A minute apart: calls moments apart at one counter count as one press.
    let now = monday9 + minutes(5)
    #expect(try hall.callNext(2, at: now) == "B001")
    #expect(try hall.callNext(2, at: now + minutes(1)) == "A001")
    #expect(try hall.callNext(2, at: now + minutes(2)) == "B002")
  }

  @Test func aTighterTargetIsCalledSooner() throws {
    let hall = makeHall()  // A: 900 s, B: 600 s
    try hall.issue("A", at: monday9)  // waits 10 min: score 600/900 = 0.67
    try hall.issue("B", at: monday9 + minutes(3))  // waits 7 min: score 420/600 = 0.7
    #expect(try hall.callNext(2, at: monday9 + minutes(10)) == "B001")
  }

  @Test func priorityMovesAheadByItsWeight() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", priority: true, at: monday9 + minutes(6))
    // At 09:10 normal waited 10 min (600), priority 4 min × 3 = 720: priority first.
    #expect(try hall.callNext(1, at: monday9 + minutes(10)) == "A002")
    try hall.issue("A", priority: true, at: monday9 + minutes(10))
    // At 09:12 normal waited 12 min (720), priority 2 min × 3 = 360: normal first.
    #expect(try hall.callNext(1, at: monday9 + minutes(12)) == "A001")
  }

  @Test func equalScoresGoToTheEarlierIssue() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)  // normal, waits 6 min = 360
    try hall.issue("A", priority: true, at: monday9 + minutes(4))  // 2 min × 3 = 360
    #expect(try hall.callNext(1, at: monday9 + minutes(6)) == "A001")
  }

  @Test func orderedTakesTheFirstNonEmptyServiceInTheCountersOrder() throws {
    let hall = makeHall()  // counter 3: [B, A], ordered
    try hall.issue("A", at: monday9)
    try hall.issue("B", at: monday9 + minutes(30))
    try hall.issue("B", priority: true, at: monday9 + minutes(31))
    #expect(try hall.callNext(3, at: monday9 + minutes(32)) == "B002")  // by score within B
    #expect(try hall.callNext(3, at: monday9 + minutes(32) + seconds(30)) == "B001")
    #expect(try hall.callNext(3, at: monday9 + minutes(33)) == "A001")
  }

  @Test func fifoTakesTheOldestAcrossServicesIgnoringPriorityAndTargets() throws {
    let hall = makeHall()  // counter 4: [A, B], fifo
    try hall.issue("B", at: monday9)
    try hall.issue("A", priority: true, at: monday9 + minutes(1))
    try hall.issue("A", at: monday9 + minutes(2))
    let now = monday9 + minutes(20)
    #expect(try hall.callNext(4, at: now) == "B001")
    #expect(try hall.callNext(4, at: now + seconds(10)) == "A001")
    #expect(try hall.callNext(4, at: now + seconds(20)) == "A002")
    #expect(try hall.callNext(4, at: now + seconds(30)) == nil)
  }

  @Test func aCounterOnlyCallsItsOwnServices() throws {
    let hall = makeHall()
    try hall.issue("B", at: monday9)
    #expect(try hall.callNext(1, at: monday9 + minutes(1)) == nil)  // counter 1 serves A only
    #expect(try hall.callNext(2, at: monday9 + minutes(1)) == "B001")
  }

  /// Six hours, one counter at capacity, a steady stream of priority tickets and a steady
  /// stream of normal ones: neither kind starves, and each gets called roughly by its
  /// weighted wait.
  @Test func sustainedPriorityNeverStarvesNormalTickets() throws {
    let config = try HallConfig.load(
      yaml: """
        name: Sim
        priority_weight: 3
        services: [{id: A, name: A, target_wait_s: 900, mean_service_s: 300}]
        counters: [{id: 1, services: [A]}]
        """)
    let hall = makeHall(config, now: monday9)
    let serve: Millis = minutes(5)
    var now = monday9
    var nextNormal = monday9
    var nextPriority = monday9 + minutes(1)
    var calledAt: [String: Millis] = [:]
    var issued: [String: (Millis, Bool)] = [:]
    var freeAt = monday9 + minutes(10)
    let end = monday9 + minutes(6 * 60)
    while now < end {
      // Arrivals: a normal ticket every 8 min, a priority ticket every 12 min: 12.5 per hour
      // against a capacity of 12, so the queue keeps growing and the rule is what decides.
      let next = min(nextNormal, nextPriority, freeAt)
      now = next
      if now == nextNormal {
        let t = try hall.issue("A", at: now)
        issued[t.number] = (now, false)
        nextNormal += minutes(8)
      } else if now == nextPriority {
        let t = try hall.issue("A", priority: true, at: now)
        issued[t.number] = (now, true)
        nextPriority += minutes(12)
      } else {
        if let n = try hall.callNext(1, at: now) { calledAt[n] = now }
        freeAt = now + serve
      }
    }
    let normalWaits = calledAt.filter { !issued[$0.key]!.1 }.map { $0.value - issued[$0.key]!.0 }
    let priorityWaits = calledAt.filter { issued[$0.key]!.1 }.map { $0.value - issued[$0.key]!.0 }
    #expect(normalWaits.count > 20 && priorityWaits.count > 15)
    // Every normal ticket issued in the first four hours has been called.
    let earlyNormals = issued.filter { !$0.value.1 && $0.value.0 < monday9 + minutes(240) }
    #expect(earlyNormals.keys.allSatisfy { calledAt[$0] != nil })
    // Priority tickets are called faster, but not unboundedly so: the longest normal wait
    // stays within the weight (3) times the longest priority wait, plus one service slot.
    let maxNormal = normalWaits.max()!
    let maxPriority = priorityWaits.max()!
    #expect(maxPriority < maxNormal)
    #expect(maxNormal <= 3 * maxPriority + serve)
  }

  /// A flood of normal tickets never buries a priority ticket: it is called once its
  /// weighted wait passes the oldest normal ticket's wait.
  @Test func aFloodOfNormalTicketsNeverBuriesAPriorityTicket() throws {
    let hall = makeHall()
    for i in 0..<200 { try hall.issue("A", at: monday9 + seconds(Int64(i))) }
    let p = try hall.issue("A", priority: true, at: monday9 + minutes(10))
    var now = monday9 + minutes(10)
    var calledBefore = 0
    while true {
      now += minutes(1)
      let n = try hall.callNext(1, at: now)
      if n == p.number { break }
      calledBefore += 1
    }
    // Oldest normal waited ~(now − 09:00); priority waited (now − 09:10) × 3. Crossing at
    // about 09:15, so about 5 normal tickets go first.
    #expect(calledBefore <= 6)
    #expect(calledBefore >= 4)
  }

  @Test func positionsFollowTheScoreOrder() throws {
    let hall = makeHall()
    let n1 = try hall.issue("A", at: monday9)
    let n2 = try hall.issue("A", at: monday9 + minutes(1))
    let p1 = try hall.issue("A", priority: true, at: monday9 + minutes(8))
    let now = monday9 + minutes(10)  // n1: 600, n2: 540, p1: 2 min × 3 = 360
    #expect(hall.ticket(id: n1.id, at: now)?.position == 1)
    #expect(hall.ticket(id: n2.id, at: now)?.position == 2)
    #expect(hall.ticket(id: p1.id, at: now)?.position == 3)
    let later = monday9 + minutes(14)  // n1: 840, n2: 780, p1: 6 min × 3 = 1080
    #expect(hall.ticket(id: p1.id, at: later)?.position == 1)
    #expect(hall.ticket(id: n1.id, at: later)?.position == 2)
    #expect(try hall.callNext(1, at: later) == p1.number)
  }
}
