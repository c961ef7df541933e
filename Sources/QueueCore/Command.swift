import HallWire

/// What an officer, a kiosk or the server asks of the hall.
public enum Command: Sendable, Equatable {
  /// `box`: the ticket box that prints it (a print job follows). `request`: an idempotency
  /// key: the same key again on the same service day returns the ticket it first issued,
  /// whatever the other arguments, even if the service has closed since. Request ids are
  /// hall-wide; a server that lets clients choose them may prefix them with the client.
  case issue(service: String, priority: Bool, box: String? = nil, request: String? = nil)
  case call(counter: Int, CallTarget)
  case recall(counter: Int)
  case start(counter: Int)
  case done(counter: Int)
  case noshow(counter: Int)
  /// The counter's current ticket joins the back of another service's queue, its number
  /// kept. Allowed whatever that service's hours: the visitor is already in the hall.
  case transfer(counter: Int, to: String)
  case cancel(ticketID: String)
  /// A short break: the counter keeps its current ticket and its services stay issuable.
  case pause(counter: Int, reason: String? = nil)
  case resume(counter: Int)
  case open(counter: Int)
  /// Finishes the counter's current ticket as done, then closes it. Refused with
  /// `would_strand` when it is the last open or paused counter of a service with people
  /// waiting, unless `force`: they then keep waiting, with no ETA, until a counter opens.
  case close(counter: Int, force: Bool = false)
  /// A ticket box acknowledges a print job.
  /// From `box` when given: a box acknowledges only its own jobs.
  case printed(job: String, box: String? = nil)
  /// Starts the service day of `now` if it changed: see `Hall.handle`.
  case rollover
  // Officers and the survey (issue 12): `pin` and `salt` come from the caller's randomness.
  case addOfficer(id: String, name: String, pin: String, salt: [UInt8])
  case resetPIN(officer: String, pin: String, salt: [UInt8])
  case removeOfficer(id: String)
  case signIn(counter: Int, officer: String, pin: String)
  case signOut(counter: Int)
  case answerSurvey(ticketID: String, SurveyAnswer)
  // Appointments and remote tickets (issue 18, Hall+Bookings.swift, Hall+Remote.swift).
  /// Books a place in the slot of `service` starting at `start`. `phone` as typed (it is
  /// normalised); at most `Hall.bookingsPerPhonePerDay` bookings and remote tickets per
  /// phone per day. Replies `.booked`.
  case book(service: String, start: Millis, name: String, phone: String)
  /// Frees the booking's place. The caller checks its key first. Replies `.booking`.
  case cancelBooking(id: String)
  /// Issues the booking's ticket (`code` as typed, `#` allowed), from 30 minutes before its
  /// slot until 15 after; its wait counts from the later of its slot and now. Checking in
  /// again returns the same ticket (`created` false). `box`: as for `issue`.
  case checkIn(code: String, box: String? = nil)
  /// Today's ticket taken from a phone, within the service's `remote.share`.
  case issueRemote(service: String, phone: String, request: String? = nil)
}

public enum CallTarget: Sendable, Equatable {
  /// By the counter's policy among its services.
  case auto
  /// The next ticket of that service.
  case service(String)
  /// That ticket: waiting, a no-show of today brought back, or a transferred one.
  case number(String)
}

/// What a command produced: the reply, the feed events, and what Storage must persist in
/// the same transaction before any of it leaves the process.
public struct Outcome: Sendable {
  public var reply: Reply
  /// Numbered, strictly increasing, continuing from the previous outcome.
  public var events: [Event]
  public var changes: Changes
}

public enum Reply: Sendable, Equatable {
  /// `created` is false when an `issue` repeats a request id already used today.
  case ticket(Ticket, created: Bool)
  case counter(Counter)
  /// `call` found nobody waiting (HTTP 204); the counter's previous ticket is still finished.
  case nobodyWaiting
  /// `printed` and `rollover`.
  case acknowledged
  case officer(Officer)
  case surveyed(SurveyRecord)
  /// A new booking and the key that views or cancels it.
  case booked(Booking, key: String)
  case booking(Booking)
}

/// Rows to write. Each record appears once, in its final state for this command.
public struct Changes: Sendable, Equatable {
  public var tickets: [TicketRecord] = []
  public var counters: [CounterRecord] = []
  public var sequences: [DaySequence] = []
  public var newPrintJobs: [PrintJob] = []
  /// Jobs now closed, `printedAt` set.
  public var printedJobs: [PrintJob] = []
  /// The seq of the last event, to persist with the rows (nil: no event).
  public var lastSeq: Int64?
  public var officers: [OfficerRecord] = []
  public var surveys: [SurveyRecord] = []
  /// Bookings made or changed (cancelled, checked in, missed).
  public var bookings: [BookingRecord] = []
  /// The service day just started (rollover), to persist so that a clock set back later
  /// never reopens an earlier day (nil: the day did not change).
  public var serviceDay: String?

  public init() {}

  public var isEmpty: Bool {
    tickets.isEmpty && counters.isEmpty && sequences.isEmpty && newPrintJobs.isEmpty
      && printedJobs.isEmpty && serviceDay == nil && officers.isEmpty && surveys.isEmpty
      && bookings.isEmpty
  }
}

/// One command's result, with the day's rollover apart: the server commits `rollover`
/// whether or not the command was refused, so no screen ever sees a day change that was
/// not stored.
public struct Step: Sendable {
  /// The start of a new service day (expiries, counters let go) noticed by this command;
  /// nil when the day had not changed. Its events come before the command's.
  public var rollover: Outcome?
  public var result: Result<Outcome, QueueError>
}

/// A refused command. It changed nothing.
public struct QueueError: Error, Sendable, Equatable, CustomStringConvertible {
  public enum Code: String, Sendable, Equatable {
    case badRequest = "bad_request"
    case notFound = "not_found"
    case unknownService = "unknown_service"
    case unknownCounter = "unknown_counter"
    case serviceClosed = "service_closed"
    case quotaReached = "quota_reached"
    case noCurrentTicket = "no_current_ticket"
    case conflict
    case badPin = "bad_pin"
    case rateLimited = "rate_limited"
    case noOfficer = "no_officer"
    case alreadyAnswered = "already_answered"
    /// Closing the counter would leave `services` with waiting visitors and no counter.
    case wouldStrand = "would_strand"
    case slotFull = "slot_full"
    /// Check-in more than 30 minutes before the slot.
    case tooEarly = "too_early"
    /// Check-in more than 15 minutes after the slot: the visitor takes an ordinary ticket.
    case missed
    case remoteShareReached = "remote_share_reached"
  }

  public var code: Code
  /// English.
  public var message: String
  /// Bahasa Indonesia.
  public var messageID: String
  /// For `would_strand`: the services that would be left without a counter (the error
  /// object's `services`).
  public var services: [String]?

  public init(_ code: Code, _ message: String, id messageID: String, services: [String]? = nil) {
    self.code = code
    self.message = message
    self.messageID = messageID
    self.services = services
  }

  public var httpStatus: Int {
    switch code {
    case .badRequest: 400
    case .notFound, .unknownService, .unknownCounter: 404
    case .serviceClosed, .quotaReached, .noCurrentTicket, .conflict, .wouldStrand: 409
    case .noOfficer, .alreadyAnswered: 409
    case .slotFull, .tooEarly, .missed, .remoteShareReached: 409
    case .badPin: 401
    case .rateLimited: 429
    }
  }

  public var description: String { "\(code.rawValue): \(message)" }
}
