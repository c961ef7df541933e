/// Every statement the store runs, prepared once when it opens and reused: preparing is
/// a large share of a small write's cost, and group commit runs thousands a second.
struct Statements {
  let begin: Statement
  let beginRead: Statement
  let commit: Statement
  let rollback: Statement

  let upsertTicket: Statement
  let upsertCounter: Statement
  let setNumber: Statement
  let appendEvent: Statement
  let insertPrintJob: Statement
  let markPrinted: Statement
  let setMeta: Statement
  let insertLeg: Statement
  let raiseServiceDay: Statement

  let ticketsOfDay: Statement
  let unfinishedBefore: Statement
  let ticketByID: Statement
  let ticketByRequest: Statement
  let allCounters: Statement
  let numbersOfDay: Statement
  let lastSeq: Statement
  let recentEvents: Statement
  let eventsAfter: Statement
  let unprintedJobs: Statement
  let metaValue: Statement
  let allMeta: Statement
  let legsOfTicket: Statement
  let legsOfDay: Statement
  let latestServiceDay: Statement

  private static let ticketColumns = """
    id, day, service, number, seq_no, priority, state, issued_at, enqueued_at, called_at,
    started_at, finished_at, counter, calls, request, box, first_called_at, announced_at,
    announced_counter, announced_seq, officer, key, appointment_at, booking_id, remote, phone
    """
  private static let legColumns = """
    ticket_id, leg, service, counter, enqueued_at, first_called_at, called_at, started_at,
    transferred_at
    """
  private static let eventColumns = "seq, at, type, box, json"

  init(_ connection: Connection) throws(StorageError) {
    begin = try connection.prepare("BEGIN IMMEDIATE")
    beginRead = try connection.prepare("BEGIN DEFERRED")
    commit = try connection.prepare("COMMIT")
    rollback = try connection.prepare("ROLLBACK")

    upsertTicket = try connection.prepare(
      """
      INSERT INTO tickets (\(Self.ticketColumns))
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
        ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
      ON CONFLICT (id) DO UPDATE SET
        day = excluded.day, service = excluded.service, number = excluded.number,
        seq_no = excluded.seq_no, priority = excluded.priority, state = excluded.state,
        issued_at = excluded.issued_at, enqueued_at = excluded.enqueued_at,
        called_at = excluded.called_at, started_at = excluded.started_at,
        finished_at = excluded.finished_at, counter = excluded.counter,
        calls = excluded.calls, request = excluded.request, box = excluded.box,
        first_called_at = excluded.first_called_at, announced_at = excluded.announced_at,
        announced_counter = excluded.announced_counter, announced_seq = excluded.announced_seq,
        officer = excluded.officer, key = coalesce(excluded.key, tickets.key),
        appointment_at = excluded.appointment_at, booking_id = excluded.booking_id,
        remote = excluded.remote, phone = excluded.phone
      """)
    insertLeg = try connection.prepare(
      """
      INSERT OR IGNORE INTO ticket_legs (\(Self.legColumns))
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
      """)
    // The service day only moves forward, whatever the clock does (text order is date order).
    raiseServiceDay = try connection.prepare(
      """
      INSERT INTO meta (key, value) VALUES ('service_day', ?1)
      ON CONFLICT (key) DO UPDATE SET value = max(value, excluded.value)
      """)
    upsertCounter = try connection.prepare(
      """
      INSERT INTO counters (id, state, reason, ticket_id, since, officer)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6)
      ON CONFLICT (id) DO UPDATE SET
        state = excluded.state, reason = excluded.reason, ticket_id = excluded.ticket_id,
        since = excluded.since, officer = excluded.officer
      """)
    setNumber = try connection.prepare(
      """
      INSERT INTO numbers (day, service, last) VALUES (?1, ?2, ?3)
      ON CONFLICT (day, service) DO UPDATE SET last = max(last, excluded.last)
      """)
    appendEvent = try connection.prepare(
      "INSERT INTO events (\(Self.eventColumns)) VALUES (?1, ?2, ?3, ?4, ?5)")
    insertPrintJob = try connection.prepare(
      """
      INSERT INTO print_jobs (job, box, ticket_id, created_at, printed_at)
      VALUES (?1, ?2, ?3, ?4, ?5)
      """)
    markPrinted = try connection.prepare(
      "UPDATE print_jobs SET printed_at = ?2 WHERE job = ?1 AND printed_at IS NULL")
    setMeta = try connection.prepare(
      """
      INSERT INTO meta (key, value) VALUES (?1, ?2)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value
      """)

    ticketsOfDay = try connection.prepare(
      "SELECT \(Self.ticketColumns) FROM tickets WHERE day = ?1 ORDER BY issued_at, id")
    // The state term must read exactly as in the partial index `tickets_unfinished`.
    unfinishedBefore = try connection.prepare(
      """
      SELECT \(Self.ticketColumns) FROM tickets
      WHERE state IN ('waiting', 'called', 'serving') AND day < ?1
      ORDER BY issued_at, id
      """)
    ticketByID = try connection.prepare(
      "SELECT \(Self.ticketColumns) FROM tickets WHERE id = ?1")
    ticketByRequest = try connection.prepare(
      "SELECT \(Self.ticketColumns) FROM tickets WHERE day = ?1 AND request = ?2")
    allCounters = try connection.prepare(
      "SELECT id, state, reason, ticket_id, since, officer FROM counters ORDER BY id")
    numbersOfDay = try connection.prepare(
      "SELECT day, service, last FROM numbers WHERE day = ?1 ORDER BY service")
    lastSeq = try connection.prepare("SELECT max(seq) FROM events")
    recentEvents = try connection.prepare(
      """
      SELECT \(Self.eventColumns) FROM
        (SELECT \(Self.eventColumns) FROM events ORDER BY seq DESC LIMIT ?1)
      ORDER BY seq
      """)
    eventsAfter = try connection.prepare(
      "SELECT \(Self.eventColumns) FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2")
    unprintedJobs = try connection.prepare(
      """
      SELECT job, box, ticket_id, created_at, printed_at FROM print_jobs
      WHERE printed_at IS NULL ORDER BY created_at, job
      """)
    metaValue = try connection.prepare("SELECT value FROM meta WHERE key = ?1")
    allMeta = try connection.prepare("SELECT key, value FROM meta")
    legsOfTicket = try connection.prepare(
      "SELECT \(Self.legColumns) FROM ticket_legs WHERE ticket_id = ?1 ORDER BY leg")
    legsOfDay = try connection.prepare(
      """
      SELECT \(Self.legColumns) FROM ticket_legs
      WHERE ticket_id IN (SELECT id FROM tickets WHERE day = ?1)
      ORDER BY ticket_id, leg
      """)
    latestServiceDay = try connection.prepare(
      """
      SELECT max(d) FROM (
        SELECT max(day) AS d FROM numbers
        UNION ALL SELECT value FROM meta WHERE key = 'service_day')
      """)
  }
}
