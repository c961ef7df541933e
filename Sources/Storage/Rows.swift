/// One ticket as stored. Times are milliseconds since the Unix epoch; `day` is the hall's
/// service day, `YYYY-MM-DD`.
public struct TicketRow: Equatable, Sendable {
  public var id: String
  public var day: String
  public var service: String
  public var number: String
  public var seqNo: Int
  public var priority: Bool
  public var state: String
  public var issuedAt: Int64
  public var enqueuedAt: Int64
  public var calledAt: Int64?
  public var startedAt: Int64?
  public var finishedAt: Int64?
  public var counter: Int?
  public var calls: Int
  public var request: String?
  public var box: String?
  public var officer: String?
  public var firstCalledAt: Int64?
  /// The latest call or recall shown on the hall's screens: when, at which counter, and
  /// the seq of its event.
  public var announcedAt: Int64?
  public var announcedCounter: Int?
  public var announcedSeq: Int64?
  /// The services it was transferred out of, oldest first. Stored once written.
  public var legs: [LegRow]
  /// The secret that lets its holder cancel it (PROTOCOL 1.1). Nil keeps the stored one.
  public var key: String?
  /// Appointment tickets: the booked slot's start, and the booking (schema 5).
  public var appointmentAt: Int64?
  public var bookingID: String?
  /// Remote tickets (schema 5); `phone` is personal data, kept for notices.
  public var remote: Bool = false
  public var phone: String?

  public init(
    id: String, day: String, service: String, number: String, seqNo: Int, priority: Bool,
    state: String, issuedAt: Int64, enqueuedAt: Int64, calledAt: Int64? = nil,
    startedAt: Int64? = nil, finishedAt: Int64? = nil, counter: Int? = nil, calls: Int = 0,
    request: String? = nil, box: String? = nil, firstCalledAt: Int64? = nil,
    announcedAt: Int64? = nil, announcedCounter: Int? = nil, announcedSeq: Int64? = nil,
    legs: [LegRow] = [], officer: String? = nil, key: String? = nil,
    appointmentAt: Int64? = nil, bookingID: String? = nil, remote: Bool = false,
    phone: String? = nil
  ) {
    self.appointmentAt = appointmentAt
    self.bookingID = bookingID
    self.remote = remote
    self.phone = phone
    self.officer = officer
    self.key = key
    self.id = id
    self.day = day
    self.service = service
    self.number = number
    self.seqNo = seqNo
    self.priority = priority
    self.state = state
    self.issuedAt = issuedAt
    self.enqueuedAt = enqueuedAt
    self.calledAt = calledAt
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.counter = counter
    self.calls = calls
    self.request = request
    self.box = box
    self.firstCalledAt = firstCalledAt
    self.announcedAt = announcedAt
    self.announcedCounter = announcedCounter
    self.announcedSeq = announcedSeq
    self.legs = legs
  }
}

/// A service a ticket was called in and then transferred out of.
public struct LegRow: Equatable, Sendable {
  public var service: String
  public var counter: Int
  public var enqueuedAt: Int64
  public var firstCalledAt: Int64
  public var calledAt: Int64
  public var startedAt: Int64?
  public var transferredAt: Int64

  public init(
    service: String, counter: Int, enqueuedAt: Int64, firstCalledAt: Int64, calledAt: Int64,
    startedAt: Int64? = nil, transferredAt: Int64
  ) {
    self.service = service
    self.counter = counter
    self.enqueuedAt = enqueuedAt
    self.firstCalledAt = firstCalledAt
    self.calledAt = calledAt
    self.startedAt = startedAt
    self.transferredAt = transferredAt
  }
}

/// One counter's persisted state; it carries over restarts and days.
public struct CounterRow: Equatable, Sendable {
  public var id: Int
  public var state: String
  public var reason: String?
  public var ticketID: String?
  public var since: Int64
  public var officer: String?

  public init(
    id: Int, state: String, reason: String? = nil, ticketID: String? = nil, since: Int64,
    officer: String? = nil
  ) {
    self.officer = officer
    self.id = id
    self.state = state
    self.reason = reason
    self.ticketID = ticketID
    self.since = since
  }
}

/// The last sequence number issued for `service` on `day`. Stored values only ever grow
/// (see `Store.setNumber`), so numbering never repeats within a day.
public struct NumberRow: Equatable, Sendable {
  public var day: String
  public var service: String
  public var last: Int

  public init(day: String, service: String, last: Int) {
    self.day = day
    self.service = service
    self.last = last
  }
}

/// One feed event: `json` is the full wire message exactly as sent, so replay sends the
/// same bytes. `box` is set for events addressed to one ticket box (print jobs).
public struct EventRow: Equatable, Sendable {
  public var seq: Int64
  public var at: Int64
  public var type: String
  public var box: String?
  public var json: String

  public init(seq: Int64, at: Int64, type: String, box: String? = nil, json: String) {
    self.seq = seq
    self.at = at
    self.type = type
    self.box = box
    self.json = json
  }
}

/// A ticket to print on a ticket box; unprinted until the box acknowledges it.
public struct PrintJobRow: Equatable, Sendable {
  public var job: String
  public var box: String
  public var ticketID: String
  public var createdAt: Int64
  public var printedAt: Int64?

  public init(job: String, box: String, ticketID: String, createdAt: Int64, printedAt: Int64? = nil)
  {
    self.job = job
    self.box = box
    self.ticketID = ticketID
    self.createdAt = createdAt
    self.printedAt = printedAt
  }
}

/// What the server needs at start-up to rebuild the hall.
public struct Recovery: Equatable, Sendable {
  /// Every ticket of the requested day, then every ticket of an earlier day still
  /// waiting, called or serving; each group ordered by issue time.
  public var tickets: [TicketRow]
  public var counters: [CounterRow]
  /// The numbering of the requested day, one row per service that issued.
  public var numbers: [NumberRow]
  /// The highest event `seq` stored, 0 on a new database.
  public var lastSeq: Int64
  /// The latest events, ascending by `seq`.
  public var recentEvents: [EventRow]
  public var unprintedJobs: [PrintJobRow]
  public var meta: [String: String]
  public var officers: [OfficerRow]
  /// Bookings whose slot is on the loaded day or later, and those of earlier days still
  /// `booked` (schema 5).
  public var bookings: [BookingRow] = []
  /// Ids of the day's tickets whose survey is answered.
  public var surveyedTickets: [String]
  /// The day actually loaded: the requested one, or a later service day already started
  /// (the clock was set back). Never earlier than the requested day.
  public var serviceDay: String?

  public init(
    tickets: [TicketRow], counters: [CounterRow], numbers: [NumberRow], lastSeq: Int64,
    recentEvents: [EventRow], unprintedJobs: [PrintJobRow], meta: [String: String],
    serviceDay: String? = nil, officers: [OfficerRow] = [], surveyedTickets: [String] = []
  ) {
    self.officers = officers
    self.surveyedTickets = surveyedTickets
    self.tickets = tickets
    self.counters = counters
    self.numbers = numbers
    self.lastSeq = lastSeq
    self.recentEvents = recentEvents
    self.unprintedJobs = unprintedJobs
    self.meta = meta
    self.serviceDay = serviceDay
  }
}
