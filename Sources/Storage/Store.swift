/// Antre's durable state in one SQLite file (WAL, `synchronous=FULL`).
///
/// Owned by one thread, the server's event loop, hence not `Sendable`. Writes are grouped:
/// the loop calls `begin()` at the first change of a turn, writes that turn's rows, and
/// `commit()`s before any reply leaves; `commit()` returning means the rows survive a crash
/// or power loss. Writes outside `begin()`/`commit()` commit one by one.
public final class Store {
  // Internal so tests can act behind the store's back, as a failing disk would.
  let connection: Connection
  let statements: Statements

  /// Opens the database at `path`, creating it if needed, and brings its schema up to date.
  /// A file written by a newer Antre is refused before anything in it changes.
  /// - Parameter busyTimeoutMilliseconds: how long a write waits for another process
  ///   (a report reading the file, say) before failing with `.busy`.
  public convenience init(path: String, busyTimeoutMilliseconds: Int = 1000) throws(StorageError) {
    try self.init(
      path: path, busyTimeoutMilliseconds: busyTimeoutMilliseconds, migrations: Migrations.all)
  }

  /// `migrations` is `Migrations.all` except in tests of a future migration.
  init(path: String, busyTimeoutMilliseconds: Int = 1000, migrations: [String])
    throws(StorageError)
  {
    let connection = try Connection(path: path)
    connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
    do {
      // Read first, so a newer file is refused before the journal mode is touched.
      try Schema.refuseNewer(Schema.version(of: connection), known: migrations.count)
      try Self.configure(connection, path: path)
    } catch {
      // SQLite reads the file first when setting the journal mode, so a damaged file shows here.
      switch error {
      case .corrupt(let message): throw .corrupt("\(path): \(message)")
      case .migrationFailed: throw error
      default: throw .openFailed("\(path): \(error.message)")
      }
    }
    try Self.migrate(connection, migrations)
    self.connection = connection
    self.statements = try Statements(connection)
    // A WAL left large by a full disk before a restart is given back now, if space allows.
    reclaimJournalSpace()
  }

  private static func configure(_ connection: Connection, path: String) throws(StorageError) {
    let journalMode = try connection.prepare("PRAGMA journal_mode = WAL")
    let mode = try journalMode.rows { $0.text(0) }.first ?? ""
    // An in-memory database (tests) cannot use WAL and answers "memory".
    guard mode.lowercased() == "wal" || path == ":memory:" || path.isEmpty else {
      throw .openFailed("journal_mode is \(mode), not wal")
    }
    try connection.execute(
      """
      PRAGMA synchronous = FULL;
      PRAGMA foreign_keys = OFF;
      PRAGMA journal_size_limit = \(journalSizeLimitBytes);
      """)
  }

  /// Runs each migration the file has not run yet, once: its number is kept in
  /// `PRAGMA user_version` in the same transaction as its changes.
  private static func migrate(_ connection: Connection, _ migrations: [String])
    throws(StorageError)
  {
    let version: Int
    do {
      version = try Schema.version(of: connection)
    } catch {
      throw .migrationFailed("cannot read user_version: \(error.message)")
    }
    try Schema.refuseNewer(version, known: migrations.count)
    for index in version..<migrations.count {
      do {
        try connection.execute("BEGIN IMMEDIATE")
        try connection.execute(migrations[index])
        try connection.execute("PRAGMA user_version = \(index + 1)")
        try connection.execute("COMMIT")
      } catch {
        if !connection.isAutocommit { try? connection.execute("ROLLBACK") }
        throw .migrationFailed("migration \(index + 1): \(error.message)")
      }
    }
  }

  /// The schema version the file is at (`PRAGMA user_version`).
  public func schemaVersion() throws(StorageError) -> Int {
    try Schema.version(of: connection)
  }

  /// After a checkpoint the WAL is cut back to this size rather than kept at its largest.
  public static let journalSizeLimitBytes = 4 * 1024 * 1024

  // MARK: - Disk trouble

  /// True from a commit that failed in the operating system (disk full, I/O error) until a
  /// commit succeeds again. The server reports it (`/healthz`) and keeps retrying.
  public private(set) var isFailing = false

  /// Copies the WAL into the database and truncates it to nothing (`wal_checkpoint(TRUNCATE)`),
  /// giving its space back. On a small volume a WAL that filled the disk is what blocks every
  /// later write, so this runs after each failed commit and when retrying. True when the whole
  /// WAL was checkpointed; nothing happens inside a transaction.
  @discardableResult
  public func reclaimJournalSpace() -> Bool {
    guard !inTransaction, connection.isAutocommit else { return false }
    do {
      // (busy, frames in the WAL, frames checkpointed); busy 0 means the checkpoint finished.
      let result = try connection.prepare("PRAGMA wal_checkpoint(TRUNCATE)").rows {
        $0.int(0)
      }
      return result.first == 0
    } catch {
      return false
    }
  }

  // MARK: - Transactions

  /// Whether `begin()` opened a transaction that is not yet committed or rolled back.
  public private(set) var inTransaction = false

  /// Opens a write transaction (`BEGIN IMMEDIATE`: it takes the write lock now, so a later
  /// write cannot fail on it). Does nothing if one is already open.
  public func begin() throws(StorageError) {
    guard !inTransaction else { return }
    try statements.begin.run()
    inTransaction = true
  }

  /// Makes every write since `begin()` durable. Does nothing without an open transaction.
  /// If it throws, nothing of the transaction may be acknowledged: call `rollback()`.
  public func commit() throws(StorageError) {
    guard inTransaction else { return }
    do {
      try ensureTransactionIsAlive()
      try statements.commit.run()
    } catch {
      if case .io = error { isFailing = true }
      throw error
    }
    inTransaction = false
    isFailing = false
  }

  /// Discards every write since `begin()`. Does nothing without an open transaction.
  public func rollback() {
    guard inTransaction else { return }
    inTransaction = false
    guard !connection.isAutocommit else { return }
    // A failing ROLLBACK leaves nothing to recover here: SQLite then has either rolled back
    // by itself or lost the connection, and the next `begin()` reports that.
    if !connection.isAutocommit { try? statements.rollback.run() }
    if isFailing { reclaimJournalSpace() }
  }

  /// After some errors (disk full, I/O) SQLite rolls the whole transaction back by itself.
  /// Writes after that would each commit on their own, and `commit()` would then vouch for a
  /// batch whose first part is gone; so once that happened, every write and the commit
  /// fail until `rollback()`.
  func ensureTransactionIsAlive() throws(StorageError) {
    if inTransaction && connection.isAutocommit {
      throw .failed("the transaction was rolled back after an earlier error; call rollback()")
    }
  }

  /// Runs one of the prepared writes with `values` once the transaction is known to be alive.
  func write<each V: SQLParameter>(_ statement: Statement, _ values: repeat each V)
    throws(StorageError)
  {
    try ensureTransactionIsAlive()
    try statement.run(repeat each values)
  }

  // MARK: - The event log and meta

  /// Appends a feed event. Throws `.constraintViolation` if its `seq` is already stored.
  public func append(_ event: EventRow) throws(StorageError) {
    try write(statements.appendEvent, event.seq, event.at, event.type, event.box, event.json)
  }

  /// Stores `value` under `key`, replacing any earlier value.
  public func setMeta(_ key: String, _ value: String) throws(StorageError) {
    try write(statements.setMeta, key, value)
  }

  /// At most `limit` events with `seq` greater than `seq`, ascending.
  public func events(after seq: Int64, limit: Int) throws(StorageError) -> [EventRow] {
    let statement = statements.eventsAfter
    statement.bind(seq, limit)
    return try statement.rows(Self.eventRow)
  }

  public func meta(_ key: String) throws(StorageError) -> String? {
    let statement = statements.metaValue
    statement.bind(key)
    return try statement.rows { $0.text(0) }.first
  }

  /// Every key and value of `meta`.
  public func allMeta() throws(StorageError) -> [String: String] {
    var meta: [String: String] = [:]
    for (key, value) in try statements.allMeta.rows({ ($0.text(0), $0.text(1)) }) {
      meta[key] = value
    }
    return meta
  }

  static func eventRow(_ row: Statement) -> EventRow {
    EventRow(
      seq: row.int64(0), at: row.int64(1), type: row.text(2), box: row.optionalText(3),
      json: row.text(4))
  }
}
