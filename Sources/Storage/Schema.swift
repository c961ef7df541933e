/// What makes a file an Antre database, and which schema it is at.
enum Schema {
  /// Tables every version of the schema has; a file without them is not Antre's.
  static let requiredTables = ["tickets", "counters", "numbers", "events", "meta"]

  /// `PRAGMA user_version`: the number of migrations the file has run.
  static func version(of connection: Connection) throws(StorageError) -> Int {
    try connection.prepare("PRAGMA user_version").rows { $0.int(0) }.first ?? 0
  }

  /// A file from a newer Antre has tables and meanings this program does not know; writing
  /// to it could lose them, so it is left exactly as it is.
  static func refuseNewer(_ version: Int, known: Int) throws(StorageError) {
    guard version > known else { return }
    throw .migrationFailed(
      "the file was written by a newer version of Antre (schema version \(version); this "
        + "program knows versions up to \(known)). It was not changed: install the newer "
        + "Antre again, or restore a backup made by this version.")
  }

  /// Refuses a file that is not Antre's or is newer than `known`, and with `integrity` one
  /// that is damaged (`integrity_check` reads every page); returns its schema version.
  /// Reads only.
  static func check(
    _ connection: Connection, path: String, known: Int = Migrations.all.count,
    integrity: Bool = true
  ) throws(StorageError) -> Int {
    let version: Int
    do {
      version = try Self.version(of: connection)
    } catch {
      if case .corrupt(let message) = error { throw .corrupt("\(path): \(message)") }
      throw error
    }
    let tables: Set<String>
    do {
      tables = Set(
        try connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").rows {
          $0.text(0)
        })
    } catch {
      // Damage can show first in the schema itself: the path still says which file.
      if case .corrupt(let message) = error { throw .corrupt("\(path): \(message)") }
      throw error
    }
    let missing = requiredTables.filter { !tables.contains($0) }
    guard version >= 1, missing.isEmpty else {
      throw .notAntre(
        "\(path) is an SQLite file but not an Antre database "
          + (missing.isEmpty
            ? "(schema version 0)" : "(no table \(missing.joined(separator: ", ")))"))
    }
    try refuseNewer(version, known: known)
    if integrity { try integrityCheck(connection, path: path) }
    return version
  }

  /// `PRAGMA integrity_check`: every page and index read and cross-checked.
  static func integrityCheck(_ connection: Connection, path: String) throws(StorageError) {
    let report = try connection.prepare("PRAGMA integrity_check(20)").rows { $0.text(0) }
    guard report == ["ok"] else {
      throw .corrupt("\(path): integrity_check: \(report.joined(separator: "; "))")
    }
  }
}
