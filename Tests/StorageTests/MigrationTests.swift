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
