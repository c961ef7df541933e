import HallWire
import Testing

@testable import QueueCore
import Reports

@Suite struct TransferOutcomeTests {
  @Test func aTransferIsAnOutcomeOfTheFirstServiceAndCounter() throws {
    let hall = makeHall()
    let ticket = try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(900))
    _ = try hall.handle(.start(counter: 1), at: monday9 + seconds(910))
    _ = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + seconds(1210))
    try hall.callNext(3, .service("B"), at: monday9 + seconds(1270))
    _ = try hall.handle(.start(counter: 3), at: monday9 + seconds(1280))
    _ = try hall.handle(.done(counter: 3), at: monday9 + seconds(1480))

    let stats = Stats.compute(tickets: [hall.record(id: ticket.id)!], config: hall.config)
    let a = stats.services.first { $0.id == "A" }!
    let b = stats.services.first { $0.id == "B" }!
    #expect(a.issued == 1)
    #expect(a.transferred == 1)
    #expect(a.served == 0)
    #expect(a.waitS.mean == 900)
    #expect(b.served == 1)
    #expect(b.waitS.mean == 60)
    #expect(b.serviceS.mean == 200)
    let c1 = stats.counters.first { $0.id == 1 }!
    let c3 = stats.counters.first { $0.id == 3 }!
    #expect(c1.transferred == 1)
    #expect(c1.served == 0)
    #expect(c1.serviceS.mean == 300)
    #expect(c3.served == 1)
    #expect(c3.serviceS.mean == 200)
    let csv = TicketsCSV.render(tickets: [hall.record(id: ticket.id)!], config: hall.config)
    #expect(csv.hasSuffix(",60,200,,A,,false\r\n"))
  }

  @Test func aTransferIntoAServiceNoCounterCanCallIsRefused() throws {
    let hall = makeHall()
    for c in [2, 3, 4] { _ = try hall.handle(.close(counter: c), at: monday9) }
    let ticket = try hall.issue("A", at: monday9 + 1)
    try hall.callNext(1, at: monday9 + seconds(60))
    expectRefusal(.serviceClosed) { () throws(QueueError) in
      _ = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + seconds(90))
    }
    // Nothing changed: the visitor is still at counter 1.
    #expect(hall.record(id: ticket.id)?.state == .called)
    #expect(hall.counterView(1, at: monday9 + seconds(91)).ticket?.number == "A001")
    // A paused counter will come back, as for issuing.
    _ = try hall.handle(.open(counter: 3), at: monday9 + seconds(92))
    _ = try hall.handle(.pause(counter: 3), at: monday9 + seconds(93))
    let out = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + seconds(94))
    #expect(out.ticket?.state == .waiting)
  }

  @Test func aTransferKeepsTheWaitAlreadyServedForScoring() throws {
    let hall = makeHall()
    let early = try hall.issue("A", at: monday9)
    try hall.issue("B", at: monday9 + minutes(10))
    try hall.issue("B", at: monday9 + minutes(11))
    #expect(try hall.callNext(1, at: monday9 + minutes(15)) == "A001")
    _ = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + minutes(20))
    // A001 waited 15 min in A; B001 and B002 have waited 10 and 9 min in B: A001 goes first.
    #expect(hall.ticket(id: early.id, at: monday9 + minutes(20))?.position == 1)
    #expect(try hall.callNext(3, .service("B"), at: monday9 + minutes(21)) == "A001")
    // Its wait in B, for the statistics, still starts at the transfer.
    _ = try hall.handle(.done(counter: 3), at: monday9 + minutes(25))
    let stats = Stats.compute(tickets: [hall.record(id: early.id)!], config: hall.config)
    #expect(stats.services.first { $0.id == "B" }!.waitS.mean == 60)
    #expect(stats.services.first { $0.id == "A" }!.waitS.mean == 900)
  }

  @Test func aTransferredTicketKeepsItsCreditAcrossARestart() throws {
    var store = FakeStore()
    let hall = makeHall()
    store.apply(try hall.handle(.issue(service: "A", priority: false), at: monday9))
    store.apply(try hall.handle(.issue(service: "B", priority: false), at: monday9 + minutes(10)))
    store.apply(try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(15)))
    store.apply(try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + minutes(20)))
    let restarted = Hall(
      config: fixtureConfig(), restoring: store.state(today: "2026-11-30"),
      now: monday9 + minutes(20), makeTicketID: IDs().make)
    #expect(try restarted.callNext(3, .service("B"), at: monday9 + minutes(21)) == "A001")
  }
}
