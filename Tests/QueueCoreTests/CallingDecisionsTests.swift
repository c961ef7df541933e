import Testing

@testable import QueueCore

/// The README's "Decisions on calling".
@Suite struct CallingDecisionsTests {
  @Test func noShowIsRefusedOnceTheVisitorIsBeingServed() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(30))
    _ = try hall.handle(.start(counter: 1), at: monday9 + seconds(60))
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.noshow(counter: 1), at: monday9 + seconds(90))
    }
    #expect(hall.counterView(1, at: monday9 + seconds(91)).ticket?.state == .serving)
    #expect(try hall.handle(.done(counter: 1), at: monday9 + seconds(120)).ticket?.state == .done)
  }

  @Test func noShowIsAllowedWhileTheVisitorIsOnlyCalled() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(30))
    #expect(try hall.handle(.noshow(counter: 1), at: monday9 + minutes(3)).ticket?.state == .noshow)
  }

  @Test func aSecondCallMomentsAfterTheFirstAnswersWithTheSameTicket() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", at: monday9 + 1)
    let first = try hall.handle(.call(counter: 1, .auto), at: monday9 + seconds(30))
    let second = try hall.handle(.call(counter: 1, .auto), at: monday9 + seconds(32))
    #expect(second.ticket?.number == "A001")
    #expect(second.ticket?.state == .called)
    #expect(second.events.isEmpty)
    #expect(second.changes.isEmpty)
    #expect(first.ticket?.number == "A001")
    #expect(hall.waitingCounts()["A"] == 1)
    // The same service named explicitly is the same press too.
    #expect(try hall.callNext(1, .service("A"), at: monday9 + seconds(33)) == "A001")
  }

  @Test func aCallAfterTheWindowFinishesTheCurrentTicketAsBefore() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", at: monday9 + 1)
    try hall.callNext(1, at: monday9 + seconds(30))
    let out = try hall.handle(
      .call(counter: 1, .auto), at: monday9 + seconds(30) + Hall.repeatedCallWindow)
    #expect(out.ticket?.number == "A002")
    #expect(out.types == ["finished", "called"])
  }

  @Test func aQuickCallAfterServiceStartedOrByNumberIsNotARepeat() throws {
    let hall = makeHall()
    for i in 0..<3 { try hall.issue("A", at: monday9 + Int64(i)) }
    try hall.callNext(1, at: monday9 + seconds(30))
    _ = try hall.handle(.start(counter: 1), at: monday9 + seconds(31))
    // Started: the visitor is at the desk, so the next call is deliberate.
    #expect(try hall.callNext(1, at: monday9 + seconds(33)) == "A002")
    // By number: the officer named the ticket.
    #expect(try hall.callNext(1, .number("A003"), at: monday9 + seconds(34)) == "A003")
  }
}
