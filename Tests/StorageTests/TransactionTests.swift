import HallWire
import QueueCore
import Testing

@testable import Storage

@Test func rollbackLeavesNothingOfTheTransaction() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  #expect(store.inTransaction)
  try store.upsert(Fixtures.ticket("t-1"))
  try store.append(Fixtures.event(1))
  try store.setNumber(DaySequence(day: "2026-11-28", service: "A", lastSeqNo: 1))
  try store.upsert(CounterRecord(id: 1, state: .open, since: 0))
  try store.insert(PrintJob(job: "J1", box: "K1", ticketID: "t-1", createdAt: 0))
  try store.setMeta("k", "v")
  store.rollback()
  #expect(!store.inTransaction)
  let reopened = try Store(path: file.path)
  let recovery = try reopened.loadHall(day: "2026-11-28", recentEventLimit: 10)
  #expect(recovery.hall == HallState(serviceDay: "2026-11-28"))
  #expect(recovery.recentEvents.isEmpty)
  #expect(try reopened.allMeta().isEmpty)
}

@Test func committedTransactionIsSeenByAnotherConnection() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  try store.upsert(Fixtures.ticket("t-1"))
  try store.append(Fixtures.event(1))
  let reader = try Store(path: file.path)
  #expect(try reader.ticket(id: "t-1") == nil)
  try store.commit()
  #expect(!store.inTransaction)
  #expect(try reader.ticket(id: "t-1") == Fixtures.ticket("t-1"))
  #expect(try reader.events(after: 0, limit: 10) == [Fixtures.event(1)])
}

@Test func beginTwiceJoinsTheOpenTransaction() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  try store.upsert(Fixtures.ticket("t-1"))
  try store.begin()
  try store.upsert(Fixtures.ticket("t-2", seqNo: 2))
  store.rollback()
  #expect(try store.ticket(id: "t-1") == nil)
  #expect(try store.ticket(id: "t-2") == nil)
}

@Test func commitAndRollbackWithoutATransactionDoNothing() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.commit()
  store.rollback()
  try store.upsert(Fixtures.ticket("t-1"))
  #expect(try store.ticket(id: "t-1") != nil)
}

@Test func failedWriteInsideATransactionKeepsTheEarlierWrites() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  try store.append(Fixtures.event(1))
  #expect(throws: StorageError.self) { try store.append(Fixtures.event(1)) }
  #expect(store.inTransaction)
  try store.commit()
  #expect(try store.events(after: 0, limit: 10) == [Fixtures.event(1)])
}

@Test func writesAfterSQLiteAbandonedTheTransactionFailUntilRollback() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  try store.upsert(Fixtures.ticket("t-1"))
  // What SQLite does by itself after a disk-full or I/O error inside a transaction.
  try store.connection.execute("ROLLBACK")
  #expect(throws: StorageError.self) { try store.append(Fixtures.event(1)) }
  #expect(throws: StorageError.self) { try store.commit() }
  store.rollback()
  #expect(!store.inTransaction)
  #expect(try store.events(after: 0, limit: 10) == [])
  try store.begin()
  try store.append(Fixtures.event(1))
  try store.commit()
  #expect(try store.events(after: 0, limit: 10) == [Fixtures.event(1)])
}
