import HallWire
import QueueCore
import Testing

@testable import Storage

@Test func ticketWithEveryFieldSetRoundTrips() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let ticket = TicketRecord(
    id: "t-1", day: "2026-11-28", service: "AB", number: "AB012", seqNo: 12, priority: true,
    state: .serving, issuedAt: 1_764_296_102_000, enqueuedAt: 1_764_296_103_000,
    calledAt: 1_764_296_200_000, startedAt: 1_764_296_210_000, finishedAt: 1_764_296_300_000,
    counter: 3, calls: 2, request: "req-ü-1", box: "K1")
  try store.upsert(ticket)
  #expect(try store.ticket(id: "t-1") == ticket)
}

@Test func ticketWithOptionalFieldsEmptyRoundTrips() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let ticket = Fixtures.ticket("t-2")
  try store.upsert(ticket)
  #expect(try store.ticket(id: "t-2") == ticket)
  #expect(try store.ticket(id: "missing") == nil)
}

@Test func upsertingATicketAgainReplacesItsFields() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  var ticket = Fixtures.ticket("t-1", request: "r1")
  try store.upsert(ticket)
  ticket.state = .called
  ticket.calledAt = 1_700_000_100_000
  ticket.counter = 4
  ticket.calls = 1
  ticket.request = nil
  try store.upsert(ticket)
  #expect(try store.ticket(id: "t-1") == ticket)
  #expect(try store.tickets(day: "2026-11-28") == [ticket])
}

@Test func ticketIsFoundByItsRequestOnItsDay() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let ticket = Fixtures.ticket("t-1", request: "r1")
  try store.upsert(ticket)
  #expect(try store.ticket(day: "2026-11-28", request: "r1") == ticket)
  #expect(try store.ticket(day: "2026-11-29", request: "r1") == nil)
}

@Test func counterRoundTripsAndUpsertReplacesIt() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  var counter = CounterRecord(id: 3, state: .paused, reason: "istirahat", ticketID: "t-1", since: 5)
  try store.upsert(counter)
  #expect(try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall.counters == [counter])
  counter = CounterRecord(id: 3, state: .open, since: 9)
  try store.upsert(counter)
  #expect(try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall.counters == [counter])
}

@Test func numberRoundTripsAndNeverGoesBack() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.setNumber(DaySequence(day: "2026-11-28", service: "A", lastSeqNo: 7))
  try store.setNumber(DaySequence(day: "2026-11-28", service: "A", lastSeqNo: 8))
  try store.setNumber(DaySequence(day: "2026-11-28", service: "A", lastSeqNo: 3))
  try store.setNumber(DaySequence(day: "2026-11-28", service: "B", lastSeqNo: 1))
  try store.setNumber(DaySequence(day: "2026-11-27", service: "A", lastSeqNo: 99))
  let numbers = try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall.sequences
  #expect(
    numbers == [
      DaySequence(day: "2026-11-28", service: "A", lastSeqNo: 8),
      DaySequence(day: "2026-11-28", service: "B", lastSeqNo: 1),
    ])
}

@Test func eventsRoundTripInSeqOrder() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let events =
    (1...5).map { Fixtures.event(Int64($0)) } + [Fixtures.event(6, type: "print", box: "K1")]
  for event in events.reversed() { try store.append(event) }
  #expect(try store.events(after: 0, limit: 100) == events)
  #expect(try store.events(after: 2, limit: 2) == Array(events[2...3]))
  #expect(try store.events(after: 6, limit: 10) == [])
}

@Test func appendingAnEventWithAStoredSeqIsAConstraintViolation() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.append(Fixtures.event(1))
  #expect {
    try store.append(Fixtures.event(1, type: "called"))
  } throws: { error in
    guard case .constraintViolation = error as? StorageError else { return false }
    return true
  }
}

@Test func printJobRoundTripsAndMarkingItPrintedTakesItOffTheUnprintedList() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let first = PrintJob(job: "J1", box: "K1", ticketID: "t-1", createdAt: 10)
  let second = PrintJob(job: "J2", box: "K2", ticketID: "t-2", createdAt: 20)
  try store.insert(first)
  try store.insert(second)
  #expect(
    try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall.pendingPrintJobs == [
      first, second,
    ])
  try store.markPrinted(job: "J1", at: 30)
  try store.markPrinted(job: "J1", at: 40)
  try store.markPrinted(job: "unknown", at: 40)
  #expect(
    try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall.pendingPrintJobs == [second])
}

@Test func metaRoundTripsAndSettingAgainReplaces() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  #expect(try store.meta("kiosk_token") == nil)
  try store.setMeta("kiosk_token", "a")
  try store.setMeta("kiosk_token", "b")
  try store.setMeta("admin_token", "")
  #expect(try store.meta("kiosk_token") == "b")
  #expect(try store.meta("admin_token") == "")
  #expect(try store.allMeta() == ["kiosk_token": "b", "admin_token": ""])
}

@Test func secondTicketWithTheSameRequestOnTheSameDayIsRefused() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.upsert(Fixtures.ticket("t-1", request: "r1"))
  try store.upsert(Fixtures.ticket("t-2", day: "2026-11-29", request: "r1"))
  try store.upsert(Fixtures.ticket("t-3", seqNo: 3, request: nil))
  try store.upsert(Fixtures.ticket("t-4", seqNo: 4, request: nil))
  #expect {
    try store.upsert(Fixtures.ticket("t-5", seqNo: 5, request: "r1"))
  } throws: { error in
    guard case .constraintViolation(let message) = error as? StorageError else { return false }
    return message.contains("UNIQUE")
  }
  #expect(try store.ticket(id: "t-5") == nil)
}
