import HallWire

extension RangeStats {
  /// Everything from the tickets and survey answers of the range (the caller selects them
  /// by day). `officers` names officers by id; ids not in it are listed under their id.
  public static func compute(
    tickets: [ReportTicket], legs: [Leg] = [], surveys: [SurveyRecord],
    officers: [Officer], config: HallConfig, range: ReportRange
  ) -> RangeStats {
    var builder = Builder(config: config, range: range)
    for t in tickets { builder.add(t) }
    for l in legs { builder.add(l) }
    return builder.finish(surveys: surveys, officers: officers)
  }

  /// The same from the hall's own records (their legs included).
  public static func compute(
    records: [TicketRecord], surveys: [SurveyRecord], officers: [Officer], config: HallConfig,
    range: ReportRange
  ) -> RangeStats {
    compute(
      tickets: records.map(ReportTicket.init), legs: records.flatMap(\.legs),
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
    public mutating func add(_ l: Leg) {
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

    public func finish(surveys: [SurveyRecord], officers: [Officer]) -> RangeStats {
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
    surveys: [SurveyRecord], officers: [Officer], config: HallConfig, range: ReportRange,
    served: Int
  ) -> IKMReport {
    var hall = IKMTally()
    var byService: [String: IKMTally] = [:]
    var byCounter: [Int: IKMTally] = [:]
    var byOfficer: [String: IKMTally] = [:]
    for s in surveys {
      let scores = s.answer.scores
      hall.add(scores)
      byService[s.service, default: IKMTally()].add(scores)
      if let c = s.counter { byCounter[c, default: IKMTally()].add(scores) }
      if let o = s.officer { byOfficer[o, default: IKMTally()].add(scores) }
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
