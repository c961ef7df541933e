import HallWire
import QueueCore
import Testing

@testable import Storage

@Suite struct ServiceDayTests {
  @Test func recoveryAfterTheClockWentBackLoadsTheLaterServiceDay() throws {
    let store = try Store(path: ":memory:")
    try store.upsert(Fixtures.ticket("d1-a1", day: "2026-12-01", seqNo: 1, state: .done))
    try store.upsert(Fixtures.ticket("d2-a1", day: "2026-12-02", seqNo: 1, state: .done))
    try store.upsert(Fixtures.ticket("d2-a2", day: "2026-12-02", seqNo: 2))
    try store.setNumber(DaySequence(day: "2026-12-01", service: "A", lastSeqNo: 1))
    try store.setNumber(DaySequence(day: "2026-12-02", service: "A", lastSeqNo: 2))

    // The server restarts with its clock on Dec 1, 23:59:50.
    let recovery = try store.loadHall(day: "2026-12-01", recentEventLimit: 0).hall
    #expect(recovery.serviceDay == "2026-12-02")
    #expect(Set(recovery.tickets.map(\.id)) == ["d2-a1", "d2-a2"])
    #expect(recovery.sequences == [DaySequence(day: "2026-12-02", service: "A", lastSeqNo: 2)])
  }

  @Test func recordedServiceDayNeverGoesBack() throws {
    let store = try Store(path: ":memory:")
    try store.recordServiceDay("2026-12-03")
    try store.recordServiceDay("2026-12-01")
    #expect(try store.latestServiceDay() == "2026-12-03")
    let recovery = try store.loadHall(day: "2026-12-02", recentEventLimit: 0).hall
    #expect(recovery.serviceDay == "2026-12-03")
    // A clock ahead of every stored day loads its own day.
    #expect(
      try store.loadHall(day: "2026-12-09", recentEventLimit: 0).hall.serviceDay == "2026-12-09")
  }

  @Test func aSecondTicketWithTheSameDayAndNumberIsRefused() throws {
    let store = try Store(path: ":memory:")
    try store.upsert(Fixtures.ticket("first", day: "2026-12-02", seqNo: 1))
    #expect(throws: StorageError.self) {
      try store.upsert(Fixtures.ticket("second", day: "2026-12-02", seqNo: 1))
    }
    // The same ticket updated, and the same number on another day, are fine.
    try store.upsert(Fixtures.ticket("first", day: "2026-12-02", seqNo: 1, state: .called))
    try store.upsert(Fixtures.ticket("next-day", day: "2026-12-03", seqNo: 1))
    #expect(try store.ticket(id: "second") == nil)
  }

  @Test func migratingADatabaseThatAlreadyRepeatedANumberSucceeds() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    do {
      let old = try Connection(path: file.path)
      try old.execute(Migrations.all[0])
      try old.execute("PRAGMA user_version = 1")
      for id in ["x", "y"] {
        try old.execute(
          """
          INSERT INTO tickets (id, day, service, number, seq_no, priority, state, issued_at,
            enqueued_at, called_at, counter, calls)
          VALUES ('\(id)', '2026-12-02', 'A', 'A001', 1, 0, 'done', 1, 1, 5, 2, 1)
          """)
      }
    }
    let store = try Store(path: file.path)
    #expect(try store.schemaVersion() == Migrations.all.count)
    let x = try store.ticket(id: "x")
    #expect(x?.announced?.at == 5)
    #expect(x?.announced?.counter == 2)
  }

  @Test func legsAndAnnouncementRoundTrip() throws {
    let store = try Store(path: ":memory:")
    var ticket = Fixtures.ticket("t", day: "2026-12-02", service: "B", seqNo: 4)
    ticket.firstCalledAt = 100
    ticket.announced = Announcement(at: 200, counter: 3, seq: 17)
    ticket.legs = [
      Leg(
        service: "A", counter: 1, enqueuedAt: 10, firstCalledAt: 20, calledAt: 30, startedAt: 40,
        transferredAt: 50),
      Leg(
        service: "C", counter: 5, enqueuedAt: 50, firstCalledAt: 60, calledAt: 60,
        transferredAt: 70),
    ]
    try store.upsert(ticket)
    ticket.state = .done
    try store.upsert(ticket)
    #expect(try store.ticket(id: "t") == ticket)
    #expect(try store.tickets(day: "2026-12-02") == [ticket])
    #expect(try store.loadHall(day: "2026-12-02", recentEventLimit: 0).hall.tickets == [ticket])
  }
}
