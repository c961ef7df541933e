import HallWire

/// The hall as a pure state machine: commands in, a reply, numbered events and the rows to
/// persist out. No clock, no I/O, no randomness: time is an argument and ticket ids come
/// from `makeTicketID`. Owned by the server's single loop thread.
///
/// After `init`, the server should run `handle(.rollover, at:)` once (it expires unfinished
/// tickets of earlier days that storage handed back) and again when the service day
/// changes; every other command also rolls the day over first if needed, so numbering can
/// never leak from one day into the next.
public final class Hall {
  public let config: HallConfig
  public var zone: HallZone { config.zone }
  /// The seq of the last event emitted.
  public private(set) var lastSeq: Int64
  /// The current service day, `YYYY-MM-DD`.
  public internal(set) var day: String

  let makeTicketID: () -> String
  let makeTicketKey: () -> String
  var dayNumber: Int64
  let services: [String: ServiceConfig]
  let counterConfigs: [Int: CounterConfig]

  /// Today's tickets, plus unfinished ones of earlier days until the next rollover.
  var tickets: [String: TicketRecord] = [:]
  /// Today's numbers → ticket ids.
  var byNumber: [String: String] = [:]
  /// Today's request ids → ticket ids.
  var requests: [String: String] = [:]
  var lastSeqNo: [String: Int] = [:]
  var queues: [String: ServiceQueue] = [:]
  var counters: [Int: CounterRecord] = [:]
  var pendingJobs: [PrintJob] = []
  var printedJobIDs: Set<String> = []
  var recentCalls: [RecentCall] = []
  /// Per service, today's done tickets' counter time (called → finished).
  var observed: [String: (totalMillis: Int64, count: Int)] = [:]
  /// Holds unfinished tickets of an earlier day.
  var hasStaleTickets = false
  var tx = Transaction()
  /// The counters that call each service (Hall+Estimates): they follow the counters' states
  /// only, so any change to a counter clears it, and issuing (the hot path) keeps it.
  var callingCache: [String: [CounterConfig]] = [:]
  var officers: [String: OfficerRecord] = [:]
  var failures = PinFailures()
  /// Today's tickets whose survey is answered.
  var surveyed: Set<String> = []
  let makeBookingCode: () -> String
  /// Bookings of today and later days (Hall+Bookings.swift).
  var bookings: [String: BookingRecord] = [:]
  /// Codes of `bookings` → ids.
  var bookingByCode: [String: String] = [:]
  /// When the earliest `booked` booking becomes missed; nil: none booked.
  var nextMissAt: Millis?
  /// Today's bookings made and remote tickets taken, per phone (the daily cap).
  var phoneUses: [String: Int] = [:]
  /// Today's remote tickets per service they were issued in (the share cap).
  var remoteIssued: [String: Int] = [:]

  /// A value from `make` (a random id or code) that is not `taken`. A generator that keeps
  /// returning used values is a bug, stopped here rather than looped on for ever.
  static func unused(_ make: () -> String, taken: (String) -> Bool) -> String {
    var value = make()
    var attempts = 0
    while taken(value) {
      attempts += 1
      precondition(attempts < 1000, "the generator keeps returning values already in use")
      value = make()
    }
    return value
  }

  public init(
    config: HallConfig, restoring state: HallState?, now: Millis,
    makeTicketID: @escaping () -> String,
    makeTicketKey: @escaping () -> String = Hall.randomTicketKey,
    makeBookingCode: @escaping () -> String = BookingCode.random
  ) {
    self.makeBookingCode = makeBookingCode
    self.config = config
    self.makeTicketID = makeTicketID
    self.makeTicketKey = makeTicketKey
    services = Dictionary(config.services.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    counterConfigs = Dictionary(
      config.counters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let state = state ?? HallState()
    lastSeq = state.lastSeq

    // A clock set back after a restart must not reopen a day whose numbers are used.
    var today = config.zone.local(now).dayNumber
    for t in state.tickets { if let d = HallWire.dayNumber(of: t.day) { today = max(today, d) } }
    for s in state.sequences { if let d = HallWire.dayNumber(of: s.day) { today = max(today, d) } }
    if let d = state.serviceDay.flatMap(HallWire.dayNumber(of:)) { today = max(today, d) }
    dayNumber = today
    day = LocalTime(dayNumber: today, secondOfDay: 0).date

    for s in config.services { queues[s.id] = ServiceQueue() }
    for t in state.tickets where t.day == day || !t.state.isFinal {
      tickets[t.id] = t
      if t.day != day {
        hasStaleTickets = true
      } else {
        byNumber[t.number] = t.id
        if let r = t.request { requests[r] = t.id }
        lastSeqNo[t.issuedService] = max(lastSeqNo[t.issuedService, default: 0], t.seqNo)
        if t.state == .done, let called = t.calledAt, let finished = t.finishedAt {
          observe(service: t.service, millis: finished - called)
        }
      }
      if t.state == .waiting {
        if queues[t.service] == nil { queues[t.service] = ServiceQueue() }
        queues[t.service]!.insert(QueueEntry(t))
      }
    }
    for s in state.sequences where s.day == day {
      lastSeqNo[s.service] = max(lastSeqNo[s.service, default: 0], s.lastSeqNo)
    }
    let stored = Dictionary(state.counters.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
    for c in config.counters {
      var record = stored[c.id] ?? CounterRecord(id: c.id, state: .open, since: now)
      if let id = record.ticketID {
        let t = tickets[id]
        if t == nil || !(t!.state == .called || t!.state == .serving) || t!.counter != c.id {
          record.ticketID = nil
        }
      }
      counters[c.id] = record
    }
    for o in state.officers { officers[o.id] = o }
    surveyed = Set(state.surveyedTickets)
    restoreAppointments(state.bookings)
    pendingJobs = state.pendingPrintJobs.filter { $0.printedAt == nil }.sorted {
      ($0.createdAt, $0.job) < ($1.createdAt, $1.job)
    }
    let announced = tickets.values.compactMap { t in
      t.day == day ? t.announced.map { (t.number, $0) } : nil
    }.sorted { ($0.1.seq, $0.1.at) > ($1.1.seq, $1.1.at) }.prefix(10)
    recentCalls = announced.map { number, a in
      RecentCall(number: number, counter: a.counter, at: config.zone.rfc3339(a.at))
    }
  }

  /// Whether the clock reads an earlier day than the hall's service day (it was set back):
  /// the hall stays on its day, and the server should warn.
  public func clockIsBehind(at now: Millis) -> Bool {
    zone.local(now).dayNumber < dayNumber
  }

  /// Whether the service day of `now` differs from the hall's (or stale tickets remain).
  public func needsRollover(at now: Millis) -> Bool {
    hasStaleTickets || zone.local(now).dayNumber > dayNumber
      || nextMissAt.map { now >= $0 } ?? false
  }

  /// Runs one command. A refused command changes nothing (an automatic rollover that ran
  /// before it is kept and reported with the next outcome). A caller that persists outcomes
  /// should use `step(_:at:)`, which hands the rollover back on its own.
  public func handle(_ command: Command, at now: Millis) throws(QueueError) -> Outcome {
    if needsRollover(at: now) { rollover(at: now) }
    let reply = try dispatch(command, at: now)
    return tx.drain(reply: reply, lastSeq: lastSeq)
  }

  /// Runs one command; a new service day noticed on the way is its own outcome, returned
  /// even when the command is refused, so it can be committed by itself.
  public func step(_ command: Command, at now: Millis) -> Step {
    if needsRollover(at: now) { rollover(at: now) }
    // Also carries anything a refused `handle` left pending.
    let rollover = tx.isEmpty ? nil : tx.drain(reply: .acknowledged, lastSeq: lastSeq)
    if command == .rollover {
      return Step(
        rollover: nil,
        result: .success(rollover ?? tx.drain(reply: .acknowledged, lastSeq: lastSeq)))
    }
    do {
      let reply = try dispatch(command, at: now)
      return Step(rollover: rollover, result: .success(tx.drain(reply: reply, lastSeq: lastSeq)))
    } catch {
      return Step(rollover: rollover, result: .failure(error))
    }
  }

  private func dispatch(_ command: Command, at now: Millis) throws(QueueError) -> Reply {
    switch command {
    case .rollover: return .acknowledged
    case .issue(let service, let priority, let box, let request):
      return try issue(service: service, priority: priority, box: box, request: request, now: now)
    case .call(let counter, let target): return try call(counter: counter, target, now: now)
    case .recall(let counter): return try recall(counter: counter, now: now)
    case .start(let counter): return try start(counter: counter, now: now)
    case .done(let counter): return try finishCurrent(counter: counter, as: .done, now: now)
    case .noshow(let counter): return try finishCurrent(counter: counter, as: .noshow, now: now)
    case .transfer(let counter, let to): return try transfer(counter: counter, to: to, now: now)
    case .cancel(let id): return try cancel(ticketID: id, now: now)
    case .pause(let counter, let reason):
      return try pause(counter: counter, reason: reason, now: now)
    case .resume(let counter): return try resume(counter: counter, now: now)
    case .open(let counter): return try open(counter: counter, now: now)
    case .close(let counter, let force): return try close(counter: counter, force: force, now: now)
    case .printed(let job, let box): return try printed(job: job, box: box, now: now)
    case .addOfficer(let id, let name, let pin, let salt):
      return try addOfficer(id: id, name: name, pin: pin, salt: salt)
    case .resetPIN(let id, let pin, let salt):
      return try resetPIN(officer: id, pin: pin, salt: salt)
    case .removeOfficer(let id): return try removeOfficer(id: id, now: now)
    case .signIn(let counter, let officer, let pin):
      return try signIn(counter: counter, officer: officer, pin: pin, now: now)
    case .signOut(let counter): return try signOut(counter: counter, now: now)
    case .answerSurvey(let id, let answer): return try answerSurvey(ticketID: id, answer, now: now)
    case .book(let service, let start, let name, let phone):
      return try book(service: service, start: start, name: name, phone: phone, now: now)
    case .cancelBooking(let id): return try cancelBooking(id: id, now: now)
    case .checkIn(let code, let box): return try checkIn(code: code, box: box, now: now)
    case .issueRemote(let service, let phone, let request):
      return try issueRemote(service: service, phone: phone, request: request, now: now)
    }
  }

  // MARK: - Recording changes

  func put(_ t: TicketRecord) {
    tickets[t.id] = t
    tx.record(t)
  }

  func put(_ c: CounterRecord) {
    counters[c.id] = c
    callingCache = [:]
    tx.record(c)
  }

  func enqueue(_ t: TicketRecord) {
    queues[t.service, default: ServiceQueue()].insert(QueueEntry(t))
  }

  func dequeue(_ t: TicketRecord) {
    queues[t.service]?.remove(QueueEntry(t))
  }

  func emit(_ body: Event.Body, at now: Millis) {
    lastSeq += 1
    tx.events.append(Event(seq: lastSeq, at: now, atText: zone.rfc3339(now), body: body))
  }

  func observe(service: String, millis: Int64) {
    var o = observed[service, default: (0, 0)]
    o.totalMillis += max(0, millis)
    o.count += 1
    observed[service] = o
  }

  func counterRef(_ id: Int) -> CounterRef {
    CounterRef(id: id, name: counterConfigs[id]?.name ?? "Loket \(id)")
  }
}

/// What one `handle` call has changed so far.
struct Transaction {
  var events: [Event] = []
  var tickets: [String: TicketRecord] = [:]
  var ticketOrder: [String] = []
  var counters: [Int: CounterRecord] = [:]
  var counterOrder: [Int] = []
  var sequences: [DaySequence] = []
  var newJobs: [PrintJob] = []
  var printedJobs: [PrintJob] = []
  var officers: [OfficerRecord] = []
  var surveys: [SurveyRecord] = []
  var bookings: [String: BookingRecord] = [:]
  var bookingOrder: [String] = []
  var serviceDay: String?

  mutating func recordOfficer(_ o: OfficerRecord) {
    officers.removeAll { $0.id == o.id }
    officers.append(o)
  }

  var isEmpty: Bool {
    events.isEmpty && ticketOrder.isEmpty && counterOrder.isEmpty && sequences.isEmpty
      && newJobs.isEmpty && printedJobs.isEmpty && serviceDay == nil && officers.isEmpty
      && surveys.isEmpty && bookingOrder.isEmpty
  }

  mutating func record(_ b: BookingRecord) {
    if bookings.updateValue(b, forKey: b.id) == nil { bookingOrder.append(b.id) }
  }

  mutating func record(_ t: TicketRecord) {
    if tickets.updateValue(t, forKey: t.id) == nil { ticketOrder.append(t.id) }
  }

  mutating func record(_ c: CounterRecord) {
    if counters.updateValue(c, forKey: c.id) == nil { counterOrder.append(c.id) }
  }

  mutating func drain(reply: Reply, lastSeq: Int64) -> Outcome {
    var changes = Changes()
    changes.tickets = ticketOrder.map { tickets[$0]! }
    changes.counters = counterOrder.map { counters[$0]! }
    var seen = Set<DaySequence>()
    changes.sequences = sequences.reversed().filter {
      seen.insert(DaySequence(day: $0.day, service: $0.service, lastSeqNo: 0)).inserted
    }.reversed()
    changes.newPrintJobs = newJobs
    changes.printedJobs = printedJobs
    changes.officers = officers
    changes.surveys = surveys
    changes.bookings = bookingOrder.map { bookings[$0]! }
    changes.lastSeq = events.isEmpty ? nil : lastSeq
    changes.serviceDay = serviceDay
    let outcome = Outcome(reply: reply, events: events, changes: changes)
    self = Transaction()
    return outcome
  }
}
