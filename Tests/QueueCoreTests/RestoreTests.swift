import HallWire
import Testing

@testable import QueueCore

/// Builds the HallState Storage would hand back from every change persisted so far.
struct FakeStore {
  var tickets: [String: TicketRecord] = [:]
  var counters: [Int: CounterRecord] = [:]
  var sequences: [String: DaySequence] = [:]
  var jobs: [String: PrintJob] = [:]
  var lastSeq: Int64 = 0

  mutating func apply(_ out: Outcome) {
    for t in out.changes.tickets { tickets[t.id] = t }
    for c in out.changes.counters { counters[c.id] = c }
    for s in out.changes.sequences { sequences[s.day + s.service] = s }
    for j in out.changes.newPrintJobs + out.changes.printedJobs { jobs[j.job] = j }
    if let seq = out.changes.lastSeq { lastSeq = seq }
  }

  func state(today: String) -> HallState {
    HallState(
      tickets: tickets.values.filter { $0.day == today || !$0.state.isFinal },
      counters: Array(counters.values), sequences: Array(sequences.values), lastSeq: lastSeq,
      pendingPrintJobs: jobs.values.filter { $0.printedAt == nil })
  }
}

@Suite struct RestoreTests {
  @Test func restoringContinuesSeqAndNumberingWithoutReuse() throws {
    var store = FakeStore()
    let hall = makeHall()
    store.apply(try hall.handle(.issue(service: "A", priority: false, request: "r1"), at: monday9))
    store.apply(try hall.handle(.issue(service: "A", priority: true), at: monday9 + 1))
    store.apply(try hall.handle(.issue(service: "B", priority: false), at: monday9 + 2))
    store.apply(try hall.handle(.call(counter: 1, .auto), at: monday9 + 3))
    store.apply(try hall.handle(.pause(counter: 3, reason: "rapat"), at: monday9 + 4))
    store.apply(try hall.handle(.issue(service: "A", priority: false, box: "K1"), at: monday9 + 5))
    let lastSeq = hall.lastSeq

    let ids = IDs()
    ids.next = 100
    let restarted = Hall(
      config: fixtureConfig(), restoring: store.state(today: "2026-11-30"), now: monday9 + 10,
      makeTicketID: ids.make)
    #expect(restarted.lastSeq == lastSeq)
    #expect(restarted.day == "2026-11-30")
    let out = try restarted.handle(.issue(service: "A", priority: false), at: monday9 + 20)
    #expect(out.events.first?.seq == lastSeq + 1)
    #expect(out.ticket?.number == "A004")
    #expect(try restarted.issue("B", at: monday9 + 21).number == "B002")
    // The same request id after the restart returns the ticket issued before it.
    let again = try restarted.handle(
      .issue(service: "A", priority: false, request: "r1"), at: monday9 + 22)
    #expect(again.reply == .ticket(restarted.ticket(id: "t1", at: monday9 + 22)!, created: false))
    // Counters show what they showed.
    #expect(restarted.counterView(1, at: monday9 + 23).ticket?.number == "A002")
    #expect(restarted.counterView(3, at: monday9 + 23).state == .paused)
    #expect(restarted.counterView(3, at: monday9 + 23).reason == "rapat")
    #expect(restarted.counterView(2, at: monday9 + 23).state == .open)
    // Queues are rebuilt.
    #expect(restarted.waitingCounts()["A"] == 3)
    #expect(try restarted.callNext(2, .service("A"), at: monday9 + minutes(10)) == "A001")
    // Unacknowledged print jobs are still there.
    #expect(restarted.pendingPrintJobs(box: "K1", at: monday9 + 30).map(\.1.number) == ["A003"])
    // Recent calls survive.
    #expect(restarted.snapshot(at: monday9 + 30, boxes: []).recentCalls.first?.number != nil)
  }

  @Test func numberingNeverReusesEvenWhenTheSequenceRowLagsTheTickets() throws {
    let t = TicketRecord(
      id: "x", day: "2026-11-30", service: "B", number: "A007", seqNo: 7, priority: false,
      state: .waiting, issuedAt: monday9, enqueuedAt: monday9)
    let state = HallState(
      tickets: [t], sequences: [DaySequence(day: "2026-11-30", service: "A", lastSeqNo: 3)],
      lastSeq: 40)
    let hall = makeHall(state: state, now: monday9 + 1)
    #expect(try hall.issue("A", at: monday9 + 2).number == "A008")
  }

  @Test func sequencesOfOtherDaysAreIgnored() throws {
    let state = HallState(
      sequences: [DaySequence(day: "2026-11-29", service: "A", lastSeqNo: 50)], lastSeq: 9)
    let hall = makeHall(state: state)
    #expect(try hall.issue("A", at: monday9).number == "A001")
  }

  @Test func unfinishedTicketsOfAnEarlierDayExpireAtTheFirstRollover() throws {
    let old = TicketRecord(
      id: "old", day: "2026-11-28", service: "A", number: "A010", seqNo: 10, priority: false,
      state: .called, issuedAt: monday9 - minutes(2 * 24 * 60),
      enqueuedAt: monday9 - minutes(2 * 24 * 60), calledAt: monday9 - minutes(2 * 24 * 60 - 5),
      counter: 1, calls: 1)
    let state = HallState(
      tickets: [old], counters: [CounterRecord(id: 1, state: .open, ticketID: "old", since: 0)],
      lastSeq: 12)
    let hall = makeHall(state: state)
    #expect(hall.needsRollover(at: monday9))
    let out = try hall.handle(.rollover, at: monday9)
    #expect(out.types == ["finished"] && out.events[0].seq == 13)
    #expect(out.events[0].ticket?.state == .expired)
    #expect(out.changes.counters.first?.ticketID == nil)
    #expect(hall.ticket(id: "old", at: monday9) == nil)
    #expect(try hall.issue("A", at: monday9).number == "A001")
  }

  @Test func countersNewToTheConfigStartOpenAndRemovedOnesAreIgnored() throws {
    let state = HallState(
      counters: [
        CounterRecord(id: 1, state: .closed, since: 5),
        CounterRecord(id: 77, state: .paused, since: 5),
      ], lastSeq: 3)
    let hall = makeHall(state: state)
    let view = hall.hallView(at: monday9, boxes: [])
    #expect(view.counters.map(\.id) == [1, 2, 3, 4, 5])
    #expect(view.counters.map(\.state) == [.closed, .open, .open, .open, .open])
  }

  @Test func aNewDatabaseStartsEveryCounterOpen() {
    let hall = makeHall(state: nil)
    #expect(hall.hallView(at: monday9, boxes: []).counters.allSatisfy { $0.state == .open })
    #expect(hall.lastSeq == 0)
  }
}
