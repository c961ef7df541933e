/// A failure of the durable store. Every message includes SQLite's own `sqlite3_errmsg` text.
///
/// On the wire every case is a server fault: HTTP 500 with error code `internal_error`
/// (see `httpStatus` and `code`). A client cannot fix any of them by changing its request,
/// so none of them is a 4xx; a `constraintViolation` reaching a client means the server
/// checked too little before writing.
public enum StorageError: Error, Equatable, Sendable {
  /// The database file could not be opened or configured (path, permissions, WAL refused).
  case openFailed(String)
  /// A schema migration failed, or the file was written by a newer version of Antre.
  case migrationFailed(String)
  /// A `PRIMARY KEY`, `UNIQUE` or `NOT NULL` constraint refused a write.
  case constraintViolation(String)
  /// Another connection holds the lock longer than the busy timeout.
  case busy(String)
  /// The operating system failed a read, write or sync (disk full, I/O error, read-only).
  case io(String)
  /// The file is not a database or its pages are damaged.
  case corrupt(String)
  /// The file is a database, but not one of Antre's (a restore of the wrong file).
  case notAntre(String)
  /// Any other SQLite failure (an SQL error or a misuse inside Storage itself).
  case failed(String)

  /// The HTTP status every storage failure maps to.
  public var httpStatus: Int { 500 }

  /// The JSON `error.code` every storage failure maps to.
  public var code: String { "internal_error" }

  public var message: String {
    switch self {
    case .openFailed(let text): "cannot open the database: \(text)"
    case .migrationFailed(let text): "database migration failed: \(text)"
    case .constraintViolation(let text): "database constraint violated: \(text)"
    case .busy(let text): "database is busy: \(text)"
    case .io(let text): "database I/O error: \(text)"
    case .corrupt(let text): "database is corrupt: \(text)"
    case .notAntre(let text): "not an Antre database: \(text)"
    case .failed(let text): "database error: \(text)"
    }
  }
}

extension StorageError: CustomStringConvertible {
  public var description: String { message }
}
