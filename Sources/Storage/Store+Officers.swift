import HallWire
import PinHash
import QueueCore

extension Store {
  /// Inserts the officer or replaces the stored one with the same id.
  public func upsert(_ officer: OfficerRecord) throws(StorageError) {
    let s = try connection.prepare(
      """
      INSERT INTO officers (id, name, active, pin) VALUES (?1, ?2, ?3, ?4)
      ON CONFLICT (id) DO UPDATE SET
        name = excluded.name, active = excluded.active, pin = excluded.pin
      """)
    try s.run(officer.id, officer.name, officer.active, officer.pin.encoded)
  }

  /// Every officer, removed ones included, by id; one whose hash this build cannot read (a
  /// newer scheme) is left out.
  public func officers() throws(StorageError) -> [OfficerRecord] {
    try connection.prepare("SELECT id, name, active, pin FROM officers ORDER BY id").rows {
      row -> OfficerRecord? in
      guard let pin = PinHash(encoded: row.text(3)) else { return nil }
      return OfficerRecord(id: row.text(0), name: row.text(1), active: row.bool(2), pin: pin)
    }.compactMap { $0 }
  }

  /// Stores an answer. Throws `.constraintViolation` for a second answer to one ticket or an
  /// answer outside 1–4 (the domain refuses both first).
  public func insert(_ survey: SurveyRecord) throws(StorageError) {
    let scores = survey.answer.scores
    guard scores.count == 9 else {
      throw .failed("a survey has nine answers, not \(scores.count)")
    }
    let s = try connection.prepare(
      """
      INSERT INTO surveys (ticket_id, day, service, counter, officer, at,
        u1, u2, u3, u4, u5, u6, u7, u8, u9, comment, gender, age, education, occupation)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
        ?19, ?20)
      """)
    let respondent = survey.answer.respondent
    try s.run(
      survey.ticketID, survey.day, survey.service, survey.counter, survey.officer, survey.at,
      scores[0], scores[1], scores[2], scores[3], scores[4], scores[5], scores[6], scores[7],
      scores[8], survey.answer.comment, respondent?.gender, respondent?.age, respondent?.education,
      respondent?.occupation)
  }

  /// Ids of `day`'s tickets that have an answer.
  public func surveyedTickets(day: String) throws(StorageError) -> [String] {
    let s = try connection.prepare("SELECT ticket_id FROM surveys WHERE day = ?1 ORDER BY at")
    s.bind(day)
    return try s.rows { $0.text(0) }
  }

  /// Every answer for tickets of the days `from` to `to` (inclusive, `YYYY-MM-DD`).
  public func surveys(from: String, to: String) throws(StorageError) -> [SurveyRecord] {
    let s = try connection.prepare(
      """
      SELECT ticket_id, day, service, counter, officer, at, u1, u2, u3, u4, u5, u6, u7, u8, u9,
        comment, gender, age, education, occupation
      FROM surveys WHERE day BETWEEN ?1 AND ?2 ORDER BY day, at
      """)
    s.bind(from, to)
    return try s.rows { r in
      let respondent = Respondent(
        gender: r.optionalText(16), age: r.optionalText(17), education: r.optionalText(18),
        occupation: r.optionalText(19))
      return SurveyRecord(
        ticketID: r.text(0), day: r.text(1), service: r.text(2), counter: r.optionalInt(3),
        officer: r.optionalText(4), at: r.int64(5),
        answer: SurveyAnswer(
          scores: (6..<15).map { r.int(Int32($0)) }, comment: r.optionalText(15),
          respondent: respondent == Respondent() ? nil : respondent))
    }
  }

  /// Calls `body` with each ticket of the days `from` to `to` (inclusive), in day order,
  /// without building a list: a year is a million rows. One statement reads one snapshot
  /// of the WAL file, so the report is consistent even while the hall writes. A ticket whose
  /// state this build does not know is left out.
  public func forEachReportTicket(
    from: String, to: String, _ body: (ReportTicket) -> Void
  ) throws(StorageError) {
    let s = try connection.prepare(
      """
      SELECT day, service, number, state, issued_at, enqueued_at, first_called_at, called_at,
        started_at, finished_at, counter, officer
      FROM tickets INDEXED BY tickets_by_number WHERE day BETWEEN ?1 AND ?2
      """)
    s.bind(from, to)
    defer { s.reset() }
    var day = InternedColumn(0)
    var service = InternedColumn(1)
    var issuedService = InternedColumn(2, lettersOnly: true)
    var stateText = InternedColumn(3)
    var officer = InternedColumn(11)
    while try s.step() {
      guard let state = TicketState(rawValue: stateText.read(s) ?? "") else { continue }
      body(
        ReportTicket(
          day: day.read(s) ?? "", service: service.read(s) ?? "",
          issuedService: issuedService.read(s) ?? "", state: state, issuedAt: s.int64(4),
          enqueuedAt: s.int64(5), firstCalledAt: s.optionalInt64(6),
          calledAt: s.optionalInt64(7), startedAt: s.optionalInt64(8),
          finishedAt: s.optionalInt64(9), counter: s.optionalInt(10), officer: officer.read(s)))
    }
  }

  /// Every leg (a service left by transfer) of the tickets of the days `from` to `to`.
  /// Legs are few (one per transfer): CROSS JOIN makes SQLite walk them and look each
  /// ticket up by id, rather than probe the legs for each of a year's tickets.
  public func reportLegs(from: String, to: String) throws(StorageError) -> [Leg] {
    let s = try connection.prepare(
      """
      SELECT l.service, l.counter, l.enqueued_at, l.first_called_at, l.called_at, l.started_at,
        l.transferred_at
      FROM ticket_legs l CROSS JOIN tickets t ON t.id = l.ticket_id
      WHERE t.day BETWEEN ?1 AND ?2
      """)
    s.bind(from, to)
    return try s.rows { r in
      Leg(
        service: r.text(0), counter: r.int(1), enqueuedAt: r.int64(2),
        firstCalledAt: r.int64(3), calledAt: r.int64(4), startedAt: r.optionalInt64(5),
        transferredAt: r.int64(6))
    }
  }
}
