import CSQLite

/// A prepared statement, reused across executions. Values go in only through `bind`,
/// never by splicing them into SQL text. Parameter and column indexes are as in SQLite:
/// parameters count from 1, columns from 0.
final class Statement {
  private let handle: OpaquePointer
  // Keeps the connection open while this statement lives.
  private let connection: Connection

  init(handle: OpaquePointer, connection: Connection) {
    self.handle = handle
    self.connection = connection
  }

  deinit {
    sqlite3_finalize(handle)
  }

  /// For readers of columns in other files (`withColumnBytes`).
  var handleForColumns: OpaquePointer { handle }

  /// Binds `values` to the parameters `?1`, `?2`, … in order; nil binds NULL.
  func bind<each V: SQLParameter>(_ values: repeat each V) {
    var index: Int32 = 0
    for value in repeat each values {
      index += 1
      value.bind(to: self, at: index)
    }
  }

  /// Binds `values` and runs the statement (see `run()`).
  func run<each V: SQLParameter>(_ values: repeat each V) throws(StorageError) {
    bind(repeat each values)
    try run()
  }

  fileprivate func bindNull(_ index: Int32) {
    sqlite3_bind_null(handle, index)
  }

  /// `sqlite3_bind_text`, copied by SQLite.
  fileprivate func bindText(_ index: Int32, _ text: String) {
    // The explicit length keeps text after an embedded NUL, which a C string would cut.
    let length = Int32(clamping: text.utf8.count)
    text.withCString { chars in
      _ = antre_sqlite3_bind_text_transient(handle, index, chars, length)
    }
  }

  fileprivate func bindInt64(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  /// Advances the statement (`sqlite3_step`): true while a row is available, false when done.
  /// On failure the statement is reset so the connection holds no half-run statement.
  func step() throws(StorageError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      let message = connection.errorMessage
      reset()
      throw StorageError(code: code, message: message)
    }
  }

  /// Runs a statement that returns no rows, then makes it ready for the next use.
  func run() throws(StorageError) {
    defer { reset() }
    _ = try step()
  }

  /// Steps through every row, mapping each, then makes the statement ready for the next use.
  func rows<Row>(_ makeRow: (Statement) -> Row) throws(StorageError) -> [Row] {
    defer { reset() }
    var rows: [Row] = []
    while try step() {
      rows.append(makeRow(self))
    }
    return rows
  }

  /// Rewinds the statement and clears its parameters (`sqlite3_reset`, `sqlite3_clear_bindings`),
  /// so it holds no read lock between uses.
  func reset() {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
  }

  /// Column `index` as text (`sqlite3_column_text`), nil when NULL.
  func optionalText(_ index: Int32) -> String? {
    guard let text = sqlite3_column_text(handle, index) else { return nil }
    let count = Int(sqlite3_column_bytes(handle, index))
    return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
  }

  func text(_ index: Int32) -> String {
    optionalText(index) ?? ""
  }

  /// Column `index` as an integer (`sqlite3_column_int64`), nil when NULL.
  func optionalInt64(_ index: Int32) -> Int64? {
    guard sqlite3_column_type(handle, index) != SQLITE_NULL else { return nil }
    return sqlite3_column_int64(handle, index)
  }

  func int64(_ index: Int32) -> Int64 {
    sqlite3_column_int64(handle, index)
  }

  func optionalInt(_ index: Int32) -> Int? {
    optionalInt64(index).map { Int($0) }
  }

  func int(_ index: Int32) -> Int {
    Int(sqlite3_column_int64(handle, index))
  }

  func bool(_ index: Int32) -> Bool {
    sqlite3_column_int64(handle, index) != 0
  }
}

/// A value a statement's parameter takes: text, an integer or a flag (stored as 0 or 1), or
/// NULL for nil.
protocol SQLParameter {
  func bind(to statement: Statement, at index: Int32)
}

extension String: SQLParameter {
  func bind(to statement: Statement, at index: Int32) { statement.bindText(index, self) }
}

extension Int64: SQLParameter {
  func bind(to statement: Statement, at index: Int32) { statement.bindInt64(index, self) }
}

extension Int: SQLParameter {
  func bind(to statement: Statement, at index: Int32) { statement.bindInt64(index, Int64(self)) }
}

extension Bool: SQLParameter {
  func bind(to statement: Statement, at index: Int32) { statement.bindInt64(index, self ? 1 : 0) }
}

extension Optional: SQLParameter where Wrapped: SQLParameter {
  func bind(to statement: Statement, at index: Int32) {
    if let value = self { value.bind(to: statement, at: index) } else { statement.bindNull(index) }
  }
}
