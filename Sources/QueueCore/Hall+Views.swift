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
    guard let e = estimate(ofTicket: t, at: now) else {
      return Ticket(record: t, zone: zone, officer: officerRef(t.officer))
    }
    // No counter can call it (closed with force): no estimate is honest.
    return Ticket(
      record: t, zone: zone, position: e.position, etaS: isStaffed(t.service) ? e.etaS : nil,
      officer: officerRef(t.officer))
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
      // No counter to call it: no estimate is honest (PROTOCOL 1.1, a forced close).
      targetWaitS: svc.targetWaitS,
      etaS: isStaffed(svc.id) ? estimateForNewTicket(in: svc.id, at: now).etaS : nil,
      appointments: svc.appointments.map(AppointmentOffer.init),
      remote: svc.remote.map { RemoteOffer(share: $0.share, notifyAhead: $0.notifyAhead) })
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
}
