import HallWire
import Testing

@testable import QueueCore

@Suite struct CounterCommandTests {
  @Test func callTakesTheNextTicketAndAnnouncesIt() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    let out = try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(2))
    #expect(out.types == ["called"])
    let t = try #require(out.ticket)
    #expect(t.number == "A001" && t.state == .called && t.counter == 1 && t.calls == 1)
    #expect(t.calledAt == "2026-11-30T09:02:00+07:00" && t.position == nil && t.etaS == nil)
    guard case .called(_, let counter, let recall, let waiting) = out.events[0].body else {
      Issue.record("not called")
      return
    }
    #expect(counter == CounterRef(id: 1, name: "Loket 1") && !recall && waiting["A"] == 0)
    #expect(out.changes.counters.map(\.ticketID) == ["t1"])
    #expect(hall.counterView(1, at: monday9).ticket?.number == "A001")
  }

  @Test func callWithNobodyWaitingSaysSoAndChangesNothing() throws {
    let hall = makeHall()
    let out = try hall.handle(.call(counter: 1, .auto), at: monday9)
    #expect(out.reply == .nobodyWaiting && out.events.isEmpty && out.changes.isEmpty)
  }

  @Test func callFinishesTheCurrentTicketAsDoneFirst() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", at: monday9 + 1)
    try hall.callNext(1, at: monday9 + 2)
    let out = try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(5))
    #expect(out.types == ["finished", "called"])
    #expect(out.events.map(\.seq) == [4, 5])
    #expect(out.events[0].ticket?.state == .done && out.events[0].ticket?.number == "A001")
    #expect(out.ticket?.number == "A002")
    #expect(hall.record(id: "t1")?.finishedAt == monday9 + minutes(5))
  }

  @Test func callWithNobodyWaitingStillFinishesTheCurrentTicket() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let out = try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(1))
    #expect(out.reply == .nobodyWaiting)
    #expect(out.types == ["finished"])
    #expect(hall.counterRecord(1)?.ticketID == nil)
  }

  @Test func callByServiceTakesThatServicesNextTicket() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("B", at: monday9 + minutes(5))
    #expect(try hall.callNext(2, .service("B"), at: monday9 + minutes(6)) == "B001")
    expectRefusal(.conflict) { () throws(QueueError) in
      try hall.callNext(1, .service("B"), at: monday9 + minutes(7))
    }
    expectRefusal(.unknownService) { () throws(QueueError) in
      try hall.callNext(1, .service("Q"), at: monday9 + minutes(7))
    }
    #expect(try hall.callNext(2, .service("B"), at: monday9 + minutes(8)) == nil)
  }

  @Test func callByNumberBringsBackANoShow() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let noshow = try hall.handle(.noshow(counter: 1), at: monday9 + minutes(3))
    #expect(noshow.types == ["finished"] && noshow.ticket?.state == .noshow)
    let back = try hall.handle(.call(counter: 2, .number("A001")), at: monday9 + minutes(20))
    #expect(back.ticket?.number == "A001" && back.ticket?.state == .called)
    #expect(back.ticket?.counter == 2 && back.ticket?.calls == 2)
  }

  @Test func callByNumberRefusesWhatIsNotCallable() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("B", at: monday9)
    try hall.issue("A", at: monday9)
    try hall.callNext(1, .number("A002"), at: monday9 + 1)  // numbers are per service
    expectRefusal(.notFound) { () throws(QueueError) in
      try hall.callNext(1, .number("A999"), at: monday9 + 2)
    }
    expectRefusal(.conflict) { () throws(QueueError) in  // already at this counter
      try hall.callNext(1, .number("A002"), at: monday9 + 2)
    }
    expectRefusal(.conflict) { () throws(QueueError) in  // called at another counter
      try hall.callNext(2, .number("A002"), at: monday9 + 2)
    }
    expectRefusal(.conflict) { () throws(QueueError) in  // counter 1 doesn't serve B
      try hall.callNext(1, .number("B001"), at: monday9 + 2)
    }
    _ = try hall.handle(.done(counter: 1), at: monday9 + 3)
    expectRefusal(.conflict) { () throws(QueueError) in  // done
      try hall.callNext(2, .number("A002"), at: monday9 + 4)
    }
  }

  @Test func callOnAPausedOrClosedCounterIsAConflict() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    _ = try hall.handle(.pause(counter: 1), at: monday9)
    expectRefusal(.conflict) { () throws(QueueError) in try hall.callNext(1, at: monday9 + 1) }
    _ = try hall.handle(.close(counter: 2), at: monday9)
    expectRefusal(.conflict) { () throws(QueueError) in try hall.callNext(2, at: monday9 + 1) }
    expectRefusal(.unknownCounter) { () throws(QueueError) in
      try hall.callNext(99, at: monday9 + 1)
    }
    #expect(hall.ticket(id: "t1", at: monday9 + 1)?.state == .waiting)
  }

  @Test func recallAnnouncesAgainAndCountsTheCall() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let out = try hall.handle(.recall(counter: 1), at: monday9 + minutes(1))
    #expect(out.ticket?.calls == 2 && out.ticket?.state == .called)
    guard case .called(_, _, let recall, _) = out.events[0].body else { return }
    #expect(recall)
    expectRefusal(.noCurrentTicket) { () throws(QueueError) in
      _ = try hall.handle(.recall(counter: 2), at: monday9)
    }
  }

  @Test func startMarksServingOnceAndNeedsACalledTicket() throws {
    let hall = makeHall()
    expectRefusal(.noCurrentTicket) { () throws(QueueError) in
      _ = try hall.handle(.start(counter: 1), at: monday9)
    }
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let out = try hall.handle(.start(counter: 1), at: monday9 + minutes(1))
    #expect(out.ticket?.state == .serving && out.events.isEmpty)
    #expect(out.changes.tickets.first?.startedAt == monday9 + minutes(1))
    let again = try hall.handle(.start(counter: 1), at: monday9 + minutes(2))
    #expect(again.changes.isEmpty && hall.record(id: "t1")?.startedAt == monday9 + minutes(1))
  }

  @Test func doneAndNoshowFinishTheCurrentTicketAndFreeTheCounter() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    _ = try hall.handle(.start(counter: 1), at: monday9 + 2)
    let done = try hall.handle(.done(counter: 1), at: monday9 + minutes(6))
    #expect(done.ticket?.state == .done && done.types == ["finished"])
    #expect(done.changes.counters.map(\.ticketID) == [nil])
    expectRefusal(.noCurrentTicket) { () throws(QueueError) in
      _ = try hall.handle(.done(counter: 1), at: monday9 + minutes(7))
    }
    try hall.callNext(1, at: monday9 + minutes(7))
    let noshow = try hall.handle(.noshow(counter: 1), at: monday9 + minutes(9))
    #expect(noshow.ticket?.state == .noshow && noshow.ticket?.number == "A002")
    expectRefusal(.noCurrentTicket) { () throws(QueueError) in
      _ = try hall.handle(.noshow(counter: 1), at: monday9 + minutes(9))
    }
  }

  @Test func transferRequeuesAtTheBackOfTheOtherServiceKeepingTheNumber() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.issue("B", at: monday9 + minutes(1))
    try hall.callNext(1, at: monday9 + minutes(2))
    let out = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + minutes(10))
    #expect(out.types == ["transferred"])
    let t = try #require(out.ticket)
    #expect(t.number == "A001" && t.service == "B" && t.state == .waiting)
    #expect(t.counter == nil && t.calledAt == nil && t.calls == 0 && t.position == 2)
    guard case .transferred(_, let from, let waiting, _) = out.events[0].body else { return }
    #expect(from == "A" && waiting["B"] == 2)
    #expect(hall.counterRecord(1)?.ticketID == nil)
    #expect(out.changes.tickets.first?.enqueuedAt == monday9 + minutes(10))
    // B001 waited longer in B; the transferred ticket comes after it.
    #expect(try hall.callNext(3, .service("B"), at: monday9 + minutes(11)) == "B001")
    #expect(try hall.callNext(3, .service("B"), at: monday9 + minutes(12)) == "A001")
  }

  @Test func transferRefusals() throws {
    let hall = makeHall()
    expectRefusal(.noCurrentTicket) { () throws(QueueError) in
      _ = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9)
    }
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.transfer(counter: 1, to: "A"), at: monday9 + 2)
    }
    expectRefusal(.unknownService) { () throws(QueueError) in
      _ = try hall.handle(.transfer(counter: 1, to: "Q"), at: monday9 + 2)
    }
    expectRefusal(.unknownCounter) { () throws(QueueError) in
      _ = try hall.handle(.transfer(counter: 42, to: "B"), at: monday9 + 2)
    }
    #expect(hall.record(id: "t1")?.state == .called)
  }

  @Test func cancelOnlyWhileWaiting() throws {
    let hall = makeHall()
    let a = try hall.issue("A", at: monday9)
    let b = try hall.issue("A", at: monday9 + 1)
    let out = try hall.handle(.cancel(ticketID: a.id), at: monday9 + minutes(1))
    #expect(out.ticket?.state == .cancelled && out.types == ["finished"])
    #expect(hall.ticket(id: b.id, at: monday9 + minutes(1))?.position == 1)
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.cancel(ticketID: a.id), at: monday9 + minutes(2))
    }
    try hall.callNext(1, at: monday9 + minutes(2))
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.cancel(ticketID: b.id), at: monday9 + minutes(3))
    }
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.cancel(ticketID: "nope"), at: monday9 + minutes(3))
    }
  }

  @Test func pauseKeepsTheCurrentTicketAndResumeReopens() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let paused = try hall.handle(.pause(counter: 1, reason: "sholat"), at: monday9 + 2)
    #expect(paused.types == ["counter"])
    #expect(paused.counter?.state == .paused && paused.counter?.reason == "sholat")
    #expect(paused.counter?.ticket?.number == "A001")
    let same = try hall.handle(.pause(counter: 1, reason: "sholat"), at: monday9 + 3)
    #expect(same.events.isEmpty && same.changes.isEmpty)
    _ = try hall.handle(.done(counter: 1), at: monday9 + 4)  // allowed while paused
    let resumed = try hall.handle(.resume(counter: 1), at: monday9 + 5)
    #expect(resumed.counter?.state == .open && resumed.counter?.reason == nil)
    #expect(resumed.changes.counters.first?.since == monday9 + 5)
    let again = try hall.handle(.resume(counter: 1), at: monday9 + 6)
    #expect(again.events.isEmpty)
  }

  @Test func closeFinishesTheCurrentTicketAndOpenReopens() throws {
    let hall = makeHall()
    try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + 1)
    let closed = try hall.handle(.close(counter: 1), at: monday9 + minutes(4))
    #expect(closed.types == ["finished", "counter"])
    #expect(closed.events[0].ticket?.state == .done)
    #expect(closed.counter?.state == .closed && closed.counter?.ticket == nil)
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.pause(counter: 1), at: monday9 + minutes(5))
    }
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.resume(counter: 1), at: monday9 + minutes(5))
    }
    let again = try hall.handle(.close(counter: 1), at: monday9 + minutes(5))
    #expect(again.events.isEmpty)
    let opened = try hall.handle(.open(counter: 1), at: monday9 + minutes(6))
    #expect(opened.counter?.state == .open && opened.types == ["counter"])
    let reopened = try hall.handle(.open(counter: 1), at: monday9 + minutes(7))
    #expect(reopened.events.isEmpty)
  }

  @Test func everyCounterCommandRefusesAnUnknownCounter() {
    let hall = makeHall()
    let commands: [Command] = [
      .call(counter: 9, .auto), .recall(counter: 9), .start(counter: 9), .done(counter: 9),
      .noshow(counter: 9), .transfer(counter: 9, to: "A"), .pause(counter: 9),
      .resume(counter: 9), .open(counter: 9), .close(counter: 9),
    ]
    for command in commands {
      expectRefusal(.unknownCounter) { () throws(QueueError) in
        _ = try hall.handle(command, at: monday9)
      }
    }
  }

  @Test func errorsMapToProtocolCodesAndStatuses() {
    let cases: [(QueueError.Code, String, Int)] = [
      (.badRequest, "bad_request", 400), (.notFound, "not_found", 404),
      (.unknownService, "unknown_service", 404), (.unknownCounter, "unknown_counter", 404),
      (.serviceClosed, "service_closed", 409), (.quotaReached, "quota_reached", 409),
      (.noCurrentTicket, "no_current_ticket", 409), (.conflict, "conflict", 409),
    ]
    for (code, text, status) in cases {
      let e = QueueError(code, "m", id: "p")
      #expect(e.code.rawValue == text && e.httpStatus == status)
    }
  }

  @Test func eventSeqsStrictlyIncreaseAcrossCommands() throws {
    let hall = makeHall()
    var seqs: [Int64] = []
    for i in 0..<5 {
      seqs += try hall.handle(.issue(service: "A", priority: false), at: monday9 + Int64(i)).events
        .map(\.seq)
    }
    seqs += try hall.handle(.call(counter: 1, .auto), at: monday9 + 10).events.map(\.seq)
    seqs += try hall.handle(.call(counter: 1, .auto), at: monday9 + minutes(1)).events.map(\.seq)
    #expect(seqs == Array(1...8))
    #expect(hall.lastSeq == 8)
  }
}

@Suite struct LookupTests {
  @Test func lookupsOfUnknownThingsReturnNil() throws {
    let hall = makeHall()
    #expect(hall.counter(9, at: monday9) == nil)
    #expect(hall.service("Q", at: monday9) == nil)
    #expect(hall.ticket(id: "none", at: monday9) == nil)
    #expect(hall.ticket(number: "A001", at: monday9) == nil)
    try hall.issue("A", at: monday9)
    #expect(hall.counter(1, at: monday9)?.name == "Loket 1")
    #expect(hall.service("A", at: monday9)?.waiting == 1)
    #expect(hall.ticket(number: "A001", at: monday9)?.position == 1)
  }
}
