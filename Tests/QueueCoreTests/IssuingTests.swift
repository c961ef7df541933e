import HallWire
import Testing

@testable import QueueCore

@Suite struct IssuingTests {
  @Test func issuedTicketsAreNumberedPerServiceFrom001() throws {
    let hall = makeHall()
    let a1 = try hall.issue("A", at: monday9)
    let a2 = try hall.issue("A", at: monday9 + 1)
    let b1 = try hall.issue("B", at: monday9 + 2)
    #expect([a1.number, a2.number, b1.number] == ["A001", "A002", "B001"])
    #expect(a1.state == .waiting && a1.calls == 0 && a1.counter == nil && a1.calledAt == nil)
    #expect(a1.issuedAt == "2026-11-30T09:00:00+07:00")
  }

  @Test func numbersGrowPastThreeDigits() {
    #expect(TicketRecord.number(service: "A", seqNo: 7) == "A007")
    #expect(TicketRecord.number(service: "AB", seqNo: 123) == "AB123")
    #expect(TicketRecord.number(service: "A", seqNo: 1000) == "A1000")
  }

  @Test func issuingEmitsAnIssuedEventAndPersistsTheTicketAndSequence() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "B", priority: true), at: monday9)
    #expect(out.types == ["issued"])
    #expect(out.events[0].seq == 1)
    guard case .issued(let ticket, let waiting) = out.events[0].body else {
      Issue.record("not issued")
      return
    }
    #expect(ticket.number == "B001" && ticket.priority)
    #expect(waiting["A"] == 0 && waiting["B"] == 1 && waiting["C"] == 0)
    #expect(out.changes.tickets.map(\.number) == ["B001"])
    #expect(out.changes.sequences == [DaySequence(day: "2026-11-30", service: "B", lastSeqNo: 1)])
    #expect(out.changes.lastSeq == 1)
    if case .ticket(_, let created) = out.reply { #expect(created) }
  }

  @Test func sameRequestIdReturnsTheSameTicketWithoutIssuingAgain() throws {
    let hall = makeHall()
    let first = try hall.handle(.issue(service: "A", priority: false, request: "r-1"), at: monday9)
    let again = try hall.handle(
      .issue(service: "A", priority: false, request: "r-1"), at: monday9 + 5000)
    var unkeyed = first.ticket!
    unkeyed.key = nil
    #expect(again.reply == .ticket(unkeyed, created: false))
    #expect(again.events.isEmpty && again.changes.isEmpty)
    let other = try hall.issue("A", at: monday9 + 6000, request: "r-2")
    #expect(other.number == "A002")
  }

  @Test func unknownServiceIsRefused() {
    let hall = makeHall()
    expectRefusal(.unknownService) { () throws(QueueError) in try hall.issue("Z", at: monday9) }
  }

  @Test func unknownBoxIsRefused() {
    let hall = makeHall()
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.issue(service: "A", priority: false, box: "K9"), at: monday9)
    }
  }

  @Test func quotaRefusesTheTicketPastIt() throws {
    let hall = makeHall()
    try hall.issue("C", at: monday9)
    try hall.issue("C", at: monday9 + 1)
    do {
      try hall.issue("C", at: monday9 + 2)
      Issue.record("issued past quota")
    } catch {
      #expect(error.code == .quotaReached && error.httpStatus == 409)
      #expect(error.message.contains("2"))
    }
    #expect(hall.hallView(at: monday9 + 3, boxes: []).services[2].closedReason == .quota)
  }

  @Test func cancelledTicketsStillCountAgainstTheQuota() throws {
    let hall = makeHall()
    let t = try hall.issue("C", at: monday9)
    _ = try hall.handle(.cancel(ticketID: t.id), at: monday9 + 1)
    try hall.issue("C", at: monday9 + 2)
    expectRefusal(.quotaReached) { () throws(QueueError) in try hall.issue("C", at: monday9 + 3) }
  }

  @Test func hoursFollowTheWeekdayInTheHallZone() throws {
    let hall = makeHall()
    // Monday 08:00-12:00 and 13:00-15:00 in Jakarta.
    try hall.issue("C", at: at("2026-11-30", "08:00:00"))
    expectRefusal(.serviceClosed) { () throws(QueueError) in
      try hall.issue("C", at: at("2026-11-30", "07:59:59"))
    }
    expectRefusal(.serviceClosed) { () throws(QueueError) in
      try hall.issue("C", at: at("2026-11-30", "12:30:00"))
    }
    expectRefusal(.serviceClosed) { () throws(QueueError) in
      try hall.issue("C", at: at("2026-11-30", "15:00:00"))
    }
    // 01:30 UTC on Monday is 08:30 in Jakarta: open, though UTC still says 01:30.
    try hall.issue("C", at: at("2026-11-30", "01:30:00", offsetHours: 0))
  }

  @Test func closedMessageNamesTheNextOpening() {
    let hall = makeHall()
    let cases: [(Millis, String, String)] = [
      (at("2026-11-30", "12:15:00"), "today at 13:00", "hari ini pukul 13.00"),
      (at("2026-11-30", "07:00:00"), "today at 08:00", "hari ini pukul 08.00"),
      (at("2026-11-30", "16:00:00"), "on Saturday at 08:00", "hari Sabtu pukul 08.00"),
      (at("2026-12-05", "12:00:00"), "on Monday at 08:00", "hari Senin pukul 08.00"),
      (at("2026-12-06", "09:00:00"), "tomorrow at 08:00", "besok pukul 08.00"),
    ]
    for (now, english, indonesian) in cases {
      do {
        try hall.issue("C", at: now)
        Issue.record("issued while closed at \(now)")
      } catch {
        #expect(error.code == .serviceClosed)
        #expect(error.message.contains(english), "\(error.message)")
        #expect(error.messageID.contains(indonesian), "\(error.messageID)")
      }
    }
  }

  @Test func aServiceWithNoCounterOpenOrPausedIsClosed() throws {
    let hall = makeHall()
    _ = try hall.handle(.pause(counter: 5, reason: "istirahat"), at: monday9)
    try hall.issue("C", at: monday9 + 1)  // paused: still issuable
    _ = try hall.handle(.close(counter: 5, force: true), at: monday9 + 2)
    do {
      try hall.issue("C", at: monday9 + 3)
      Issue.record("issued with no counter")
    } catch {
      #expect(error.code == .serviceClosed)
      #expect(error.message.contains("no counter"))
    }
    #expect(hall.hallView(at: monday9 + 4, boxes: []).services[2].closedReason == .noCounter)
  }

  @Test func everyTicketGetsItsOwnKeyOnlyInItsIssuersReply() throws {
    var keys = ["k-one-0123456789abcdef", "k-two-0123456789abcdef"]
    let hall = Hall(
      config: fixtureConfig(), restoring: nil, now: monday9, makeTicketID: IDs().make,
      makeTicketKey: { keys.removeFirst() })
    let out = try hall.handle(.issue(service: "A", priority: false), at: monday9)
    #expect(out.ticket?.key == "k-one-0123456789abcdef")
    #expect(hall.ticketKey(id: out.ticket!.id) == "k-one-0123456789abcdef")
    #expect(hall.ticket(id: out.ticket!.id, at: monday9)?.key == nil)
    guard case .issued(let feedTicket, _) = out.events[0].body else { return }
    #expect(feedTicket.key == nil)
    #expect(out.changes.tickets.first?.key == "k-one-0123456789abcdef")
  }

  @Test func randomTicketKeysCarry128BitsURLSafe() {
    let a = Hall.randomTicketKey()
    let b = Hall.randomTicketKey()
    #expect(a.count == 22 && a != b)
    #expect(a.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
  }

  @Test func aBoxCannotAcknowledgeAnotherBoxsJob() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "A", priority: false, box: "K1"), at: monday9)
    guard case .print(let job, _, _) = out.events[1].body else { return }
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.printed(job: job, box: "K2"), at: monday9 + 500)
    }
    #expect(hall.pendingPrintJobs(box: "K1", at: monday9).map(\.0.job) == [job])
    #expect(
      try hall.handle(.printed(job: job, box: "K1"), at: monday9 + 600).reply == .acknowledged)
  }

  @Test func issuingToABoxCreatesAPrintJobWithAnUnguessableId() throws {
    let hall = makeHall()
    let out = try hall.handle(.issue(service: "A", priority: false, box: "K1"), at: monday9)
    #expect(out.types == ["issued", "print"])
    #expect(out.events[1].printBox == "K1")
    guard case .print(let job, _, let ticket) = out.events[1].body else { return }
    #expect(job.hasPrefix("J") && job != "J\(out.events[1].seq)")
    #expect(ticket.number == "A001")
    #expect(out.changes.newPrintJobs.map(\.job) == [job])
    #expect(hall.pendingPrintJobs(box: "K1", at: monday9).map(\.0.job) == [job])
    #expect(hall.pendingPrintJobs(box: "K2", at: monday9).isEmpty)

    let ack = try hall.handle(.printed(job: job), at: monday9 + 1000)
    #expect(ack.reply == .acknowledged)
    #expect(ack.changes.printedJobs.map(\.printedAt) == [monday9 + 1000])
    #expect(hall.pendingPrintJobs(box: "K1", at: monday9).isEmpty)
    let repeatAck = try hall.handle(.printed(job: job), at: monday9 + 2000)
    #expect(repeatAck.reply == .acknowledged && repeatAck.changes.isEmpty)
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.printed(job: "J999"), at: monday9)
    }
  }
}
