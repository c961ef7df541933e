import Testing

@testable import Storage

@Test func newDatabaseIsMigratedToTheLatestSchema() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  #expect(try store.schemaVersion() == Migrations.all.count)
}

@Test func reopeningAMigratedDatabaseKeepsItsData() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  do {
    let store = try Store(path: file.path)
    try store.setMeta("admin_token", "secret")
  }
  let reopened = try Store(path: file.path)
  #expect(try reopened.schemaVersion() == Migrations.all.count)
  #expect(try reopened.meta("admin_token") == "secret")
}

@Test func inMemoryDatabaseIsUsable() throws {
  let store = try Store(path: ":memory:")
  try store.setMeta("k", "v")
  #expect(try store.meta("k") == "v")
}

@Test func fileOfANewerSchemaIsRefused() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  do {
    let store = try Store(path: file.path)
    try store.setMeta("k", "v")
  }
  try file.setUserVersion(Migrations.all.count + 1)
  #expect {
    try Store(path: file.path)
  } throws: { error in
    guard case .migrationFailed(let message) = error as? StorageError else { return false }
    return message.contains("newer")
  }
}

@Test func fileThatIsNotADatabaseIsReportedCorrupt() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  try file.write(String(repeating: "not a database ", count: 400))
  #expect {
    try Store(path: file.path)
  } throws: { error in
    guard case .corrupt(let message) = error as? StorageError else { return false }
    return message.contains("not a database")
  }
}

@Test func missingDirectoryIsAnOpenFailure() throws {
  #expect {
    try Store(path: "/nonexistent-antre-directory/antre.sqlite")
  } throws: { error in
    guard case .openFailed(let message) = error as? StorageError else { return false }
    return message.contains("unable to open")
  }
}

@Test func ticketsIssuedBeforeKeysExistedGetOneOnUpgrade() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  do {
    // The schema as it was before ticket keys (version 3), with one ticket in it.
    let old = try Connection(path: file.path)
    for sql in Migrations.all.prefix(3) { try old.execute(sql) }
    try old.execute("PRAGMA user_version = 3")
    try old.execute(
      """
      INSERT INTO tickets (id, day, service, number, seq_no, priority, state, issued_at,
        enqueued_at, calls)
      VALUES ('old', '2026-11-28', 'A', 'A001', 1, 0, 'waiting', 1, 1, 0)
      """)
  }
  let store = try Store(path: file.path)
  let key = try #require(try store.ticket(id: "old")?.key)
  #expect(key.count == 32)
  // A later write without a key keeps the stored one; a new ticket stores its own.
  var row = try #require(try store.ticket(id: "old"))
  row.key = nil
  row.calls = 1
  try store.upsert(row)
  #expect(try store.ticket(id: "old")?.key == key)
  try store.upsert(Fixtures.ticket("new", seqNo: 2))
  var keyed = Fixtures.ticket("keyed", seqNo: 3)
  keyed.key = "abc_-DEF"
  try store.upsert(keyed)
  #expect(try store.ticket(id: "keyed")?.key == "abc_-DEF")
}
