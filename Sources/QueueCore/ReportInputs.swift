import HallWire
import InitMacros

/// The fields of a ticket that a report reads; a year of them (a million) stays small.
@PublicInit
public struct ReportTicket: Sendable, Equatable {
  public var day: String
  public var service: String
  public var issuedService: String
  public var state: TicketState
  public var issuedAt: Millis
  public var enqueuedAt: Millis
  /// The first call in its current service (the end of its wait there).
  public var firstCalledAt: Millis?
  /// The latest call: later than the first when a no-show was called back.
  public var calledAt: Millis?
  public var startedAt: Millis?
  public var finishedAt: Millis?
  public var counter: Int?
  public var officer: String?

  public init(_ t: TicketRecord) {
    self.init(
      day: t.day, service: t.service, issuedService: t.issuedService, state: t.state,
      issuedAt: t.issuedAt, enqueuedAt: t.enqueuedAt, firstCalledAt: t.firstCalledAt,
      calledAt: t.calledAt,
      startedAt: t.startedAt, finishedAt: t.finishedAt, counter: t.counter, officer: t.officer)
  }

  /// First call in its current service − joined that queue (as `Stats` counts a day).
  var waitS: Int? { (firstCalledAt ?? calledAt).map { seconds(from: enqueuedAt, to: $0) } }

  var wasCalledBack: Bool {
    guard let first = firstCalledAt, let last = calledAt else { return false }
    return first != last
  }

  /// Finished − started (or called, when never started), done tickets only.
  var serviceS: Int? {
    guard state == .done, let end = finishedAt, let begin = startedAt ?? calledAt else {
      return nil
    }
    return seconds(from: begin, to: end)
  }
}

/// How one day's bookings of a service ended (Storage's `bookingCounts`).
@PublicInit
public struct ReportBookings: Sendable, Equatable {
  public var day: String
  public var service: String
  public var booked: Int
  public var checkedIn: Int
  public var cancelled: Int
  public var missed: Int
}

/// A reporting period: whole service days, `from` to `to` inclusive, at most 366 days.
public struct ReportRange: Sendable, Equatable {
  public var from: String
  public var to: String
  public var days: Int

  public static let maxDays = 366

  /// Both `YYYY-MM-DD`; a missing `to` is `from`, a missing `from` is `to`.
  public init(from: String?, to: String?, today: String) throws(QueueError) {
    let f = from ?? to ?? today
    let t = to ?? from ?? today
    guard let a = dayNumber(of: f), let b = dayNumber(of: t),
      LocalTime(dayNumber: a, secondOfDay: 0).date == f,
      LocalTime(dayNumber: b, secondOfDay: 0).date == t
    else {
      throw QueueError(
        .badRequest, "Dates are YYYY-MM-DD.", id: "Tanggal ditulis YYYY-MM-DD.")
    }
    guard a <= b else {
      throw QueueError(
        .badRequest, "from \(f) is after to \(t).", id: "from \(f) sesudah to \(t).")
    }
    guard b - a < Int64(Self.maxDays) else {
      throw QueueError(
        .badRequest, "A report covers at most \(Self.maxDays) days.",
        id: "Laporan mencakup paling banyak \(Self.maxDays) hari.")
    }
    self.from = LocalTime(dayNumber: a, secondOfDay: 0).date
    self.to = LocalTime(dayNumber: b, secondOfDay: 0).date
    days = Int(b - a) + 1
  }
}
