import HallWire
import QueueCore
import Storage

// The domain and the store each own their types; this is the one place they meet.

extension TicketRow {
  init(_ r: TicketRecord) {
    self.init(
      id: r.id, day: r.day, service: r.service, number: r.number, seqNo: r.seqNo,
      priority: r.priority, state: r.state.rawValue, issuedAt: r.issuedAt,
      enqueuedAt: r.enqueuedAt, calledAt: r.calledAt, startedAt: r.startedAt,
      finishedAt: r.finishedAt, counter: r.counter, calls: r.calls, request: r.request,
      box: r.box, firstCalledAt: r.firstCalledAt, announcedAt: r.announced?.at,
      announcedCounter: r.announced?.counter, announcedSeq: r.announced?.seq,
      legs: r.legs.map(LegRow.init), officer: r.officer, key: r.key,
      appointmentAt: r.appointment, bookingID: r.booking, remote: r.remote, phone: r.phone)
  }
}

extension LegRow {
  init(_ l: Leg) {
    self.init(
      service: l.service, counter: l.counter, enqueuedAt: l.enqueuedAt,
      firstCalledAt: l.firstCalledAt, calledAt: l.calledAt, startedAt: l.startedAt,
      transferredAt: l.transferredAt)
  }
}

extension Leg {
  init(_ row: LegRow) {
    self.init(
      service: row.service, counter: row.counter, enqueuedAt: row.enqueuedAt,
      firstCalledAt: row.firstCalledAt, calledAt: row.calledAt, startedAt: row.startedAt,
      transferredAt: row.transferredAt)
  }
}

extension TicketRecord {
  /// Nil for a row whose state this build doesn't know (a newer database).
  init?(_ row: TicketRow) {
    guard let state = TicketState(rawValue: row.state) else { return nil }
    self.init(
      id: row.id, day: row.day, service: row.service, number: row.number, seqNo: row.seqNo,
      priority: row.priority, state: state, issuedAt: row.issuedAt, enqueuedAt: row.enqueuedAt,
      calledAt: row.calledAt, startedAt: row.startedAt, finishedAt: row.finishedAt,
      counter: row.counter, calls: row.calls, request: row.request, box: row.box,
      firstCalledAt: row.firstCalledAt,
      announced: row.announcedAt.map {
        Announcement(
          at: $0, counter: row.announcedCounter ?? row.counter ?? 0, seq: row.announcedSeq ?? 0)
      }, legs: row.legs.map(Leg.init), officer: row.officer, key: row.key)
    appointment = row.appointmentAt
    booking = row.bookingID
    remote = row.remote
    phone = row.phone
  }
}

extension CounterRow {
  init(_ r: CounterRecord) {
    self.init(
      id: r.id, state: r.state.rawValue, reason: r.reason, ticketID: r.ticketID, since: r.since,
      officer: r.officer)
  }
}

extension CounterRecord {
  init?(_ row: CounterRow) {
    guard let state = CounterState(rawValue: row.state) else { return nil }
    self.init(
      id: row.id, state: state, reason: row.reason, ticketID: row.ticketID, since: row.since,
      officer: row.officer)
  }
}

extension PrintJobRow {
  init(_ j: PrintJob) {
    self.init(
      job: j.job, box: j.box, ticketID: j.ticketID, createdAt: j.createdAt, printedAt: j.printedAt)
  }
}

extension PrintJob {
  init(_ row: PrintJobRow) {
    self.init(
      job: row.job, box: row.box, ticketID: row.ticketID, createdAt: row.createdAt,
      printedAt: row.printedAt)
  }
}

extension HallState {
  init(_ r: Recovery) {
    self.init(
      tickets: r.tickets.compactMap(TicketRecord.init),
      counters: r.counters.compactMap(CounterRecord.init),
      sequences: r.numbers.map {
        DaySequence(day: $0.day, service: $0.service, lastSeqNo: $0.last)
      },
      lastSeq: r.lastSeq,
      pendingPrintJobs: r.unprintedJobs.map(PrintJob.init), serviceDay: r.serviceDay,
      officers: r.officers.compactMap(OfficerRecord.init), surveyedTickets: r.surveyedTickets,
      bookings: r.bookings.compactMap(BookingRecord.init))
  }
}

extension Store {
  /// Writes what one command changed; the caller holds the transaction open.
  func persist(_ changes: Changes) throws(StorageError) {
    for t in changes.tickets { try upsert(TicketRow(t)) }
    for c in changes.counters { try upsert(CounterRow(c)) }
    for s in changes.sequences {
      try setNumber(NumberRow(day: s.day, service: s.service, last: s.lastSeqNo))
    }
    for j in changes.newPrintJobs { try insert(PrintJobRow(j)) }
    for j in changes.printedJobs { try markPrinted(job: j.job, at: j.printedAt ?? 0) }
    if let day = changes.serviceDay { try recordServiceDay(day) }
    try persistOfficersAndSurveys(changes)
    for b in changes.bookings { try upsert(BookingRow(b)) }
  }
}

extension BookingRow {
  init(_ b: BookingRecord) {
    self.init(
      id: b.id, code: b.code, key: b.key, service: b.service, day: b.day, startAt: b.start,
      name: b.name, phone: b.phone, state: b.state.rawValue, ticketID: b.ticketID,
      createdAt: b.createdAt, changedAt: b.changedAt)
  }
}

extension BookingRecord {
  /// Nil for a row whose state this build doesn't know (a newer database).
  init?(_ row: BookingRow) {
    guard let state = BookingState(rawValue: row.state) else { return nil }
    self.init(
      id: row.id, code: row.code, key: row.key, service: row.service, day: row.day,
      start: row.startAt, name: row.name, phone: row.phone, state: state,
      ticketID: row.ticketID, createdAt: row.createdAt, changedAt: row.changedAt)
  }
}
