import HallWire

extension Hall {
  func counterConfig(_ id: Int) throws(QueueError) -> CounterConfig {
    guard let c = counterConfigs[id] else { throw Refusal.unknownCounter(id) }
    return c
  }

  /// The ticket the counter has called or is serving.
  func current(_ counter: Int) -> TicketRecord? {
    guard let id = counters[counter]?.ticketID, let t = tickets[id],
      t.state == .called || t.state == .serving
    else { return nil }
    return t
  }

  /// Whether a ticket may be called by its number: waiting (transferred ones included), or
  /// a no-show of today brought back.
  func isCallable(_ t: TicketRecord) -> Bool {
    t.state == .waiting || (t.state == .noshow && t.day == day)
  }

  /// Finishes the counter's current ticket first (as done), then calls the next one.
  func call(counter id: Int, _ target: CallTarget, now: Millis) throws(QueueError) -> Reply {
    let cfg = try counterConfig(id)
    let record = counters[id]!
    guard record.state == .open else {
      throw record.state == .paused
        ? QueueError(
          .conflict, "Counter \(id) is paused; resume it before calling.",
          id: "Loket \(id) sedang istirahat; lanjutkan dulu sebelum memanggil.")
        : QueueError(
          .conflict, "Counter \(id) is closed; open it before calling.",
          id: "Loket \(id) tutup; buka dulu sebelum memanggil.")
    }
    if config.requireOfficer && record.officer == nil { throw OfficerRefusal.noOfficer(id) }
    let current = current(id)
    var chosen: TicketRecord?
    switch target {
    case .auto:
      chosen = pick(among: cfg.services, policy: cfg.policy, at: now).flatMap { tickets[$0.id] }
    case .service(let s):
      guard services[s] != nil else { throw Refusal.unknownService(s) }
      guard cfg.services.contains(s) else {
        throw QueueError(
          .conflict, "Counter \(id) does not serve service \(s).",
          id: "Loket \(id) tidak melayani layanan \(s).")
      }
      let policy: CallPolicy = cfg.policy == .fifo ? .fifo : .score
      chosen = pick(among: [s], policy: policy, at: now).flatMap { tickets[$0.id] }
    case .number(let n):
      guard let tid = byNumber[n], let t = tickets[tid] else {
        throw QueueError(
          .notFound, "There is no ticket \(n) today.", id: "Tidak ada antrean \(n) hari ini.")
      }
      guard t.id != current?.id else {
        throw QueueError(
          .conflict, "Ticket \(n) is already at counter \(id); recall it instead.",
          id: "Antrean \(n) sudah di loket \(id); gunakan panggil ulang.")
      }
      guard isCallable(t) else {
        throw QueueError(
          .conflict, "Ticket \(n) is \(t.state.rawValue) and cannot be called.",
          id: "Antrean \(n) berstatus \(t.state.indonesian) dan tidak bisa dipanggil.")
      }
      guard cfg.services.contains(t.service) else {
        throw QueueError(
          .conflict,
          "Ticket \(n) waits for service \(t.service), which counter \(id) does not serve.",
          id: "Antrean \(n) menunggu layanan \(t.service), yang tidak dilayani loket \(id).")
      }
      chosen = t
    }

    if let current { finish(current, as: .done, now: now) }
    guard var t = chosen else { return .nobodyWaiting }
    if t.state == .waiting {
      dequeue(t)
      t.calls = 1
    } else {
      t.calls += 1
    }
    t.state = .called
    t.calledAt = now
    t.startedAt = nil
    t.finishedAt = nil
    t.counter = id
    t.officer = record.officer
    put(t)
    var c = counters[id]!
    c.ticketID = t.id
    put(c)
    let ticket = view(t, at: now)
    announce(ticket, counter: id, recall: false, at: now)
    return .ticket(ticket, created: false)
  }

  func announce(_ ticket: Ticket, counter id: Int, recall: Bool, at now: Millis) {
    recentCalls.removeAll { $0.number == ticket.number }
    recentCalls.insert(RecentCall(number: ticket.number, counter: id, at: zone.rfc3339(now)), at: 0)
    if recentCalls.count > 10 { recentCalls.removeLast(recentCalls.count - 10) }
    emit(
      .called(ticket: ticket, counter: counterRef(id), recall: recall, waiting: waitingCounts()),
      at: now)
  }

  func recall(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    guard var t = current(id) else { throw Refusal.noCurrentTicket(id) }
    t.calls += 1
    put(t)
    let ticket = view(t, at: now)
    announce(ticket, counter: id, recall: true, at: now)
    return .ticket(ticket, created: false)
  }

  /// The visitor has arrived: called → serving. Serving already: no change.
  func start(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    guard var t = current(id) else { throw Refusal.noCurrentTicket(id) }
    if t.state == .called {
      t.state = .serving
      t.startedAt = now
      put(t)
    }
    return .ticket(view(t, at: now), created: false)
  }

  func finishCurrent(counter id: Int, as state: TicketState, now: Millis) throws(QueueError)
    -> Reply
  {
    _ = try counterConfig(id)
    guard let t = current(id) else { throw Refusal.noCurrentTicket(id) }
    return .ticket(finish(t, as: state, now: now), created: false)
  }

  /// Ends a ticket at its counter (done or noshow) and frees the counter.
  @discardableResult
  func finish(_ ticket: TicketRecord, as state: TicketState, now: Millis) -> Ticket {
    var t = ticket
    t.state = state
    t.finishedAt = now
    put(t)
    if state == .done, let called = t.calledAt { observe(service: t.service, millis: now - called) }
    if let id = t.counter, var c = counters[id], c.ticketID == t.id {
      c.ticketID = nil
      put(c)
    }
    let view = view(t, at: now)
    emit(.finished(ticket: view, waiting: waitingCounts()), at: now)
    return view
  }

  /// The current ticket goes back to waiting, at the back of `to`'s queue, number kept.
  func transfer(counter id: Int, to service: String, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    guard services[service] != nil else { throw Refusal.unknownService(service) }
    guard var t = current(id) else { throw Refusal.noCurrentTicket(id) }
    guard t.service != service else {
      throw QueueError(
        .conflict, "Ticket \(t.number) is already in service \(service).",
        id: "Antrean \(t.number) sudah di layanan \(service).")
    }
    let from = t.service
    t.service = service
    t.state = .waiting
    t.enqueuedAt = now
    t.calledAt = nil
    t.startedAt = nil
    t.counter = nil
    t.calls = 0
    put(t)
    enqueue(t)
    var c = counters[id]!
    c.ticketID = nil
    put(c)
    let ticket = view(t, at: now)
    emit(.transferred(ticket: ticket, from: from, waiting: waitingCounts()), at: now)
    return .ticket(ticket, created: false)
  }

  /// Only a waiting ticket can be cancelled (by its holder).
  func cancel(ticketID: String, now: Millis) throws(QueueError) -> Reply {
    guard var t = tickets[ticketID] else {
      throw QueueError(.notFound, "No such ticket.", id: "Antrean tidak ditemukan.")
    }
    guard t.state == .waiting else {
      throw QueueError(
        .conflict,
        "Ticket \(t.number) is \(t.state.rawValue); only a waiting ticket can be cancelled.",
        id:
          "Antrean \(t.number) berstatus \(t.state.indonesian); hanya antrean yang menunggu bisa dibatalkan."
      )
    }
    dequeue(t)
    t.state = .cancelled
    t.finishedAt = now
    put(t)
    let ticket = view(t, at: now)
    emit(.finished(ticket: ticket, waiting: waitingCounts()), at: now)
    return .ticket(ticket, created: false)
  }

  /// A short break. The counter keeps its current ticket (the officer may finish it after
  /// the break); its services stay issuable. A closed counter must be opened instead.
  func pause(counter id: Int, reason: String?, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    var c = counters[id]!
    guard c.state != .closed else {
      throw QueueError(
        .conflict, "Counter \(id) is closed; open it instead.",
        id: "Loket \(id) tutup; buka loket terlebih dahulu.")
    }
    if c.state == .paused && c.reason == reason { return .counter(counterView(id, at: now)) }
    if c.state != .paused { c.since = now }
    c.state = .paused
    c.reason = reason
    return changeState(c, at: now)
  }

  func resume(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    var c = counters[id]!
    switch c.state {
    case .open: return .counter(counterView(id, at: now))
    case .closed:
      throw QueueError(
        .conflict, "Counter \(id) is closed; open it instead.",
        id: "Loket \(id) tutup; buka loket terlebih dahulu.")
    case .paused:
      c.state = .open
      c.reason = nil
      c.since = now
      return changeState(c, at: now)
    }
  }

  func open(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    var c = counters[id]!
    guard c.state != .open else { return .counter(counterView(id, at: now)) }
    c.state = .open
    c.reason = nil
    c.since = now
    return changeState(c, at: now)
  }

  /// Closing ends the counter's current ticket as done: a closed counter serves nobody, and
  /// the visitor at the desk has been attended to.
  func close(counter id: Int, now: Millis) throws(QueueError) -> Reply {
    _ = try counterConfig(id)
    guard counters[id]!.state != .closed else { return .counter(counterView(id, at: now)) }
    if let t = current(id) { finish(t, as: .done, now: now) }
    var c = counters[id]!
    c.state = .closed
    c.reason = nil
    c.since = now
    return changeState(c, at: now)
  }

  func changeState(_ c: CounterRecord, at now: Millis) -> Reply {
    put(c)
    let view = counterView(c.id, at: now)
    emit(.counter(view), at: now)
    return .counter(view)
  }

  /// Print acknowledgements arrive at least once: a repeat is acknowledged again.
  func printed(job: String, now: Millis) throws(QueueError) -> Reply {
    if let i = pendingJobs.firstIndex(where: { $0.job == job }) {
      var j = pendingJobs.remove(at: i)
      j.printedAt = now
      tx.printedJobs.append(j)
      printedJobIDs.insert(job)
      return .acknowledged
    }
    if printedJobIDs.contains(job) { return .acknowledged }
    throw QueueError(
      .notFound, "No print job \(job) is pending.", id: "Tidak ada tugas cetak \(job).")
  }
}

extension TicketState {
  var indonesian: String {
    switch self {
    case .waiting: "menunggu"
    case .called: "dipanggil"
    case .serving: "dilayani"
    case .done: "selesai"
    case .noshow: "tidak hadir"
    case .cancelled: "dibatalkan"
    case .expired: "kedaluwarsa"
    }
  }
}
