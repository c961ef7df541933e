import HallWire

extension Hall {
  /// A ticket of today (or an unfinished older one); past days are Storage's.
  public func ticket(id: String, at now: Millis) -> Ticket? {
    tickets[id].map { view($0, at: now) }
  }

  public func record(id: String) -> TicketRecord? { tickets[id] }

  /// Today's ticket with that number.
  public func ticket(number: String, at now: Millis) -> Ticket? {
    byNumber[number].flatMap { tickets[$0] }.map { view($0, at: now) }
  }

  public func counterRecord(_ id: Int) -> CounterRecord? { counters[id] }

  public func view(_ t: TicketRecord, at now: Millis) -> Ticket {
    guard t.state == .waiting, let position = position(of: t, at: now) else {
      return Ticket(record: t, zone: zone, officer: officerRef(t.officer))
    }
    // No counter can call it (closed with force): no estimate is honest.
    let etaS = isStaffed(t.service) ? eta(position: position, in: t.service) : nil
    return Ticket(
      record: t, zone: zone, position: position, etaS: etaS, officer: officerRef(t.officer))
  }

  /// A counter of the hall file, as the wire shows it.
  public func counter(_ id: Int, at now: Millis) -> Counter? {
    counterConfigs[id] == nil ? nil : counterView(id, at: now)
  }

  /// A service of the hall file, as the wire shows it.
  public func service(_ id: String, at now: Millis) -> Service? {
    services[id].map { serviceView($0, at: now) }
  }

  func counterView(_ id: Int, at now: Millis) -> Counter {
    let cfg = counterConfigs[id]!
    let record = counters[id]!
    return Counter(
      id: id, name: cfg.name, services: cfg.services, state: record.state, reason: record.reason,
      ticket: current(id).map { view($0, at: now) }, officer: officerRef(record.officer))
  }

  func serviceView(_ svc: ServiceConfig, at now: Millis) -> Service {
    let reason = closedReason(svc, at: now)
    let waiting = queues[svc.id]?.count ?? 0
    return Service(
      id: svc.id, name: svc.name, nameEN: svc.nameEN ?? svc.name, open: reason == nil,
      closedReason: reason,
      opensAt: reason == .hours ? nextOpening(svc, after: now).map(zone.rfc3339) : nil,
      waiting: waiting, issued: lastSeqNo[svc.id, default: 0], quota: svc.quota,
      targetWaitS: svc.targetWaitS, etaS: eta(position: waiting + 1, in: svc.id))
  }

  public func hallView(at now: Millis, boxes: [BoxStatus]) -> HallView {
    HallView(
      name: config.name, date: day, services: config.services.map { serviceView($0, at: now) },
      counters: config.counters.map { counterView($0.id, at: now) }, boxes: boxes,
      utcOffset: zone.offsetText, ticker: config.ticker, footer: config.footer,
      voice: config.voice, publicURL: config.publicURL)
  }

  public func snapshot(at now: Millis, boxes: [BoxStatus]) -> SnapshotMessage {
    SnapshotMessage(seq: lastSeq, hall: hallView(at: now, boxes: boxes), recentCalls: recentCalls)
  }

  /// Jobs the box has not acknowledged, oldest first, to send again when it reconnects.
  /// With each ticket's key: the box prints it in the QR tracking link.
  public func pendingPrintJobs(box: String, at now: Millis) -> [(PrintJob, Ticket)] {
    pendingJobs.filter { $0.box == box }.compactMap { job in
      tickets[job.ticketID].map { t in
        var ticket = view(t, at: now)
        ticket.key = t.key
        return (job, ticket)
      }
    }
  }

  public func waitingCounts() -> WaitingCounts {
    WaitingCounts(counts: config.services.map { ($0.id, queues[$0.id]?.count ?? 0) })
  }

  /// Seconds per ticket in a service: today's observed counter time once there are enough
  /// done tickets, the configured mean before.
  public func meanServiceSeconds(_ service: String) -> Double {
    if let o = observed[service], o.count >= Hall.observationsForETA {
      return Double(o.totalMillis) / Double(o.count) / 1000
    }
    return Double(services[service]?.meanServiceS ?? 0)
  }

  static let observationsForETA = 5

  /// How many counters work for `service` now: each open counter counts 1 / (how many of
  /// its services have someone waiting, this one included). With none open, paused ones
  /// count (they come back); with none at all, one (someone will open).
  public func effectiveCounters(_ service: String) -> Double {
    if let cached = capacityCache[service] { return cached }
    func share(_ states: Set<CounterState>) -> Double {
      var total = 0.0
      for c in config.counters
      where c.services.contains(service) && states.contains(counters[c.id]!.state) {
        let busy = c.services.filter { $0 == service || !(queues[$0]?.isEmpty ?? true) }.count
        total += 1 / Double(busy)
      }
      return total
    }
    var value = share([.open])
    if value == 0 { value = share([.paused]) }
    if value == 0 { value = 1 }
    capacityCache[service] = value
    return value
  }

  /// Seconds until a ticket at `position` is called: each counter frees up once per mean
  /// service time, so position × mean / counters.
  public func eta(position: Int, in service: String) -> Int {
    Int((Double(position) * meanServiceSeconds(service) / effectiveCounters(service)).rounded())
  }
}
