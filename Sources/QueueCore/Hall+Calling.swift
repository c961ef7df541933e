import HallWire

extension Hall {
  /// wait × weight / target, in milliseconds per second of target.
  func score(_ e: QueueEntry, service: String, at now: Millis) -> Double {
    let weight = e.priority ? config.priorityWeight : 1
    let target = Double(services[service]?.targetWaitS ?? 1)
    return Double(max(0, now - e.enqueuedAt)) * weight / target
  }

  /// Whether `a` is called before `b` under the score rule (ties: earlier issue).
  func ahead(_ a: QueueEntry, in sa: String, of b: QueueEntry, in sb: String, at now: Millis)
    -> Bool
  {
    let x = score(a, service: sa, at: now)
    let y = score(b, service: sb, at: now)
    if x != y { return x > y }
    if a.issuedAt != b.issuedAt { return a.issuedAt < b.issuedAt }
    if a.seqNo != b.seqNo { return a.seqNo < b.seqNo }
    return a.id < b.id
  }

  /// The ticket a service calls next by score: one of its two heads.
  func bestByScore(in service: String, at now: Millis) -> QueueEntry? {
    guard let q = queues[service] else { return nil }
    switch (q.priority.first, q.normal.first) {
    case (nil, nil): return nil
    case (let p?, nil): return p
    case (nil, let n?): return n
    case (let p?, let n?): return ahead(p, in: service, of: n, in: service, at: now) ? p : n
    }
  }

  func oldest(in service: String) -> QueueEntry? {
    guard let q = queues[service] else { return nil }
    switch (q.priority.first, q.normal.first) {
    case (nil, nil): return nil
    case (let p?, nil): return p
    case (nil, let n?): return n
    case (let p?, let n?): return QueueEntry.precedes(p, n) ? p : n
    }
  }

  /// The next ticket for a counter with `policy` among `candidates` (in the counter's order).
  func pick(among candidates: [String], policy: CallPolicy, at now: Millis) -> QueueEntry? {
    switch policy {
    case .ordered:
      for s in candidates { if let e = bestByScore(in: s, at: now) { return e } }
      return nil
    case .fifo:
      var best: QueueEntry?
      for s in candidates {
        if let e = oldest(in: s), best == nil || QueueEntry.precedes(e, best!) { best = e }
      }
      return best
    case .score:
      var best: (QueueEntry, String)?
      for s in candidates {
        guard let e = bestByScore(in: s, at: now) else { continue }
        if let b = best, !ahead(e, in: s, of: b.0, in: b.1, at: now) { continue }
        best = (e, s)
      }
      return best?.0
    }
  }
}
