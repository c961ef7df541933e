import HallWire
import InitMacros

/// A ticket as stored. Storage persists exactly these fields as columns.
@PublicInit
public struct TicketRecord: Sendable, Equatable {
  public var id: String
  /// The service day, `YYYY-MM-DD` in the hall's zone.
  public var day: String
  /// The service it now waits for or is served in (changes on transfer).
  public var service: String
  /// The service it was issued in plus the day's sequence: `A012`. Kept on transfer.
  public var number: String
  public var seqNo: Int
  public var priority: Bool
  public var state: TicketState
  public var issuedAt: Millis
  /// When it (re)joined its current queue: the start of its wait in this service.
  public var enqueuedAt: Millis
  /// Its latest call in this service (a no-show called back moves it).
  public var calledAt: Millis?
  public var startedAt: Millis?
  public var finishedAt: Millis?
  public var counter: Int?
  public var calls: Int = 0
  /// The client's idempotency key, unique per day.
  public var request: String?
  /// The ticket box that printed it.
  public var box: String?
  /// Its first call in this service: the end of the wait the hall imposed. Nil on rows
  /// stored before it existed, where it equals `calledAt`.
  public var firstCalledAt: Millis?
  /// Its latest announcement (call, recall or call-back), for the hall's recent calls,
  /// kept through transfers so a restart shows what screens showed.
  public var announced: Announcement?
  /// The services it was called in before being transferred, oldest first.
  public var legs: [Leg] = []
  /// The officer signed in at the counter that last called it.
  public var officer: String?
  /// The secret its holder cancels it with (PROTOCOL 1.1); only the issuer ever sees it.
  public var key: String?
  /// The start of the booked slot it was issued for at check-in. Its `enqueuedAt` is the
  /// later of this and its check-in (`issuedAt`): its wait counts from there.
  public var appointment: Millis?
  /// The booking it was issued for.
  public var booking: String?
  /// Taken from a phone (PROTOCOL 1.1).
  public var remote: Bool = false
  /// A remote ticket's phone number (`+628…`): personal data, for notices only, never on
  /// the wire.
  public var phone: String?

  /// The first call in this service, for rows that predate `firstCalledAt`.
  public var firstCall: Millis? { firstCalledAt ?? calledAt }

  /// Whether it was called again after a no-show.
  public var wasCalledBack: Bool {
    guard let first = firstCall, let last = calledAt else { return false }
    return last != first
  }

  /// The time it waited in earlier services before being transferred: a transfer keeps it,
  /// so a visitor is not sent to the back for the hall's routing.
  public var earlierWait: Millis {
    legs.reduce(0) { $0 + max(0, $1.firstCalledAt - $1.enqueuedAt) }
  }

  /// The basis of its wait for scoring: joining this queue, moved back by `earlierWait`.
  public var waitingSince: Millis { enqueuedAt - earlierWait }

  /// The service it was issued in: the number without its digits.
  public var issuedService: String { String(number.prefix { !$0.isNumber }) }

  /// `A` + 12 → `A012`; at least three digits, more past 999.
  public static func number(service: String, seqNo: Int) -> String {
    let digits = String(seqNo)
    return service + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
  }
}

/// A ticket's announcement on the hall screens.
@PublicInit
public struct Announcement: Sendable, Equatable {
  public var at: Millis
  public var counter: Int
  /// The seq of its `called` event: orders announcements made in the same millisecond.
  public var seq: Int64
}

/// A service a ticket was called in and then transferred out of.
@PublicInit
public struct Leg: Sendable, Equatable {
  public var service: String
  public var counter: Int
  public var enqueuedAt: Millis
  public var firstCalledAt: Millis
  public var calledAt: Millis
  public var startedAt: Millis?
  public var transferredAt: Millis
}

@PublicInit
public struct CounterRecord: Sendable, Equatable {
  public var id: Int
  public var state: CounterState
  /// Why it is paused, as the officer said.
  public var reason: String?
  /// The ticket it has called or is serving.
  public var ticketID: String?
  /// When it entered its state.
  public var since: Millis
  /// The officer signed in here.
  public var officer: String?
}

/// The last sequence number issued in a service on a day.
@PublicInit
public struct DaySequence: Sendable, Equatable, Hashable {
  public var day: String
  public var service: String
  public var lastSeqNo: Int
}

/// A ticket to print on a ticket box; delivered until the box acknowledges it.
@PublicInit
public struct PrintJob: Sendable, Equatable {
  /// `J` + the seq of its `print` event: unique across restarts.
  public var job: String
  public var box: String
  public var ticketID: String
  public var createdAt: Millis
  /// Set when acknowledged (or when closed at rollover: a past day's ticket is not printed).
  public var printedAt: Millis?
}

/// Everything the hall needs to resume after a restart, as Storage loads it.
@PublicInit
public struct HallState: Sendable, Equatable {
  /// Today's tickets and any unfinished ones of earlier days (these expire at the next
  /// rollover). Today's request ids are rebuilt from `TicketRecord.request`.
  public var tickets: [TicketRecord] = []
  public var counters: [CounterRecord] = []
  /// At least today's; other days are ignored.
  public var sequences: [DaySequence] = []
  /// The last event seq emitted.
  public var lastSeq: Int64 = 0
  /// Print jobs not yet acknowledged.
  public var pendingPrintJobs: [PrintJob] = []
  /// The latest service day the hall has started: a clock set back never reopens an
  /// earlier one.
  public var serviceDay: String?
  public var officers: [OfficerRecord] = []
  /// Ids of today's tickets whose survey is answered.
  public var surveyedTickets: [String] = []
  /// Bookings of today and later days, and any still `booked` from earlier days (these
  /// are marked missed at once).
  public var bookings: [BookingRecord] = []
}
