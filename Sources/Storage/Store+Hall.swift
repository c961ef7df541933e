import HallWire
import QueueCore

// The hall's records, QueueCore's own types: written by `persist` in the group commit, read
// back by `loadHall` at start-up. Column orders match `Statements`.

extension Store {
  /// Writes what one command changed; the caller holds the transaction open.
  public func persist(_ changes: Changes) throws(StorageError) {
    for t in changes.tickets { try upsert(t) }
    for c in changes.counters { try upsert(c) }
    for s in changes.sequences { try setNumber(s) }
    for j in changes.newPrintJobs { try insert(j) }
    for j in changes.printedJobs { try markPrinted(job: j.job, at: j.printedAt ?? 0) }
    if let day = changes.serviceDay { try recordServiceDay(day) }
    for o in changes.officers { try upsert(o) }
    for s in changes.surveys { try insert(s) }
    for b in changes.bookings { try upsert(b) }
  }

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

  private static func printJob(_ row: Statement) -> PrintJob {
    PrintJob(
      job: row.text(0), box: row.text(1), ticketID: row.text(2), createdAt: row.int64(3),
      printedAt: row.optionalInt64(4))
  }
}
