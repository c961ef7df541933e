import HallWire

extension Hall {
  /// Starts the service day of `now` (never goes back to an earlier day). Unfinished tickets
  /// of earlier days, waiting, called or being served, expire with a `finished` event; the
  /// counters let go of them; numbering restarts at 001; request ids start afresh; print
  /// jobs of expired days are closed unprinted.
  func rollover(at now: Millis) {
    let newDayNumber = max(dayNumber, zone.local(now).dayNumber)
    let newDay = LocalTime(dayNumber: newDayNumber, secondOfDay: 0).date
    let dayChanged = newDayNumber != dayNumber
    markMissedBookings(at: now)
    guard dayChanged || hasStaleTickets else { return }
    let old = tickets.values.filter { $0.day != newDay }.sorted {
      ($0.day, $0.issuedAt, $0.seqNo, $0.id) < ($1.day, $1.issuedAt, $1.seqNo, $1.id)
    }
    let oldIDs = Set(old.map(\.id))
    for var t in old where !t.state.isFinal {
      if t.state == .waiting { dequeue(t) }
      t.state = .expired
      t.finishedAt = now
      put(t)
      emit(.finished(ticket: view(t, at: now), waiting: waitingCounts()), at: now)
    }
    for c in config.counters {
      if var record = counters[c.id], let id = record.ticketID, oldIDs.contains(id) {
        record.ticketID = nil
        put(record)
      }
    }
    for var job in pendingJobs where oldIDs.contains(job.ticketID) {
      job.printedAt = now
      tx.printedJobs.append(job)
    }
    pendingJobs.removeAll { oldIDs.contains($0.ticketID) }
    for id in oldIDs { tickets[id] = nil }
    if dayChanged {
      dayNumber = newDayNumber
      day = newDay
      tx.serviceDay = newDay
      byNumber = [:]
      requests = [:]
      lastSeqNo = [:]
      observed = [:]
      recentCalls = []
      printedJobIDs = []
      phoneUses = [:]
      remoteIssued = [:]
      dropBookings(before: newDay)
    }
    hasStaleTickets = false
    callingCache = [:]
  }
}
