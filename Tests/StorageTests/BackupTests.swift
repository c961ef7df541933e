import Foundation
import Testing

@testable import Storage

/// A store with `tickets` tickets of one day and an event each.
private func filledStore(at path: String, tickets: Int) throws -> Store {
  let store = try Store(path: path)
  try store.begin()
  for n in 1...tickets {
    try store.upsert(Fixtures.ticket("t\(n)", seqNo: n))
    try store.append(Fixtures.event(Int64(n)))
  }
  try store.setMeta("token.admin", "secret")
  try store.commit()
  return store
}

private func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

@Test func backupOfTheStoresOwnDatabaseIncludesWritesMadeBetweenSteps() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try filledStore(at: file.path, tickets: 2000)
  let copy = file.directory.appendingPathComponent("copy.sqlite").path
  let backup = try Backup(of: store, to: copy)
  var steps = 0
  var extra = 0
  while try !backup.step(pages: 8) {
    steps += 1
    if steps % 5 == 0 {
      extra += 1
      try store.begin()
      try store.upsert(Fixtures.ticket("late\(extra)", seqNo: 10_000 + extra))
      try store.commit()
    }
  }
  try backup.finish()
  #expect(steps > 5)
  #expect(!FileManager.default.fileExists(atPath: copy + ".partial"))
  #expect(try DatabaseFile.verify(path: copy) == Migrations.all.count)
  let restored = try Store(path: copy)
  #expect(try restored.tickets(day: "2026-11-28").count == 2000 + extra)
  #expect(try restored.meta("token.admin") == "secret")
}

@Test func backupFromAnotherConnectionIsTheSnapshotAtItsStartAndNeverBlocksWrites() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try filledStore(at: file.path, tickets: 2000)
  let copy = file.directory.appendingPathComponent("copy.sqlite").path
  let backup = try Backup(databaseAt: file.path, to: copy)
  var written = 0
  while try !backup.step(pages: 8) {
    written += 1
    // A write lock must be available at once: the backup only reads a snapshot.
    try store.begin()
    try store.upsert(Fixtures.ticket("during\(written)", seqNo: 20_000 + written))
    try store.commit()
  }
  try backup.finish()
  #expect(written > 5)
  let copied = try Store(path: copy)
  #expect(try copied.tickets(day: "2026-11-28").count == 2000)
  #expect(try store.tickets(day: "2026-11-28").count == 2000 + written)
}

@Test(.enabled(if: ScratchMount.available, "needs root to mount a tmpfs"))
func backupToAFullPlaceFailsLoudlyAndKeepsTheEarlierBackupAndTheLiveDatabase() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try filledStore(at: file.path, tickets: 6000)
  let pages = try store.connection.prepare("PRAGMA page_count").rows { $0.int(0) }.first ?? 0
  let size = pages * 4096
  let live = (bytes(file.path), bytes(file.path + "-wal"))
  // Room for one copy, not two.
  let place = try ScratchMount(kilobytes: size * 3 / 2 / 1024)
  defer { place.unmount() }
  let first = place.path + "/antre-1.sqlite"
  try Backup(of: store, to: first).run()
  let firstBytes = bytes(first)
  #expect {
    try Backup(of: store, to: place.path + "/antre-2.sqlite").run()
  } throws: { error in
    guard case .io(let message) = error as? StorageError else { return false }
    return message.contains("antre-2.sqlite") && message.contains("full")
  }
  #expect(try FileManager.default.contentsOfDirectory(atPath: place.path) == ["antre-1.sqlite"])
  #expect(bytes(first) == firstBytes)
  #expect(try DatabaseFile.verify(path: first) == Migrations.all.count)
  #expect(bytes(file.path) == live.0 && bytes(file.path + "-wal") == live.1)
  #expect(try store.tickets(day: "2026-11-28").count == 6000)
}

@Test(.enabled(if: ScratchMount.available, "needs root to mount a tmpfs"))
func backupToAReadOnlyPlaceFailsLoudlyAndKeepsTheEarlierBackup() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try filledStore(at: file.path, tickets: 200)
  let place = try ScratchMount(kilobytes: 4096)
  defer { place.unmount() }
  let earlier = place.path + "/antre-1.sqlite"
  try Backup(of: store, to: earlier).run()
  try place.remountReadOnly()
  #expect {
    try Backup(of: store, to: place.path + "/antre-2.sqlite").run()
  } throws: { error in
    guard let error = error as? StorageError else { return false }
    return error.message.contains("antre-2.sqlite")
      && error.message.contains("Read-only file system")
  }
  #expect(try DatabaseFile.verify(path: earlier) == Migrations.all.count)
  #expect(try store.tickets(day: "2026-11-28").count == 200)
}

@Test func verifyRefusesAnSQLiteFileThatIsNotAntres() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  try Connection(path: file.path).execute("CREATE TABLE photos (name TEXT)")
  #expect {
    try DatabaseFile.verify(path: file.path)
  } throws: { error in
    guard case .notAntre(let message) = error as? StorageError else { return false }
    return message.contains("tickets")
  }
}

@Test func verifyRefusesAFileThatIsNotADatabase() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  try file.write(String(repeating: "hello ", count: 1000))
  #expect {
    try DatabaseFile.verify(path: file.path)
  } throws: { error in
    guard case .corrupt = error as? StorageError else { return false }
    return true
  }
}

@Test func verifyRefusesADamagedAntreDatabase() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  do {
    let store = try filledStore(at: file.path, tickets: 3000)
    try store.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }
  // Scribble over a page in the middle of the tickets table, as a failing disk would.
  let handle = try FileHandle(forUpdating: URL(fileURLWithPath: file.path))
  try handle.seek(toOffset: 4096 * 20 + 100)
  handle.write(Data(repeating: 0xA5, count: 2000))
  try handle.close()
  #expect {
    try DatabaseFile.verify(path: file.path)
  } throws: { error in
    guard case .corrupt(let message) = error as? StorageError else { return false }
    return message.contains(file.path)
  }
}

@Test func restorePutsTheBackupBackAndKeepsThePreviousDatabase() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let copy = file.directory.appendingPathComponent("copy.sqlite").path
  do {
    let store = try filledStore(at: file.path, tickets: 100)
    try Backup(of: store, to: copy).run()
    try store.begin()
    try store.upsert(Fixtures.ticket("after-backup", seqNo: 500))
    try store.commit()
  }
  try DatabaseFile.restore(backupPath: copy, into: file.path)
  let restored = try Store(path: file.path)
  #expect(try restored.tickets(day: "2026-11-28").count == 100)
  #expect(try restored.ticket(id: "after-backup") == nil)
  let kept = try Store(path: file.path + ".before-restore")
  #expect(try kept.ticket(id: "after-backup") != nil)
}

@Test func restoreIsRefusedWhileAServerHoldsTheDatabase() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let copy = file.directory.appendingPathComponent("copy.sqlite").path
  let store = try filledStore(at: file.path, tickets: 10)
  try Backup(of: store, to: copy).run()
  let lock = try DatabaseLock(databasePath: file.path)
  #expect {
    try DatabaseFile.restore(backupPath: copy, into: file.path)
  } throws: { error in
    guard case .busy(let message) = error as? StorageError else { return false }
    return message.contains("pid \(getpid())")
  }
  withExtendedLifetime(lock) {}
  #expect(!FileManager.default.fileExists(atPath: file.path + ".before-restore"))
}

@Test func restoreOfANonAntreFileChangesNothing() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let stranger = file.directory.appendingPathComponent("photos.sqlite").path
  try Connection(path: stranger).execute("CREATE TABLE photos (name TEXT)")
  let store = try filledStore(at: file.path, tickets: 10)
  #expect(throws: StorageError.self) {
    try DatabaseFile.restore(backupPath: stranger, into: file.path)
  }
  #expect(try store.tickets(day: "2026-11-28").count == 10)
  #expect(!FileManager.default.fileExists(atPath: file.path + ".before-restore"))
}
