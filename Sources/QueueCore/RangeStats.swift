import HallWire

/// `GET /api/stats?from&to`: the day's shape summed over the range, with target shares,
/// arrivals by hour, officers and the IKM.
public struct RangeStats: Sendable, Equatable, Encodable {
  public struct ServiceStats: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var targetWaitS: Int
    public var issued = 0
    public var served = 0
    public var noshow = 0
    public var cancelled = 0
    public var expired = 0
    /// Called here, then transferred to another service (as `Stats` counts a day).
    public var transferred = 0
    /// No-shows called again (once per ticket and service).
    public var calledBack = 0
    public var waitS = Summary([])
    public var serviceS = Summary([])
    /// Share of served tickets whose wait was ≤ the target; nil when none was served.
    @Nullable public var withinTarget: Double? = nil
    public var arrivalsByHour = [Int](repeating: 0, count: 24)
    @Nullable public var ikm: Double? = nil
    @Nullable public var ikmBand: String? = nil
    public var respondents = 0
    /// Bookings for slots in the period, cancelled ones left out (PROTOCOL 1.1).
    public var bookings = 0
    /// Of those, not checked in by 15 minutes after their slot: a booking's no-show.
    public var bookingsMissed = 0

    enum CodingKeys: String, CodingKey {
      case bookings, bookingsMissed = "bookings_missed"
      case id, name, issued, served, noshow, cancelled, expired, transferred
      case calledBack = "called_back"
      case targetWaitS = "target_wait_s", waitS = "wait_s", serviceS = "service_s"
      case withinTarget = "within_target", arrivalsByHour = "arrivals_by_hour", ikm
      case ikmBand = "ikm_band", respondents
    }
  }

  public struct CounterStats: Sendable, Equatable, Encodable {
    public var id: Int
    public var name: String
    public var served = 0
    public var noshow = 0
    /// Served here, then transferred to another service.
    public var transferred = 0
    /// Done tickets and the part of transferred ones spent at this counter.
    public var serviceS = Summary([])
    public var respondents = 0
    @Nullable public var ikm: Double? = nil

    enum CodingKeys: String, CodingKey {
      case id, name, served, noshow, transferred, serviceS = "service_s", respondents, ikm
    }
  }

  public struct OfficerStats: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var served = 0
    public var noshow = 0
    @Nullable public var serviceMeanS: Int? = nil
    @Nullable public var serviceP90S: Int? = nil
    public var respondents = 0
    @Nullable public var ikm: Double? = nil

    enum CodingKeys: String, CodingKey {
      case id, name, served, noshow, serviceMeanS = "service_mean_s"
      case serviceP90S = "service_p90_s", respondents, ikm
    }
  }

  public struct DayStats: Sendable, Equatable, Encodable {
    public var date: String
    public var issued = 0
    public var served = 0
    public var noshow = 0
  }

  public var hall: String
  public var from: String
  public var to: String
  public var services: [ServiceStats]
  public var counters: [CounterStats]
  public var officers: [OfficerStats]
  /// Every called ticket's wait, the whole hall.
  public var waitS: Summary
  /// The whole hall, hall time.
  public var arrivalsByHour: [Int]
  /// Monday first, 7 × 24: the week's heat map.
  public var arrivalsByWeekdayHour: [[Int]]
  public var byDay: [DayStats]
  public var ikm: IKMReport

  enum CodingKeys: String, CodingKey {
    case hall, date, from, to, services, counters, officers, days, waitS = "wait_s"
    case arrivalsByHour = "arrivals_by_hour", arrivalsByWeekdayHour = "arrivals_by_weekday_hour"
    case byDay = "by_day", ikm
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(hall, forKey: .hall)
    // `date` keeps the one-day shape readable by v1 clients.
    try c.encode(from == to ? from : nil, forKey: .date)
    try c.encode(from, forKey: .from)
    try c.encode(to, forKey: .to)
    try c.encode(services, forKey: .services)
    try c.encode(counters, forKey: .counters)
    try c.encode(officers, forKey: .officers)
    try c.encode(waitS, forKey: .waitS)
    try c.encode(arrivalsByHour, forKey: .arrivalsByHour)
    try c.encode(arrivalsByWeekdayHour, forKey: .arrivalsByWeekdayHour)
    try c.encode(byDay, forKey: .byDay)
    try c.encode(ikm, forKey: .ikm)
  }
}
