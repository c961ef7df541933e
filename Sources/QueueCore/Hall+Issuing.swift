import HallWire

extension Hall {
  /// 128 random bits, URL-safe base64 without padding (22 characters).
  public static func randomTicketKey() -> String {
    var rng = SystemRandomNumberGenerator()
    return randomTicketKey(using: &rng)
  }

  public static func randomTicketKey<R: RandomNumberGenerator>(using rng: inout R) -> String {
    var bits = (rng.next() as UInt64, rng.next() as UInt64)
    // ASCII bytes, not Characters: this runs for every ticket issued.
    return String(unsafeUninitializedCapacity: 22) { out in
      for i in 0..<22 {
        // 21 characters of 6 bits and one of 2: all 128 bits are used.
        out[i] = keyAlphabet[Int(bits.0 & 0x3F)]
        bits.0 = bits.0 >> 6 | bits.1 << 58
        bits.1 >>= 6
      }
      return 22
    }
  }

  private static let keyAlphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  /// The key a ticket is cancelled with, for checking a visitor's request.
  public func ticketKey(id: String) -> String? { tickets[id]?.key }

  func issue(service: String, priority: Bool, box: String?, request: String?, now: Millis)
    throws(QueueError) -> Reply
  {
    if let request, let id = requests[request], let t = tickets[id] {
      return .ticket(view(t, at: now), created: false)
    }
    guard let svc = services[service] else { throw Refusal.unknownService(service) }
    if let box, !config.kiosks.contains(where: { $0.id == box }) {
      throw QueueError(
        .badRequest, "Unknown ticket box \"\(box)\".", id: "Kotak tiket \"\(box)\" tidak dikenal.")
    }
    if let refusal = refusal(toIssue: svc, at: now) { throw refusal }
    return .ticket(
      createTicket(service: service, priority: priority, box: box, request: request, now: now),
      created: true)
  }

  /// Issues a ticket already judged issuable; the reply's view, with its key. `enqueuedAt`:
  /// when its wait starts (an appointment's: the later of its slot and now).
  func createTicket(
    service: String, priority: Bool, box: String?, request: String?, now: Millis,
    enqueuedAt: Millis? = nil, setUp: (inout TicketRecord) -> Void = { _ in }
  ) -> Ticket {
    let seqNo = lastSeqNo[service, default: 0] + 1
    let id = Hall.unused(makeTicketID) { tickets[$0] != nil }
    var t = TicketRecord(
      id: id, day: day, service: service,
      number: TicketRecord.number(service: service, seqNo: seqNo), seqNo: seqNo,
      priority: priority, state: .waiting, issuedAt: now, enqueuedAt: enqueuedAt ?? now,
      request: request, box: box, key: makeTicketKey())
    setUp(&t)
    lastSeqNo[service] = seqNo
    tx.sequences.append(DaySequence(day: day, service: service, lastSeqNo: seqNo))
    byNumber[t.number] = t.id
    if let request { requests[request] = t.id }
    put(t)
    enqueue(t)
    let ticket = view(t, at: now)
    emit(.issued(ticket: ticket, waiting: waitingCounts()), at: now)
    // The key goes only to its owner: this reply and the box that prints the ticket.
    var owned = ticket
    owned.key = t.key
    if let box {
      // Unguessable, so no other box can acknowledge (and so swallow) this job.
      let job = PrintJob(job: "J" + makeTicketID(), box: box, ticketID: t.id, createdAt: now)
      pendingJobs.append(job)
      tx.newJobs.append(job)
      emit(.print(job: job.job, box: box, ticket: owned), at: now)
    }
    return owned
  }

  /// Why `svc` cannot take a ticket now, or nil: hours, then counters, then quota.
  func refusal(toIssue svc: ServiceConfig, at now: Millis) -> QueueError? {
    switch closedReason(svc, at: now) {
    case nil: return nil
    case .hours:
      let label = "\(svc.id) (\(svc.name))"
      guard let next = nextOpening(svc, after: now) else {
        return QueueError(
          .serviceClosed, "Service \(label) is closed and has no opening hours this week.",
          id: "Layanan \(label) tutup dan tidak ada jadwal buka minggu ini.")
      }
      let (en, idn) = describeOpening(next, from: now)
      return QueueError(
        .serviceClosed, "Service \(label) is closed now; it opens \(en).",
        id: "Layanan \(label) sedang tutup; buka lagi \(idn).")
    case .noCounter:
      let label = "\(svc.id) (\(svc.name))"
      return QueueError(
        .serviceClosed, "Service \(label) has no counter open right now.",
        id: "Layanan \(label) belum ada loket yang buka.")
    case .quota:
      let label = "\(svc.id) (\(svc.name))"
      let quota = svc.quota ?? 0
      return QueueError(
        .quotaReached, "Service \(label) has issued its \(quota) tickets for today.",
        id: "Kuota \(quota) antrean layanan \(label) hari ini sudah habis.")
    }
  }

  func closedReason(_ svc: ServiceConfig, at now: Millis) -> ClosedReason? {
    if let hours = svc.hours {
      let l = zone.local(now)
      if !hours.isOpen(l.weekday, minute: l.minuteOfDay) { return .hours }
    }
    if !isStaffed(svc.id) { return .noCounter }
    if let quota = svc.quota, lastSeqNo[svc.id, default: 0] >= quota { return .quota }
    return nil
  }

  /// The next time `svc` opens after `now`, within a week.
  func nextOpening(_ svc: ServiceConfig, after now: Millis) -> Millis? {
    guard let hours = svc.hours else { return nil }
    let l = zone.local(now)
    for offset in 0...7 {
      let dayNumber = l.dayNumber + Int64(offset)
      let weekday = LocalTime(dayNumber: dayNumber, secondOfDay: 0).weekday
      for r in hours.days[weekday, default: []] where offset > 0 || r.lowerBound > l.minuteOfDay {
        return zone.startOfDay(dayNumber) + Int64(r.lowerBound) * 60_000
      }
    }
    return nil
  }

  /// "today at 13:00" / "hari ini pukul 13.00", "tomorrow …", "on Monday …".
  func describeOpening(_ t: Millis, from now: Millis) -> (String, String) {
    let at = zone.local(t)
    let days = at.dayNumber - zone.local(now).dayNumber
    let hhmm = clockText(at.minuteOfDay)
    let idTime = hhmm.replacingColon()
    switch days {
    case 0: return ("today at \(hhmm)", "hari ini pukul \(idTime)")
    case 1: return ("tomorrow at \(hhmm)", "besok pukul \(idTime)")
    default:
      return (
        "on \(at.weekday.englishName) at \(hhmm)",
        "hari \(at.weekday.indonesianName) pukul \(idTime)"
      )
    }
  }
}

extension String {
  /// Indonesian writes times as 08.00.
  func replacingColon() -> String { String(map { $0 == ":" ? "." : $0 }) }
}

/// Refusals used by several commands.
enum Refusal {
  static func unknownService(_ id: String) -> QueueError {
    QueueError(
      .unknownService, "There is no service \"\(id)\".", id: "Layanan \"\(id)\" tidak ada.")
  }

  static func unknownCounter(_ id: Int) -> QueueError {
    QueueError(.unknownCounter, "There is no counter \(id).", id: "Loket \(id) tidak ada.")
  }

  static func noCurrentTicket(_ id: Int) -> QueueError {
    QueueError(
      .noCurrentTicket, "Counter \(id) has no ticket called or being served.",
      id: "Loket \(id) tidak sedang memanggil atau melayani antrean.")
  }
}
