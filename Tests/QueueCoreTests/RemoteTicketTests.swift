import Foundation
import HallWire
import Testing

@testable import QueueCore

@Suite struct RemoteTicketTests {
  let nine = at("2026-11-30", "09:00:00")

  @Test func aRemoteTicketIsMarkedAndKeepsItsPhoneOffTheWire() throws {
    let hall = makeAppointmentHall()
    let out = try hall.handle(.issueRemote(service: "A", phone: "0812 3456 7890"), at: nine)
    let ticket = try #require(out.ticket)
    #expect(ticket.remote && ticket.key != nil && ticket.appointment == nil)
    #expect(out.changes.tickets.first?.phone == "+6281234567890")
    #expect(hall.phone(ofTicket: ticket.id) == "+6281234567890")
    for event in out.events {
      #expect(!String(decoding: event.jsonBytes, as: UTF8.self).contains("812"))
    }
    #expect(!hall.hallView(at: nine, boxes: []).jsonString.contains("812"))
  }

  @Test func withoutAQuotaRemoteTicketsStayWithinTheirShareOfTheDaysTickets() throws {
    let hall = makeAppointmentHall()
    _ = try hall.handle(.issueRemote(service: "A", phone: "081100000001"), at: nine)
    expectRefusal(.remoteShareReached) { () throws(QueueError) in
      _ = try hall.handle(.issueRemote(service: "A", phone: "081100000002"), at: nine)
    }
    try hall.issue("A", at: nine)
    _ = try hall.handle(.issueRemote(service: "A", phone: "081100000002"), at: nine)
  }

  @Test func withAQuotaRemoteTicketsStayWithinTheirShareOfIt() throws {
    let hall = makeAppointmentHall()
    _ = try hall.handle(.issueRemote(service: "B", phone: "081100000001"), at: nine)
    _ = try hall.handle(.issueRemote(service: "B", phone: "081100000002"), at: nine)
    expectRefusal(.remoteShareReached) { () throws(QueueError) in
      _ = try hall.handle(.issueRemote(service: "B", phone: "081100000003"), at: nine)
    }
  }

  @Test func remoteTicketsAreRefusedWhereNotOfferedOrWithABadPhone() {
    let hall = makeAppointmentHall()
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.issueRemote(service: "C", phone: "081100000001"), at: nine)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.handle(.issueRemote(service: "A", phone: "555"), at: nine)
    }
    expectRefusal(.serviceClosed) { () throws(QueueError) in
      _ = try hall.handle(
        .issueRemote(service: "A", phone: "081100000001"), at: at("2026-11-30", "16:00:00"))
    }
  }

  @Test func serviceObjectsCarryTheirOffers() throws {
    let hall = makeAppointmentHall()
    let a = try #require(hall.service("A", at: nine))
    #expect(
      a.appointments
        == AppointmentOffer(
          slotS: 900, perSlot: 2, daysAhead: 7, hours: ["mon": "08:00-12:00", "tue": "08:00-09:00"])
    )
    #expect(a.remote == RemoteOffer(share: 0.5, notifyAhead: 3))
    let c = try #require(hall.service("C", at: nine))
    let object = json(c)
    #expect(object["appointments"] is NSNull && object["remote"] is NSNull)
    let offer = try #require(json(a)["appointments"] as? [String: Any])
    #expect(offer["slot_s"] as? Int == 900 && offer["per_slot"] as? Int == 2)
    #expect(offer["days_ahead"] as? Int == 7)
    #expect(offer["hours"] as? [String: String] == ["mon": "08:00-12:00", "tue": "08:00-09:00"])
    #expect(a.jsonString.contains(#""remote":{"share":0.5,"notify_ahead":3}"#))
    #expect(hall.config.notifyWebhook == "https://gateway.example/antre")
    #expect(hall.config.service("B")?.remote?.notifyAhead == 5)
  }

  @Test func aRestoredHallKeepsItsBookingsRemoteCountsAndPhoneAllowances() throws {
    let hall = makeAppointmentHall()
    let b = try hall.book("10:00:00", phone: "081100000001", at: nine)
    try hall.book("10:00:00", phone: "081100000002", at: nine)
    let remote = try #require(
      try hall.handle(.issueRemote(service: "A", phone: "081100000001"), at: nine).ticket)
    var tickets: [TicketRecord] = []
    var bookings: [BookingRecord] = []
    // What storage would hand back: every row in its final state.
    for id in [remote.id] { tickets.append(hall.record(id: id)!) }
    bookings = hall.heldBookings()
    let restored = makeAppointmentHall(
      now: nine,
      state: HallState(
        tickets: tickets, sequences: [DaySequence(day: "2026-11-30", service: "A", lastSeqNo: 1)],
        bookings: bookings))
    #expect(restored.booking(id: b.id) == hall.booking(id: b.id))
    #expect(restored.booking(code: b.code)?.id == b.id)
    #expect(restored.phone(ofTicket: remote.id) == "+6281100000001")
    expectRefusal(.slotFull) { () throws(QueueError) in
      try restored.book("10:00:00", phone: "081100000003", at: nine)
    }
    expectRefusal(.remoteShareReached) { () throws(QueueError) in
      _ = try restored.handle(.issueRemote(service: "A", phone: "081100000004"), at: nine)
    }
    try restored.book("10:15:00", phone: "081100000001", at: nine)
    expectRefusal(.rateLimited) { () throws(QueueError) in
      try restored.book("10:30:00", phone: "081100000001", at: nine)
    }
  }
}
