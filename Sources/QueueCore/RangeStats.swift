import HallWire

/// The fields of a ticket that a report reads; a year of them (a million) stays small.
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

  public init(
    day: String, service: String, issuedService: String, state: TicketState, issuedAt: Millis,
    enqueuedAt: Millis, firstCalledAt: Millis? = nil, calledAt: Millis?, startedAt: Millis?,
    finishedAt: Millis?, counter: Int?, officer: String?
  ) {
    self.firstCalledAt = firstCalledAt
    self.day = day
    self.service = service
    self.issuedService = issuedService
    self.state = state
    self.issuedAt = issuedAt
    self.enqueuedAt = enqueuedAt
    self.calledAt = calledAt
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.counter = counter
    self.officer = officer
  }

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

/// A service a ticket was called in and then transferred out of (`Leg`), as a report reads it.
public struct ReportLeg: Sendable, Equatable {
  public var service: String
  public var counter: Int
  public var enqueuedAt: Millis
  public var firstCalledAt: Millis
  public var calledAt: Millis
  public var startedAt: Millis?
  public var transferredAt: Millis

  public init(
    service: String, counter: Int, enqueuedAt: Millis, firstCalledAt: Millis, calledAt: Millis,
    startedAt: Millis?, transferredAt: Millis
  ) {
    self.service = service
    self.counter = counter
    self.enqueuedAt = enqueuedAt
    self.firstCalledAt = firstCalledAt
    self.calledAt = calledAt
    self.startedAt = startedAt
    self.transferredAt = transferredAt
  }

  public init(_ l: Leg) {
    self.init(
      service: l.service, counter: l.counter, enqueuedAt: l.enqueuedAt,
      firstCalledAt: l.firstCalledAt, calledAt: l.calledAt, startedAt: l.startedAt,
      transferredAt: l.transferredAt)
  }
}

/// One survey answer as a report reads it.
public struct ReportSurvey: Sendable, Equatable {
  public var service: String
  public var counter: Int?
  public var officer: String?
  public var scores: [Int]

  public init(service: String, counter: Int?, officer: String?, scores: [Int]) {
    self.service = service
    self.counter = counter
    self.officer = officer
    self.scores = scores
  }
}

/// A reporting period: whole service days, `from` to `to` inclusive, at most 366 days.
/// How one day's bookings of a service ended (Storage's `bookingCounts`).
public struct ReportBookings: Sendable, Equatable {
  public var service: String
  public var booked: Int
  public var cancelled: Int
  public var missed: Int

  public init(service: String, booked: Int, cancelled: Int, missed: Int) {
    self.service = service
    self.booked = booked
    self.cancelled = cancelled
    self.missed = missed
  }
}

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
    public var withinTarget: Double?
    public var arrivalsByHour = [Int](repeating: 0, count: 24)
    public var ikm: Double?
    public var ikmBand: String?
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

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(name, forKey: .name)
      try c.encode(issued, forKey: .issued)
      try c.encode(served, forKey: .served)
      try c.encode(noshow, forKey: .noshow)
      try c.encode(cancelled, forKey: .cancelled)
      try c.encode(expired, forKey: .expired)
      try c.encode(transferred, forKey: .transferred)
      try c.encode(calledBack, forKey: .calledBack)
      try c.encode(targetWaitS, forKey: .targetWaitS)
      try c.encode(waitS, forKey: .waitS)
      try c.encode(serviceS, forKey: .serviceS)
      try c.encode(withinTarget, forKey: .withinTarget)
      try c.encode(arrivalsByHour, forKey: .arrivalsByHour)
      try c.encode(respondents, forKey: .respondents)
      try c.encode(ikm, forKey: .ikm)
      try c.encode(ikmBand, forKey: .ikmBand)
      try c.encode(bookings, forKey: .bookings)
      try c.encode(bookingsMissed, forKey: .bookingsMissed)
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
    public var ikm: Double?

    enum CodingKeys: String, CodingKey {
      case id, name, served, noshow, transferred, serviceS = "service_s", respondents, ikm
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(name, forKey: .name)
      try c.encode(served, forKey: .served)
      try c.encode(noshow, forKey: .noshow)
      try c.encode(transferred, forKey: .transferred)
      try c.encode(serviceS, forKey: .serviceS)
      try c.encode(respondents, forKey: .respondents)
      try c.encode(ikm, forKey: .ikm)
    }
  }

  public struct OfficerStats: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    public var served = 0
    public var noshow = 0
    public var serviceMeanS: Int?
    public var serviceP90S: Int?
    public var respondents = 0
    public var ikm: Double?

    enum CodingKeys: String, CodingKey {
      case id, name, served, noshow, serviceMeanS = "service_mean_s"
      case serviceP90S = "service_p90_s", respondents, ikm
    }

    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(id, forKey: .id)
      try c.encode(name, forKey: .name)
      try c.encode(served, forKey: .served)
      try c.encode(noshow, forKey: .noshow)
      try c.encode(serviceMeanS, forKey: .serviceMeanS)
      try c.encode(serviceP90S, forKey: .serviceP90S)
      try c.encode(respondents, forKey: .respondents)
      try c.encode(ikm, forKey: .ikm)
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

  /// Everything from the tickets and survey answers of the range (the caller selects them
  /// by day). `officers` names officers by id; ids not in it are listed under their id.
  public static func compute(
    tickets: [ReportTicket], legs: [ReportLeg] = [], surveys: [ReportSurvey],
    officers: [Officer], config: HallConfig, range: ReportRange
  ) -> RangeStats {
    var builder = Builder(config: config, range: range)
    for t in tickets { builder.add(t) }
    for l in legs { builder.add(l) }
    return builder.finish(surveys: surveys, officers: officers)
  }

  /// The same from the hall's own records (their legs included).
  public static func compute(
    records: [TicketRecord], surveys: [ReportSurvey], officers: [Officer], config: HallConfig,
    range: ReportRange
  ) -> RangeStats {
    compute(
      tickets: records.map(ReportTicket.init), legs: records.flatMap(\.legs).map(ReportLeg.init),
      surveys: surveys, officers: officers, config: config, range: range)
  }

  /// Takes tickets one at a time, so a year of them is never held as a list: only the
  /// durations that percentiles need are kept (a few MB for a million tickets).
  public struct Builder {
    let config: HallConfig
    let zone: HallZone
    let firstDay: Int64
    var serviceIndex: [String: Int] = [:]
    var services: [ServiceStats] = []
    var waits: [[Int]] = []
    var serviceTimes: [[Int]] = []
    var within: [Int] = []
    var counterIndex: [Int: Int] = [:]
    var counters: [CounterStats] = []
    var counterTimes: [[Int]] = []
    var officerRows: [String: (served: Int, noshow: Int, times: [Int])] = [:]
    var hours = [Int](repeating: 0, count: 24)
    var week = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
    var byDay: [DayStats]
    var served = 0
    var range: ReportRange
    // Rows come in day order, mostly one service after another: remembering the last day and
    // service spares a date parse and a hash per row.
    var lastDay = ""
    var lastDayIndex = -1

    public init(config: HallConfig, range: ReportRange) {
      self.config = config
      self.range = range
      zone = config.zone
      firstDay = dayNumber(of: range.from) ?? 0
      let first = firstDay
      byDay = (0..<range.days).map {
        DayStats(date: LocalTime(dayNumber: first + Int64($0), secondOfDay: 0).date)
      }
      for (i, s) in config.services.enumerated() {
        serviceIndex[s.id] = i
        services.append(ServiceStats(id: s.id, name: s.name, targetWaitS: s.targetWaitS))
        waits.append([])
        serviceTimes.append([])
        within.append(0)
      }
      for (i, c) in config.counters.enumerated() {
        counterIndex[c.id] = i
        counters.append(CounterStats(id: c.id, name: c.name))
        counterTimes.append([])
      }
    }

    mutating func index(_ id: String) -> Int {
      if let i = serviceIndex[id] { return i }
      return addService(id)
    }

    mutating func addService(_ id: String) -> Int {
      // A service since removed from the hall file still counts.
      services.append(ServiceStats(id: id, name: id, targetWaitS: 0))
      waits.append([])
      serviceTimes.append([])
      within.append(0)
      serviceIndex[id] = services.count - 1
      return services.count - 1
    }

    public mutating func add(_ t: ReportTicket) {
      let issuedIn = index(t.issuedService)
      services[issuedIn].issued += 1
      let local = zone.local(t.issuedAt)
      let hour = local.secondOfDay / 3600
      services[issuedIn].arrivalsByHour[hour] += 1
      hours[hour] += 1
      week[local.weekday.rawValue][hour] += 1
      if t.day != lastDay {
        lastDay = t.day
        lastDayIndex = Int((dayNumber(of: t.day) ?? firstDay - 1) - firstDay)
      }
      let d = lastDayIndex
      let dayOK = d >= 0 && d < byDay.count
      if dayOK { byDay[d].issued += 1 }

      let s = t.service == t.issuedService ? issuedIn : index(t.service)
      if let w = t.waitS { waits[s].append(w) }
      if t.wasCalledBack { services[s].calledBack += 1 }
      switch t.state {
      case .done:
        served += 1
        services[s].served += 1
        if dayOK { byDay[d].served += 1 }
        if let w = t.waitS, w <= services[s].targetWaitS { within[s] += 1 }
        let st = t.serviceS
        if let st { serviceTimes[s].append(st) }
        if let c = t.counter, let ci = counterIndex[c] {
          counters[ci].served += 1
          if let st { counterTimes[ci].append(st) }
        }
        if let o = t.officer {
          officerRows[o, default: (0, 0, [])].served += 1
          if let st { officerRows[o]!.times.append(st) }
        }
      case .noshow:
        services[s].noshow += 1
        if dayOK { byDay[d].noshow += 1 }
        if let c = t.counter, let ci = counterIndex[c] { counters[ci].noshow += 1 }
        if let o = t.officer { officerRows[o, default: (0, 0, [])].noshow += 1 }
      case .cancelled: services[s].cancelled += 1
      case .expired: services[s].expired += 1
      case .waiting, .called, .serving: break
      }
    }

    /// A service the ticket left by transfer: its wait there, and the counter's time with it.
    public mutating func add(_ l: ReportLeg) {
      let s = index(l.service)
      services[s].transferred += 1
      waits[s].append(seconds(from: l.enqueuedAt, to: l.firstCalledAt))
      if l.calledAt != l.firstCalledAt { services[s].calledBack += 1 }
      if let ci = counterIndex[l.counter] {
        counters[ci].transferred += 1
        counterTimes[ci].append(seconds(from: l.startedAt ?? l.calledAt, to: l.transferredAt))
      }
    }

    /// One day's bookings of a service, however they ended.
    public mutating func add(bookings b: ReportBookings) {
      guard let i = serviceIndex[b.service] else { return }
      services[i].bookings += b.booked - b.cancelled
      services[i].bookingsMissed += b.missed
    }

    public func finish(surveys: [ReportSurvey], officers: [Officer]) -> RangeStats {
      var services = self.services
      var counters = self.counters
      for i in services.indices {
        services[i].waitS = Summary(waits[i])
        services[i].serviceS = Summary(serviceTimes[i])
        if services[i].served > 0 {
          services[i].withinTarget = Double(within[i]) / Double(services[i].served)
        }
      }
      for i in counters.indices { counters[i].serviceS = Summary(counterTimes[i]) }

      let ikm = IKMReport.compute(
        surveys: surveys, officers: officers, config: config, range: range, served: served)
      for g in ikm.byService {
        if let i = serviceIndex[g.key] {
          services[i].respondents = g.tally.respondents
          services[i].ikm = g.tally.value
          services[i].ikmBand = g.tally.band?.band
        }
      }
      for g in ikm.byCounter {
        if let n = Int(g.key), let i = counterIndex[n] {
          counters[i].respondents = g.tally.respondents
          counters[i].ikm = g.tally.value
        }
      }
      let names = Dictionary(officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
      let officerIKM = Dictionary(
        ikm.byOfficer.map { ($0.key, $0.tally) }, uniquingKeysWith: { a, _ in a })
      var officerStats: [OfficerStats] = []
      for id in Set(officerRows.keys).union(officerIKM.keys).sorted() {
        let row = officerRows[id] ?? (0, 0, [])
        let summary = Summary(row.times)
        officerStats.append(
          OfficerStats(
            id: id, name: names[id] ?? id, served: row.served, noshow: row.noshow,
            serviceMeanS: summary.mean, serviceP90S: summary.p90,
            respondents: officerIKM[id]?.respondents ?? 0, ikm: officerIKM[id]?.value))
      }
      return RangeStats(
        hall: config.name, from: range.from, to: range.to, services: services,
        counters: counters, officers: officerStats, waitS: Summary(waits.flatMap { $0 }),
        arrivalsByHour: hours, arrivalsByWeekdayHour: week, byDay: byDay, ikm: ikm)
    }
  }
}

extension IKMReport {
  /// The index for the hall and per service, counter and officer.
  public static func compute(
    surveys: [ReportSurvey], officers: [Officer], config: HallConfig, range: ReportRange,
    served: Int
  ) -> IKMReport {
    var hall = IKMTally()
    var byService: [String: IKMTally] = [:]
    var byCounter: [Int: IKMTally] = [:]
    var byOfficer: [String: IKMTally] = [:]
    for s in surveys {
      hall.add(s.scores)
      byService[s.service, default: IKMTally()].add(s.scores)
      if let c = s.counter { byCounter[c, default: IKMTally()].add(s.scores) }
      if let o = s.officer { byOfficer[o, default: IKMTally()].add(s.scores) }
    }
    let order = Dictionary(
      config.services.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    let names = Dictionary(officers.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    let counterNames = Dictionary(
      config.counters.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    return IKMReport(
      from: range.from, to: range.to, hall: hall, served: served,
      byService: byService.sorted { (order[$0.key] ?? 99, $0.key) < (order[$1.key] ?? 99, $1.key) }
        .map { Group(key: $0.key, keyName: "service", name: nil, tally: $0.value) },
      byCounter: byCounter.sorted { $0.key < $1.key }.map {
        Group(key: String($0.key), keyName: "counter", name: counterNames[$0.key], tally: $0.value)
      },
      byOfficer: byOfficer.sorted { $0.key < $1.key }.map {
        Group(key: $0.key, keyName: "officer", name: names[$0.key], tally: $0.value)
      })
  }
}
