import HallWire
import Testing

@testable import QueueCore
import HallYAML

@Suite struct CheckInTests {
  let seven = at("2026-11-30", "07:00:00")

  @Test func checkInOpensThirtyMinutesBeforeTheSlotAndClosesFifteenAfter() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("09:00:00", at: seven)
    expectRefusal(.tooEarly) { () throws(QueueError) in
      _ = try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:29:59"))
    }
    let out = try hall.handle(
      .checkIn(code: "#" + b.code.lowercased()), at: at("2026-11-30", "08:30:00"))
    let ticket = try #require(out.ticket)
    #expect(ticket.appointment == "2026-11-30T09:00:00+07:00")
    #expect(ticket.remote == false && ticket.key != nil && ticket.number == "A001")
    #expect(out.types == ["issued"])
    #expect(out.changes.bookings.map(\.state) == [BookingState.checkedIn])
    #expect(out.changes.bookings.first?.ticketID == ticket.id)
    // The wait counts from the slot.
    #expect(out.changes.tickets.first?.enqueuedAt == at("2026-11-30", "09:00:00"))
    // Again (a box that lost the reply): the same ticket.
    let again = try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:31:00"))
    #expect(again.ticket?.id == ticket.id)
    #expect(again.changes.isEmpty)

    let late = try hall.book("09:15:00", phone: "081299998888", at: seven)
    expectRefusal(.missed) { () throws(QueueError) in
      _ = try hall.handle(.checkIn(code: late.code), at: at("2026-11-30", "09:30:01"))
    }
  }

  @Test func aLateCheckInWaitsFromItsCheckInAndAnOnTimeOneFromItsSlot() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("09:00:00", at: seven)
    let out = try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "09:10:00"))
    #expect(out.changes.tickets.first?.enqueuedAt == at("2026-11-30", "09:10:00"))
  }

  @Test func badCodesAreRefusedClearly() throws {
    let hall = makeAppointmentHall()
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.checkIn(code: "K7MQ0C"), at: seven)
    }
    expectRefusal(.notFound) { () throws(QueueError) in
      _ = try hall.handle(.checkIn(code: "K7MQ2C"), at: seven)
    }
    let b = try hall.book("08:00:00", at: seven)
    _ = try hall.handle(.cancelBooking(id: b.id), at: seven)
    expectRefusal(.conflict) { () throws(QueueError) in
      _ = try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "07:45:00"))
    }
  }

  @Test func bookingsNotCheckedInAreMarkedMissedOnceTheirWindowCloses() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("08:00:00", at: seven)
    try hall.book("10:00:00", phone: "081299998888", at: seven)
    #expect(!hall.needsRollover(at: at("2026-11-30", "08:15:00")))
    #expect(hall.needsRollover(at: at("2026-11-30", "08:15:01")))
    let step = hall.step(.rollover, at: at("2026-11-30", "08:16:00"))
    let changes = try #require(try? step.result.get()).changes
    #expect(changes.bookings.map(\.id) == [b.id])
    #expect(changes.bookings.first?.state == .missed)
    #expect(hall.booking(id: b.id)?.state == .missed)
    #expect(!hall.needsRollover(at: at("2026-11-30", "08:16:00")))
    expectRefusal(.missed) { () throws(QueueError) in
      _ = try hall.handle(.cancelBooking(id: b.id), at: at("2026-11-30", "08:16:00"))
    }
    // A refused command still records a miss that fell due.
    let refused = hall.step(.checkIn(code: "K7MQ0C"), at: at("2026-11-30", "10:20:00"))
    #expect(refused.rollover?.changes.bookings.map(\.state) == [BookingState.missed])
  }

  @Test func anEarlyAppointmentIsCalledAtItsSlotNotBeforeWalkInsWhoWaitLonger() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("09:00:00", at: seven)
    let walkIn1 = try hall.issue("A", at: at("2026-11-30", "08:35:00"))
    let appt = try #require(
      try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:40:00")).ticket)
    let walkIn2 = try hall.issue("A", at: at("2026-11-30", "08:50:00"))
    // At 08:55 the appointment has not started waiting: both walk-ins go first.
    #expect(hall.ticket(id: appt.id, at: at("2026-11-30", "08:55:00"))?.position == 3)
    #expect(try hall.callNext(1, at: at("2026-11-30", "08:55:00")) == walkIn1.number)
    #expect(try hall.callNext(1, at: at("2026-11-30", "08:56:00")) == walkIn2.number)
    let walkIn3 = try hall.issue("A", at: at("2026-11-30", "09:01:00"))
    // At 09:05 it has waited since 09:00, longer than the 09:01 walk-in.
    #expect(try hall.callNext(1, at: at("2026-11-30", "09:05:00")) == appt.number)
    #expect(try hall.callNext(1, at: at("2026-11-30", "09:06:00")) == walkIn3.number)
  }

  @Test func appointmentOrderHoldsUnderEveryPolicy() throws {
    for policy in CallPolicy.allCases {
      let yaml = appointmentYAML.replacingOccurrences(
        of: "{id: 1, name: Loket 1, services: [A, C]}",
        with: "{id: 1, name: Loket 1, services: [C, A], policy: \(policy.rawValue)}")
      let hall = Hall(
        config: try! HallConfig.load(yaml: yaml), restoring: nil, now: seven,
        makeTicketID: IDs().make)
      let b = try hall.book("09:00:00", at: seven)
      let appt = try #require(
        try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:40:00")).ticket)
      let walkIn = try hall.issue("A", at: at("2026-11-30", "08:50:00"))
      let position = hall.ticket(id: appt.id, at: at("2026-11-30", "08:55:00"))?.position
      #expect(position == 2, "\(policy)")
      #expect(try hall.callNext(1, at: at("2026-11-30", "08:55:00")) == walkIn.number, "\(policy)")
      #expect(try hall.callNext(1, at: at("2026-11-30", "09:00:00")) == appt.number, "\(policy)")
    }
  }

  @Test func theETAOfAnEarlyAppointmentReachesItsSlot() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("09:00:00", at: seven)
    let appt = try #require(
      try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:40:00")).ticket)
    // Nobody else waits: it is next, and the counter is free now.
    #expect(appt.position == 1)
    let view = try #require(hall.ticket(id: appt.id, at: at("2026-11-30", "08:40:00")))
    #expect(view.position == 1)
  }
}

@Suite struct AppointmentEstimateTests {
  @Test func twoCountersPlaceAnEarlyAppointmentBehindTheWalkInsCalledBeforeItsSlot() throws {
    let yaml = appointmentYAML.replacingOccurrences(
      of: "{id: 2, name: Loket 2, services: [B]}",
      with: "{id: 2, name: Loket 2, services: [A]}\n  - {id: 3, name: Loket 3, services: [B]}")
    let hall = Hall(
      config: try HallConfig.load(yaml: yaml), restoring: nil, now: at("2026-11-30", "07:00:00"),
      makeTicketID: IDs().make)
    let b = try hall.book("09:00:00", at: at("2026-11-30", "07:00:00"))
    let appt = try #require(
      try hall.handle(.checkIn(code: b.code), at: at("2026-11-30", "08:40:00")).ticket)
    var walkIns: [Ticket] = []
    for m in 41...44 { walkIns.append(try hall.issue("A", at: at("2026-11-30", "08:\(m):00"))) }
    let view = try #require(hall.ticket(id: appt.id, at: at("2026-11-30", "08:45:00")))
    // Two counters, five minutes a visitor: the walk-ins go at 08:45 and 08:50, then it.
    #expect(view.position == 5)
    #expect(view.etaS == 600)
    #expect(try hall.callNext(1, at: at("2026-11-30", "08:45:00")) == walkIns[0].number)
    #expect(try hall.callNext(2, at: at("2026-11-30", "08:45:00")) == walkIns[1].number)
    #expect(try hall.callNext(1, at: at("2026-11-30", "08:50:00")) == walkIns[2].number)
    #expect(try hall.callNext(2, at: at("2026-11-30", "08:50:00")) == walkIns[3].number)
    #expect(try hall.callNext(1, at: at("2026-11-30", "08:55:00")) == appt.number)
  }
}
