import HallWire
import Testing

@testable import QueueCore

@Suite struct BookingTests {
  let seven = at("2026-11-30", "07:00:00")

  @Test func slotsListTheDaysWholeSlotsWithTheirFreePlaces() throws {
    let hall = makeAppointmentHall()
    let slots = try hall.slots(service: "A", date: "2026-11-30", at: seven)
    #expect(slots.count == 16)
    #expect(slots.first == Slot(start: "2026-11-30T08:00:00+07:00", free: 2))
    #expect(slots.last?.start == "2026-11-30T11:45:00+07:00")
    try hall.book("08:15:00", at: seven)
    let after = try hall.slots(service: "A", date: "2026-11-30", at: seven)
    #expect(after[1] == Slot(start: "2026-11-30T08:15:00+07:00", free: 1))
    // Tuesday has one hour; slots already begun are not offered.
    let tuesday = try hall.slots(
      service: "A", date: "2026-12-01", at: at("2026-12-01", "08:20:00"))
    #expect(tuesday.map(\.start) == ["2026-12-01T08:30:00+07:00", "2026-12-01T08:45:00+07:00"])
    #expect(try hall.slots(service: "A", date: "2026-12-02", at: seven).isEmpty)
    #expect(
      hall.slotStarts(of: "A", on: "2026-12-01") == [
        at("2026-12-01", "08:00:00"), at("2026-12-01", "08:15:00"), at("2026-12-01", "08:30:00"),
        at("2026-12-01", "08:45:00"),
      ])
    #expect(hall.slotStarts(of: "C", on: "2026-12-01").isEmpty)
  }

  @Test func slotsRefuseDaysOutsideTheBookingWindowAndServicesWithoutAppointments() {
    let hall = makeAppointmentHall()
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.slots(service: "A", date: "2026-11-29", at: seven)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.slots(service: "A", date: "2026-12-08", at: seven)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.slots(service: "A", date: "2026-11-31", at: seven)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try hall.slots(service: "C", date: "2026-11-30", at: seven)
    }
    expectRefusal(.unknownService) { () throws(QueueError) in
      _ = try hall.slots(service: "Z", date: "2026-11-30", at: seven)
    }
  }

  @Test func aBookingHasACodeAKeyAndNoPersonalDataOnTheWire() throws {
    let hall = makeAppointmentHall()
    let out = try hall.handle(
      .book(
        service: "A", start: at("2026-11-30", "09:00:00"), name: " Siti ",
        phone: "+62 812-3456-7890"),
      at: seven)
    let (b, key) = try #require(out.booked)
    #expect(b.code == "ABCDE3")
    #expect(b.state == .booked && b.ticket == nil && b.service == "A")
    #expect(b.start == "2026-11-30T09:00:00+07:00")
    #expect(key.hasPrefix("key-"))
    #expect(out.events.isEmpty)
    let stored = try #require(out.changes.bookings.first)
    #expect(stored.name == "Siti" && stored.phone == "+6281234567890" && stored.key == key)
    let text = b.jsonString
    #expect(!text.contains("Siti") && !text.contains("812") && !text.contains(key))
  }

  @Test func aSlotNeverTakesMoreThanItsPlacesAndACancelledPlaceReturns() throws {
    let hall = makeAppointmentHall()
    let first = try hall.book("10:00:00", phone: "081111111111", at: seven)
    try hall.book("10:00:00", phone: "081222222222", at: seven)
    expectRefusal(.slotFull) { () throws(QueueError) in
      try hall.book("10:00:00", phone: "081333333333", at: seven)
    }
    let out = try hall.handle(.cancelBooking(id: first.id), at: seven)
    guard case .booking(let cancelled) = out.reply else { Issue.record("no booking"); return }
    #expect(cancelled.state == .cancelled)
    try hall.book("10:00:00", phone: "081333333333", at: seven)
    // Cancelling again changes nothing.
    #expect(try hall.handle(.cancelBooking(id: first.id), at: seven).changes.isEmpty)
  }

  @Test func badBookingsAreRefusedAndChangeNothing() throws {
    let hall = makeAppointmentHall()
    let cases: [(String, String, String, QueueError.Code)] = [
      ("08:07:00", "Siti", "081234567890", .badRequest),  // not a slot start
      ("12:00:00", "Siti", "081234567890", .badRequest),  // after the hours
      ("09:00:00", "", "081234567890", .badRequest),
      ("09:00:00", "Siti", "0212345678", .badRequest),  // a landline
      ("09:00:00", "Siti", "12345", .badRequest),
      ("09:00:00", "Si\nti", "081234567890", .badRequest),
    ]
    for (clock, name, phone, code) in cases {
      expectRefusal(code) { () throws(QueueError) in
        try hall.book(clock, phone: phone, name: name, at: seven)
      }
    }
    expectRefusal(.badRequest) { () throws(QueueError) in  // already begun
      try hall.book("08:00:00", at: at("2026-11-30", "08:00:00"))
    }
    expectRefusal(.badRequest) { () throws(QueueError) in  // beyond days_ahead
      try hall.book("08:00:00", date: "2026-12-08", at: seven)
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      try hall.book("09:00:00", service: "C", at: seven)
    }
    #expect(hall.heldBookings().isEmpty)
  }

  @Test func aPhoneMakesAtMostThreeBookingsOrRemoteTicketsADay() throws {
    let hall = makeAppointmentHall(now: at("2026-11-30", "08:30:00"))
    let now = at("2026-11-30", "08:30:00")
    try hall.book("09:00:00", phone: "0812-1111-2222", at: now)
    try hall.book("08:00:00", date: "2026-12-01", phone: "62 812 1111 2222", at: now)
    _ = try hall.handle(.issueRemote(service: "A", phone: "+6281211112222"), at: now)
    expectRefusal(.rateLimited) { () throws(QueueError) in
      try hall.book("10:00:00", phone: "081211112222", at: now)
    }
    expectRefusal(.rateLimited) { () throws(QueueError) in
      _ = try hall.handle(.issueRemote(service: "A", phone: "081211112222"), at: now)
    }
    // A new day, a new allowance.
    try hall.book(
      "08:15:00", date: "2026-12-01", phone: "081211112222", at: at("2026-12-01", "07:00:00"))
  }

  @Test func phoneNumbersAreNormalisedFromIndonesianFormats() {
    #expect(PhoneNumber.normalise("0812-3456-7890") == "+6281234567890")
    #expect(PhoneNumber.normalise("+62 812 3456 7890") == "+6281234567890")
    #expect(PhoneNumber.normalise("62 (812) 3456.7890") == "+6281234567890")
    #expect(PhoneNumber.normalise("0812345678") == "+62812345678")
    for bad in [
      "", "0812", "081234567", "021-555-1234", "+1 812 3456 7890", "0812345678901234", "08１2345678",
      "+62",
    ] {
      #expect(PhoneNumber.normalise(bad) == nil, "\(bad)")
    }
  }

  @Test func codesAreTypedForgivinglyButNeverWithLookAlikes() {
    #expect(BookingCode.parse("#k7mq2c") == "K7MQ2C")
    #expect(BookingCode.parse(" K7M-Q2C ") == "K7MQ2C")
    for bad in ["K7MQ2", "K7MQ2CC", "K7MQ0C", "K7MQOC", "K7MQ1C", "K7MQIC", "K7MQ2!"] {
      #expect(BookingCode.parse(bad) == nil, "\(bad)")
    }
    for _ in 0..<100 { #expect(BookingCode.parse(BookingCode.random()) != nil) }
  }
}
