import Foundation
import HallWire
import Testing

@testable import Storage

/// `Tests/Fixtures/v1-hall.sqlite`: written by the `antre` of the first release (schema
/// version 1) serving the demo hall; see `Tests/Fixtures/make-v1-hall.sh`.
private let versionOneFixture = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Fixtures/v1-hall.sqlite").path

/// A copy of the fixture to open: opening it changes it (WAL, migrations).
private func versionOneCopy(in file: TemporaryDatabase) throws -> String {
  try? FileManager.default.removeItem(atPath: file.path)
  try FileManager.default.copyItem(atPath: versionOneFixture, toPath: file.path)
  return file.path
}

/// Checks everything the old program stored, as it stored it.
private func expectVersionOneHall(_ store: Store) throws {
  let tickets = try store.tickets(day: "2026-12-01")
  #expect(tickets.count == 18)
  var states: [String: Int] = [:]
  for t in tickets { states[t.state.rawValue, default: 0] += 1 }
  #expect(states == ["waiting": 14, "called": 1, "serving": 1, "done": 1, "noshow": 1])
  #expect(tickets.filter { $0.service == "A" }.map(\.number).sorted().first == "A001")
  #expect(tickets.filter { $0.service == "B" }.count == 6)
  #expect(tickets.contains { $0.number == "A004" && $0.calls == 2 && $0.counter == 2 })
  #expect(try store.ticket(day: "2026-12-01", request: "fixture-a-7")?.number == "A007")
  let recovery = try store.loadHall(day: "2026-12-01", recentEventLimit: 100).hall
  #expect(recovery.counters.count == 2)
  #expect(
    recovery.counters.contains { $0.id == 2 && $0.state == .paused && $0.reason == "istirahat" })
  #expect(recovery.sequences.map(\.lastSeqNo).sorted() == [6, 12])
  #expect(recovery.lastSeq == 26)
  let events = try store.events(after: 0, limit: 100)
  #expect(events.map(\.seq) == Array(1...26))
  #expect(events.filter { $0.type == "issued" }.count == 18)
  #expect(try store.allMeta().keys.filter { $0.hasPrefix("token.") }.count == 7)
}

@Test func versionOneDatabaseOpensWithEveryTicketCounterAndEventIntact() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: try versionOneCopy(in: file))
  #expect(try store.schemaVersion() == Migrations.all.count)
  try expectVersionOneHall(store)
}

@Test func theFixtureIsAVersionOneAntreDatabase() throws {
  #expect(try DatabaseFile.verify(path: versionOneFixture) == 1)
}

/// A later release's migration, to exercise the upgrade path before one exists.
private let nextMigration = """
  CREATE TABLE upgrade_marker (n INTEGER NOT NULL);
  INSERT INTO upgrade_marker VALUES (1);
  ALTER TABLE tickets ADD COLUMN note TEXT;
  """

@Test func aLaterMigrationRunsOnceAndKeepsTheVersionOneData() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let path = try versionOneCopy(in: file)
  let migrations = Migrations.all + [nextMigration]
  for _ in 0..<3 {
    let store = try Store(path: path, migrations: migrations)
    #expect(try store.schemaVersion() == migrations.count)
    try expectVersionOneHall(store)
  }
  let check = try Connection(path: path)
  #expect(try check.prepare("SELECT count(*) FROM upgrade_marker").rows { $0.int(0) } == [1])
}

@Test func aNewerDatabaseIsRefusedByAnOlderProgramWithAClearMessageAndLeftUnchanged() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let path = try versionOneCopy(in: file)
  do {
    let store = try Store(path: path, migrations: Migrations.all + [nextMigration])
    try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }
  let before = FileManager.default.contents(atPath: path)
  #expect {
    try Store(path: path)
  } throws: { error in
    guard case .migrationFailed(let message) = error as? StorageError else { return false }
    return message.contains("newer version of Antre")
      && message.contains("schema version \(Migrations.all.count + 1)")
      && message.contains("It was not changed")
  }
  #expect(FileManager.default.contents(atPath: path) == before)
  #expect {
    try DatabaseFile.verify(path: path)
  } throws: { error in
    guard case .migrationFailed(let message) = error as? StorageError else { return false }
    return message.contains("newer version of Antre")
  }
}

@Test func aVersionOneBackupRestoresAndIsMigratedOnTheNextStart() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  try DatabaseFile.restore(backupPath: versionOneFixture, into: file.path)
  let store = try Store(path: file.path)
  try expectVersionOneHall(store)
}
