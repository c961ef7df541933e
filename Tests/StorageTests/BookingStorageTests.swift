import Foundation
import HallWire
import QueueCore
import Testing

@testable import Storage

@Suite struct BookingStorageTests {
  func booking(
    _ id: String, day: String, state: BookingState = .booked, start: Int64 = 1_000
  ) -> BookingRecord {
    BookingRecord(
      id: id, code: "K7MQ2C", key: "key-\(id)", service: "A", day: day, start: start,
      name: "Siti", phone: "+6281234567890", state: state, ticketID: nil, createdAt: 10,
      changedAt: 10)
  }

  @Test func aVersionFourDatabaseUpgradesWithItsTicketsIntact() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    do {
      let old = try Connection(path: file.path)
      for sql in Migrations.all.prefix(4) { try old.execute(sql) }
      try old.execute("PRAGMA user_version = 4")
      try old.execute(
        """
        INSERT INTO tickets (id, day, service, number, seq_no, priority, state, issued_at,
          enqueued_at, calls, key)
        VALUES ('old', '2026-11-28', 'A', 'A001', 1, 0, 'waiting', 1, 1, 0, 'k')
        """)
    }
    let store = try Store(path: file.path)
    #expect(try store.schemaVersion() == Migrations.all.count)
    let old = try #require(try store.ticket(id: "old"))
    #expect(old.remote == false && old.phone == nil && old.appointment == nil)
    #expect(old.booking == nil && old.key == "k")
    try store.upsert(booking("b1", day: "2026-11-28"))
    #expect(try store.booking(id: "b1") == booking("b1", day: "2026-11-28"))
  }

  @Test func appointmentAndRemoteTicketsRoundTrip() throws {
    let store = try Store(path: ":memory:")
    var appointment = Fixtures.ticket("appt", seqNo: 1)
    appointment.appointment = 1_764_036_000_000
    appointment.booking = "b1"
    var remote = Fixtures.ticket("remote", seqNo: 2)
    remote.remote = true
    remote.phone = "+6281234567890"
    try store.upsert(appointment)
    try store.upsert(remote)
    #expect(try store.ticket(id: "appt") == appointment)
    #expect(try store.ticket(id: "remote") == remote)
    try store.upsert(booking("b1", day: "2026-11-28"))
    #expect(try store.phone(ofTicket: "remote") == "+6281234567890")
    #expect(try store.phone(ofTicket: "appt") == "+6281234567890")
    try store.upsert(Fixtures.ticket("walk-in", seqNo: 3))
    #expect(try store.phone(ofTicket: "walk-in") == nil)
    #expect(try store.phone(ofTicket: "nope") == nil)
  }

  @Test func recoveryHoldsTodaysAndLaterBookingsAndEarlierOnesStillBooked() throws {
    let store = try Store(path: ":memory:")
    try store.upsert(booking("past-missed", day: "2026-11-27", state: .missed, start: 1))
    try store.upsert(booking("past-booked", day: "2026-11-27", start: 2))
    try store.upsert(booking("today", day: "2026-11-28", state: .checkedIn, start: 3))
    try store.upsert(booking("later", day: "2026-12-05", start: 4))
    var cancelled = booking("later", day: "2026-12-05", state: .cancelled, start: 4)
    cancelled.changedAt = 20
    try store.upsert(cancelled)
    let recovery = try store.loadHall(day: "2026-11-28", recentEventLimit: 10).hall
    #expect(recovery.bookings.map(\.id) == ["past-booked", "today", "later"])
    #expect(recovery.bookings.last == cancelled)
  }

  @Test func bookingCountsGroupTheirEndsByDayAndService() throws {
    let store = try Store(path: ":memory:")
    try store.upsert(booking("1", day: "2026-11-28", state: .missed))
    try store.upsert(booking("2", day: "2026-11-28", state: .missed))
    try store.upsert(booking("3", day: "2026-11-28", state: .checkedIn))
    try store.upsert(booking("4", day: "2026-11-29", state: .cancelled))
    try store.upsert(booking("5", day: "2026-12-30", state: .missed))
    #expect(
      try store.bookingCounts(from: "2026-11-28", to: "2026-11-29") == [
        ReportBookings(
          day: "2026-11-28", service: "A", booked: 3, checkedIn: 1, cancelled: 0, missed: 2),
        ReportBookings(
          day: "2026-11-29", service: "A", booked: 1, checkedIn: 0, cancelled: 1, missed: 0),
      ])
  }
}
