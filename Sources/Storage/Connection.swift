import CSQLite

/// One SQLite connection. Internal: the rest of Antre sees only `Store`.
final class Connection {
  let handle: OpaquePointer

  /// How a connection opens its file.
  enum Mode {
    /// Read and write, creating the file if it is missing (the store, a backup's copy).
    case create
    /// Read and write an existing file only (a restore's target).
    case existing
    /// Read only: checking or copying a file never changes it.
    case readOnly
  }

  /// Opens the file at `path` with `sqlite3_open_v2`.
  init(path: String, mode: Mode = .create) throws(StorageError) {
    var handle: OpaquePointer?
    // NOMUTEX: the owner is one thread (the event loop), so SQLite's own locking is waste.
    let access =
      switch mode {
      case .create: SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
      case .existing: SQLITE_OPEN_READWRITE
      case .readOnly: SQLITE_OPEN_READONLY
      }
    let flags = access | SQLITE_OPEN_NOMUTEX
    let code = sqlite3_open_v2(path, &handle, flags, nil)
    guard let handle else {
      throw .openFailed("\(path): out of memory (code \(code))")
    }
    guard code == SQLITE_OK else {
      let message = String(cString: sqlite3_errmsg(handle))
      sqlite3_close_v2(handle)
      throw .openFailed("\(path): \(message)")
    }
    self.handle = handle
    sqlite3_extended_result_codes(handle, 1)
  }

  deinit {
    // close_v2 waits for statements still alive elsewhere instead of failing.
    sqlite3_close_v2(handle)
  }

  /// The text of the latest failure on this connection (`sqlite3_errmsg`).
  var errorMessage: String { String(cString: sqlite3_errmsg(handle)) }

  /// Whether no transaction is open (`sqlite3_get_autocommit`).
  var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

  /// Sets how long a write waits for another connection's lock (`sqlite3_busy_timeout`).
  func setBusyTimeout(milliseconds: Int) {
    sqlite3_busy_timeout(handle, Int32(clamping: milliseconds))
  }

  /// Runs one or more SQL statements without parameters or results (`sqlite3_exec`).
  /// Only for fixed SQL written in this module (pragmas, migrations, transaction control).
  func execute(_ sql: String) throws(StorageError) {
    var errorText: UnsafeMutablePointer<CChar>?
    let code = sqlite3_exec(handle, sql, nil, nil, &errorText)
    guard code == SQLITE_OK else {
      let message = errorText.map { String(cString: $0) } ?? errorMessage
      sqlite3_free(errorText)
      throw StorageError(code: code, message: message)
    }
  }

  /// Compiles one SQL statement (`sqlite3_prepare_v3`), kept for reuse.
  func prepare(_ sql: String) throws(StorageError) -> Statement {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v3(
      handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
    guard code == SQLITE_OK, let statement else {
      throw StorageError(code: code, message: "\(errorMessage) in: \(sql)")
    }
    return Statement(handle: statement, connection: self)
  }
}

extension StorageError {
  /// Classifies an SQLite result code (primary or extended).
  init(code: Int32, message: String) {
    switch code & 0xFF {
    case SQLITE_CONSTRAINT: self = .constraintViolation(message)
    case SQLITE_BUSY, SQLITE_LOCKED: self = .busy(message)
    case SQLITE_IOERR, SQLITE_FULL, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PROTOCOL,
      SQLITE_NOLFS, SQLITE_PERM:
      self = .io(message)
    case SQLITE_CORRUPT, SQLITE_NOTADB: self = .corrupt(message)
    default: self = .failed(message)
    }
  }
}
