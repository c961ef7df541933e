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
    if let current, isRepeatedPress(of: target, current: current, at: now) {
      return .ticket(view(current, at: now), created: false)
    }
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
      t.firstCalledAt = now
    } else {
      // A no-show called back: its wait ended at its first call.
      t.calls += 1
      if t.firstCalledAt == nil { t.firstCalledAt = t.calledAt }
    }
    t.state = .called
    t.calledAt = now
    t.startedAt = nil
    t.finishedAt = nil
    t.counter = id
    t.officer = record.officer
    // `announce` below emits the next event.
    t.announced = Announcement(at: now, counter: id, seq: lastSeq + 1)
    put(t)
    var c = counters[id]!
    c.ticketID = t.id
    put(c)
    let ticket = view(t, at: now)
    announce(ticket, counter: id, recall: false, at: now)
    return .ticket(ticket, created: false)
  }

  /// Two presses of `call` moments apart (two officers, or a double click) mean one call: a
  /// visitor called seconds ago has not had time to reach the desk, so finishing them as
  /// served would record a visit that never happened. Calling by number stays explicit.
  func isRepeatedPress(of target: CallTarget, current: TicketRecord, at now: Millis) -> Bool {
    if case .number = target { return false }
    guard current.state == .called, let calledAt = current.calledAt else { return false }
    if case .service(let s) = target, s != current.service { return false }
    return now - calledAt < Hall.repeatedCallWindow
  }

  /// How soon after a call another `call` at the same counter counts as the same press.
  public static let repeatedCallWindow: Millis = 5_000

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
    // `announce` below emits the next event.
    t.announced = Announcement(at: now, counter: id, seq: lastSeq + 1)
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
    // A visitor being served has come: recording them as absent would be false.
    if state == .noshow && t.state == .serving {
      throw QueueError(
        .conflict, "Ticket \(t.number) is being served; finish it with done instead of no-show.",
        id: "Antrean \(t.number) sedang dilayani; selesaikan dengan selesai, bukan tidak hadir.")
    }
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
    // As for issuing: a queue no counter can call would hold the visitor forever.
    guard isStaffed(service) else {
      let label = "\(service) (\(services[service]!.name))"
      throw QueueError(
        .serviceClosed, "Service \(label) has no counter open right now; nobody could call it.",
        id: "Layanan \(label) belum ada loket yang buka; antrean tidak akan dipanggil.")
    }
    let from = t.service
    let startedAt = t.startedAt
    let calledAt = t.calledAt ?? now
    t.legs.append(
      Leg(
        service: from, counter: id, enqueuedAt: t.enqueuedAt, firstCalledAt: t.firstCall ?? now,
        calledAt: calledAt, startedAt: startedAt, transferredAt: now))
    t.service = service
    t.state = .waiting
    t.enqueuedAt = now
    t.calledAt = nil
    t.firstCalledAt = nil
    t.startedAt = nil
    t.counter = nil
    t.calls = 0
    put(t)
    enqueue(t)
    var c = counters[id]!
    c.ticketID = nil
    put(c)
    let ticket = view(t, at: now)
    emit(
      .transferred(
        ticket: ticket, from: from, waiting: waitingCounts(),
        fromStartedAt: startedAt.map(zone.rfc3339Millis)),
      at: now)
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
  func close(counter id: Int, force: Bool, now: Millis) throws(QueueError) -> Reply {
    let cfg = try counterConfig(id)
    guard counters[id]!.state != .closed else { return .counter(counterView(id, at: now)) }
    let stranded = cfg.services.filter { s in
      !(queues[s]?.isEmpty ?? true) && !isStaffed(s, besides: id)
    }
    if !stranded.isEmpty && !force {
      let list = stranded.joined(separator: ", ")
      throw QueueError(
        .wouldStrand,
        "Counter \(id) is the last one serving \(list), where visitors are waiting; "
          + "closing it would leave them with no counter. Close with force to do it anyway.",
        id: "Loket \(id) adalah loket terakhir yang melayani \(list), dan masih ada yang "
          + "menunggu; menutupnya membuat mereka tanpa loket. Tutup paksa bila memang perlu.",
        services: stranded)
    }
    if let t = current(id) { finish(t, as: .done, now: now) }
    var c = counters[id]!
    c.state = .closed
    c.reason = nil
    c.since = now
    return changeState(c, at: now)
  }

  /// Whether a counter other than `excluded` that serves `service` is open or paused.
  func isStaffed(_ service: String, besides excluded: Int? = nil) -> Bool {
    config.counters.contains {
      $0.id != excluded && $0.services.contains(service) && counters[$0.id]?.state != .closed
    }
  }

  func changeState(_ c: CounterRecord, at now: Millis) -> Reply {
    put(c)
    let view = counterView(c.id, at: now)
    emit(.counter(view), at: now)
    return .counter(view)
  }

  /// Print acknowledgements arrive at least once: a repeat is acknowledged again.
  func printed(job: String, box: String?, now: Millis) throws(QueueError) -> Reply {
    if let i = pendingJobs.firstIndex(where: { $0.job == job && (box == nil || $0.box == box) }) {
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
