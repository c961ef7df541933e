import HallWire
import QueueCore

/// Antre's durable state in one SQLite file (WAL, `synchronous=FULL`).
///
/// Owned by one thread, the server's event loop, hence not `Sendable`. Writes are grouped:
/// the loop calls `begin()` at the first change of a turn, writes that turn's rows, and
/// `commit()`s before any reply leaves; `commit()` returning means the rows survive a crash
/// or power loss. Writes outside `begin()`/`commit()` commit one by one.
public final class Store {
  // Internal so tests can act behind the store's back, as a failing disk would.
  let connection: Connection
  private let statements: Statements

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
  private func ensureTransactionIsAlive() throws(StorageError) {
    if inTransaction && connection.isAutocommit {
      throw .failed("the transaction was rolled back after an earlier error; call rollback()")
    }
  }

  /// Runs one of the prepared writes with `values` once the transaction is known to be alive.
  private func write<each V: SQLParameter>(_ statement: Statement, _ values: repeat each V)
    throws(StorageError)
  {
    try ensureTransactionIsAlive()
    try statement.run(repeat each values)
  }

  // MARK: - Writes

  /// Inserts the ticket, or replaces every field of the stored ticket with the same `id`.
  /// Throws `.constraintViolation` if another ticket of the same day has the same `request`.
  public func upsert(_ ticket: TicketRecord) throws(StorageError) {
    try write(
      statements.upsertTicket, ticket.id, ticket.day, ticket.service, ticket.number, ticket.seqNo,
      ticket.priority, ticket.state.rawValue, ticket.issuedAt, ticket.enqueuedAt, ticket.calledAt,
      ticket.startedAt, ticket.finishedAt, ticket.counter, ticket.calls, ticket.request, ticket.box,
      ticket.firstCalledAt, ticket.announced?.at, ticket.announced?.counter, ticket.announced?.seq,
      ticket.officer, ticket.key, ticket.appointment, ticket.booking, ticket.remote, ticket.phone)
    // A leg never changes once written; the ticket carries all of its legs each time.
    for (index, leg) in ticket.legs.enumerated() {
      try statements.insertLeg.run(
        ticket.id, index, leg.service, leg.counter, leg.enqueuedAt, leg.firstCalledAt, leg.calledAt,
        leg.startedAt, leg.transferredAt)
    }
  }

  /// Records that the service day `day` has started. The stored day never goes back, so a
  /// clock set back later cannot reopen an earlier day (see `loadHall`).
  public func recordServiceDay(_ day: String) throws(StorageError) {
    try write(statements.raiseServiceDay, day)
  }

  /// The latest service day started or numbered, if any.
  public func latestServiceDay() throws(StorageError) -> String? {
    try statements.latestServiceDay.rows { $0.optionalText(0) }.first.flatMap { $0 }
  }

  /// Inserts the counter, or replaces the stored counter with the same `id`.
  public func upsert(_ counter: CounterRecord) throws(StorageError) {
    try write(
      statements.upsertCounter, counter.id, counter.state.rawValue, counter.reason,
      counter.ticketID, counter.since, counter.officer)
  }

  /// Records the last number issued for a service on a day. The stored value never
  /// decreases: a lower `lastSeqNo` than the stored one is ignored, so numbers are never
  /// reused.
  public func setNumber(_ number: DaySequence) throws(StorageError) {
    try write(statements.setNumber, number.day, number.service, number.lastSeqNo)
  }

  /// Appends a feed event. Throws `.constraintViolation` if its `seq` is already stored.
  public func append(_ event: EventRow) throws(StorageError) {
    try write(statements.appendEvent, event.seq, event.at, event.type, event.box, event.json)
  }

  /// Stores a new print job. Throws `.constraintViolation` if its `job` id is already stored.
  public func insert(_ job: PrintJob) throws(StorageError) {
    try write(
      statements.insertPrintJob, job.job, job.box, job.ticketID, job.createdAt, job.printedAt)
  }

  /// Marks a print job as printed at `at`; the first acknowledgement wins. An unknown job
  /// changes nothing (a box may acknowledge a job twice, or one from before a reset).
  public func markPrinted(job: String, at: Int64) throws(StorageError) {
    try write(statements.markPrinted, job, at)
  }

  /// Stores `value` under `key`, replacing any earlier value.
  public func setMeta(_ key: String, _ value: String) throws(StorageError) {
    try write(statements.setMeta, key, value)
  }

  // MARK: - Reads

  /// Every ticket of `day`, ordered by issue time. Here and below, a ticket whose state this
  /// build does not know (written by a newer Antre) is left out.
  public func tickets(day: String) throws(StorageError) -> [TicketRecord] {
    let statement = statements.ticketsOfDay
    statement.bind(day)
    return try withLegs(statement.rows(Self.ticket), day: day)
  }

  public func ticket(id: String) throws(StorageError) -> TicketRecord? {
    let statement = statements.ticketByID
    statement.bind(id)
    return try withLegs(statement.rows(Self.ticket)).first
  }

  /// The ticket issued on `day` for the idempotency key `request`, if any.
  public func ticket(day: String, request: String) throws(StorageError) -> TicketRecord? {
    let statement = statements.ticketByRequest
    statement.bind(day, request)
    return try withLegs(statement.rows(Self.ticket)).first
  }

  /// Drops the tickets of unknown states and fills in `legs`: one query for a whole day,
  /// else one per ticket (few: one, or the unfinished tickets of earlier days).
  private func withLegs(_ rows: [TicketRecord?], day: String? = nil) throws(StorageError)
    -> [TicketRecord]
  {
    let tickets = rows.compactMap { $0 }
    var legs: [String: [Leg]] = [:]
    if let day {
      statements.legsOfDay.bind(day)
      for (id, leg) in try statements.legsOfDay.rows(Self.leg) {
        legs[id, default: []].append(leg)
      }
    } else {
      for ticket in tickets {
        statements.legsOfTicket.bind(ticket.id)
        legs[ticket.id] = try statements.legsOfTicket.rows(Self.leg).map(\.1)
      }
    }
    guard !legs.isEmpty else { return tickets }
    return tickets.map { ticket in
      var ticket = ticket
      ticket.legs = legs[ticket.id] ?? []
      return ticket
    }
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

  /// Everything the server needs to rebuild the hall on `day`, and the latest
  /// `recentEventLimit` events (ascending by `seq`) for the replay ring, read in one
  /// transaction so they are one consistent picture. If a later service day has already
  /// started (the clock went back), that day is loaded instead: `HallState.serviceDay`.
  /// Counters and officers this build cannot read (a newer state or PIN scheme) are left out.
  public func loadHall(day: String, recentEventLimit: Int) throws(StorageError)
    -> (hall: HallState, recentEvents: [EventRow])
  {
    let ownsTransaction = !inTransaction
    if ownsTransaction {
      try statements.beginRead.run()
    } else {
      try ensureTransactionIsAlive()
    }
    defer { if ownsTransaction { try? statements.rollback.run() } }

    // A clock set back (across midnight, say) must not reopen an earlier day: its numbers
    // would be handed out again and the later day's queue would vanish.
    let latest = try statements.latestServiceDay.rows { $0.optionalText(0) }.first.flatMap { $0 }
    let day = max(day, latest ?? day)
    statements.ticketsOfDay.bind(day)
    var tickets = try withLegs(statements.ticketsOfDay.rows(Self.ticket), day: day)
    statements.unfinishedBefore.bind(day)
    tickets += try withLegs(statements.unfinishedBefore.rows(Self.ticket))
    statements.numbersOfDay.bind(day)
    let numbers = try statements.numbersOfDay.rows { row in
      DaySequence(day: row.text(0), service: row.text(1), lastSeqNo: row.int(2))
    }
    let lastSeq = try statements.lastSeq.rows { $0.optionalInt64(0) }.first.flatMap { $0 } ?? 0
    statements.recentEvents.bind(max(0, recentEventLimit))
    let recentEvents = try statements.recentEvents.rows(Self.eventRow)
    let hall = HallState(
      tickets: tickets, counters: try statements.allCounters.rows(Self.counter).compactMap { $0 },
      sequences: numbers, lastSeq: lastSeq,
      pendingPrintJobs: try statements.unprintedJobs.rows(Self.printJob), serviceDay: day,
      officers: try officers(), surveyedTickets: try surveyedTickets(day: day),
      bookings: try heldBookings(day: day))
    return (hall, recentEvents)
  }

  // MARK: - Reading rows (column orders match `Statements`)

  /// Nil for a state this build does not know.
  private static func ticket(_ row: Statement) -> TicketRecord? {
    guard let state = TicketState(rawValue: row.text(6)) else { return nil }
    var ticket = TicketRecord(
      id: row.text(0), day: row.text(1), service: row.text(2), number: row.text(3),
      seqNo: row.int(4), priority: row.bool(5), state: state, issuedAt: row.int64(7),
      enqueuedAt: row.int64(8), calledAt: row.optionalInt64(9), startedAt: row.optionalInt64(10),
      finishedAt: row.optionalInt64(11), counter: row.optionalInt(12), calls: row.int(13),
      request: row.optionalText(14), box: row.optionalText(15),
      firstCalledAt: row.optionalInt64(16), officer: row.optionalText(20),
      key: row.optionalText(21))
    ticket.announced = row.optionalInt64(17).map {
      Announcement(
        at: $0, counter: row.optionalInt(18) ?? ticket.counter ?? 0,
        seq: row.optionalInt64(19) ?? 0)
    }
    ticket.appointment = row.optionalInt64(22)
    ticket.booking = row.optionalText(23)
    ticket.remote = row.bool(24)
    ticket.phone = row.optionalText(25)
    return ticket
  }

  /// The ticket's id and the leg.
  private static func leg(_ row: Statement) -> (String, Leg) {
    (
      row.text(0),
      Leg(
        service: row.text(2), counter: row.int(3), enqueuedAt: row.int64(4),
        firstCalledAt: row.int64(5), calledAt: row.int64(6), startedAt: row.optionalInt64(7),
        transferredAt: row.int64(8))
    )
  }

  /// Nil for a state this build does not know.
  private static func counter(_ row: Statement) -> CounterRecord? {
    guard let state = CounterState(rawValue: row.text(1)) else { return nil }
    return CounterRecord(
      id: row.int(0), state: state, reason: row.optionalText(2),
      ticketID: row.optionalText(3), since: row.int64(4), officer: row.optionalText(5))
  }

  private static func eventRow(_ row: Statement) -> EventRow {
    EventRow(
      seq: row.int64(0), at: row.int64(1), type: row.text(2), box: row.optionalText(3),
      json: row.text(4))
  }

  private static func printJob(_ row: Statement) -> PrintJob {
    PrintJob(
      job: row.text(0), box: row.text(1), ticketID: row.text(2), createdAt: row.int64(3),
      printedAt: row.optionalInt64(4))
  }
}
