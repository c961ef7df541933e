import HallWire

/// Where a waiting ticket stands: the place it will be called in and the seconds until then.
public struct Estimate: Sendable, Equatable {
  /// 1 = the next ticket the counters able to serve it will call.
  public var position: Int
  public var etaS: Int
}

/// Position and ETA follow the counters that will call the ticket (README, "How position and
/// ETA are estimated"). Each counter able to call it is asked, by its own policy, how many
/// tickets it would call first: of the ticket's own service (its rank there), and of its
/// other services, of which it takes a share (one over the counters calling that service).
/// The ETA lets each counter finish its current visitor and its share of other services'
/// work, then splits the own service's work ahead among them, as water fills a basin.
extension Hall {
  public func estimate(ofTicket t: TicketRecord, at now: Millis) -> Estimate? {
    guard t.state == .waiting, let q = queues[t.service], q.index(of: QueueEntry(t)) != nil
    else { return nil }
    return estimate(QueueEntry(t), in: t.service, at: now)
  }

  /// For a ticket issued now in `service`, normal priority: the service's ETA on screens.
  public func estimateForNewTicket(in service: String, at now: Millis) -> Estimate {
    let e = QueueEntry(
      id: "\u{10FFFF}", enqueuedAt: now, issuedAt: now, seqNo: Int.max, priority: false)
    return estimate(e, in: service, at: now)
  }

  /// Scores change with time, so who goes first is judged when the ticket will be called:
  /// from a first guess made now, a few rounds until the call time settles.
  func estimate(_ e: QueueEntry, in service: String, at now: Millis) -> Estimate {
    let calling = callingCounters(service)
    if calling.count == 1, let exact = walk(e, in: service, counter: calling[0], at: now) {
      return exact
    }
    var (estimate, eta) = estimate(e, in: service, at: now, callAt: now)
    for _ in 0..<Hall.estimateRounds {
      let next = self.estimate(e, in: service, at: now, callAt: now + Millis(eta * 1000))
      if next.0 == estimate { break }
      (estimate, eta) = next
    }
    return estimate
  }

  static let estimateRounds = 3

  func estimate(_ e: QueueEntry, in service: String, at now: Millis, callAt: Millis)
    -> (Estimate, Double)
  {
    let calling = callingCounters(service)
    let own = meanServiceSeconds(service)
    guard !calling.isEmpty else {
      // Nobody can call it yet; someone will open: one counter, from now.
      let ahead = ticketsAhead(
        e, in: service, among: service, policy: .score, at: now, callAt: callAt)
      let eta = Double(ahead) * own
      return (Estimate(position: ahead + 1, etaS: Int(eta.rounded())), eta)
    }
    var ownAhead = 0.0
    var othersAhead = 0.0
    var loads: [Double] = []
    // The own service's rank is the same for all counters calling by score (or ordered).
    var rank: [Bool: Int] = [:]
    for c in calling {
      let fifo = c.policy == .fifo
      if rank[fifo] == nil {
        rank[fifo] = ticketsAhead(
          e, in: service, among: service, policy: c.policy, at: now, callAt: callAt)
      }
      ownAhead += Double(rank[fifo]!)
      var load = residualSeconds(counter: c.id, at: now)
      for s in c.services where s != service {
        let n: Int
        if c.policy == .ordered {
          n =
            c.services.firstIndex(of: s)! < c.services.firstIndex(of: service)!
            ? queues[s]?.count ?? 0 : 0
        } else {
          n = ticketsAhead(e, in: service, among: s, policy: c.policy, at: now, callAt: callAt)
        }
        guard n > 0 else { continue }
        let taken = Double(n) / Double(max(1, callingCount(s)))
        othersAhead += taken
        load += taken * meanServiceSeconds(s)
      }
      loads.append(load)
    }
    ownAhead /= Double(calling.count)
    // Halves round towards the front: with mixed policies a ticket that one kind of counter
    // would call next usually is called next.
    let position = max(1, Int((1 + ownAhead + othersAhead - 1e-9).rounded()))
    let eta = max(0, fill(loads, with: ownAhead * own))
    return (Estimate(position: position, etaS: Int(eta.rounded())), eta)
  }

  /// One counter: its calls played forward, one per mean service time of what it calls, by
  /// its own policy, until it calls `e`. Exact when visitors take the mean time. Only while
  /// its services have fewer than `walkLimit` waiting (the estimate of several counters
  /// takes over beyond: it is cheaper, and a queue that long is rare at one counter).
  func walk(_ e: QueueEntry, in service: String, counter c: CounterConfig, at now: Millis)
    -> Estimate?
  {
    var total = 0
    for s in c.services { total += queues[s]?.count ?? 0 }
    guard total < Hall.walkLimit else { return nil }
    struct Lane {
      var priority: [QueueEntry]
      var normal: [QueueEntry]
      var p = 0
      var n = 0
      var target: Double
      var meanMillis: Double
    }
    let inQueue = queues[service]?.index(of: e) != nil
    var lanes = c.services.map { s in
      Lane(
        priority: queues[s]?.priority ?? [], normal: queues[s]?.normal ?? [],
        target: Double(services[s]?.targetWaitS ?? 1), meanMillis: meanServiceSeconds(s) * 1000)
    }
    let own = c.services.firstIndex(of: service)!
    let weight = config.priorityWeight
    var t = Double(now) + residualSeconds(counter: c.id, at: now) * 1000
    for calls in 0...total {
      let at = Millis(t)
      var best: QueueEntry?
      var bestLane = -1
      var bestScore = 0.0
      func consider(_ x: QueueEntry, _ k: Int) {
        let score =
          Double(max(0, at - x.enqueuedAt)) * (x.priority ? weight : 1) / lanes[k].target
        if let b = best {
          switch c.policy {
          case .fifo: if !QueueEntry.precedes(x, b) { return }
          case .score, .ordered:
            if c.policy == .ordered && k != bestLane { return }
            if score < bestScore { return }
            if score == bestScore
              && (x.issuedAt, x.seqNo, x.id) >= (b.issuedAt, b.seqNo, b.id)
            {
              return
            }
          }
        }
        best = x
        bestLane = k
        bestScore = score
      }
      for k in lanes.indices {
        let lane = lanes[k]
        var headP = lane.p < lane.priority.count ? lane.priority[lane.p] : nil
        var headN = lane.n < lane.normal.count ? lane.normal[lane.n] : nil
        // A ticket not yet issued joins behind those of its kind.
        if k == own && !inQueue {
          if e.priority && headP == nil { headP = e }
          if !e.priority && headN == nil { headN = e }
        }
        if let x = headP { consider(x, k) }
        if let x = headN { consider(x, k) }
        if c.policy == .ordered && best != nil { break }
      }
      guard let x = best else { return nil }
      if x.id == e.id {
        return Estimate(
          position: calls + 1, etaS: max(0, Int(((t - Double(now)) / 1000).rounded())))
      }
      if x.priority { lanes[bestLane].p += 1 } else { lanes[bestLane].n += 1 }
      t += lanes[bestLane].meanMillis
    }
    return nil
  }

  static let walkLimit = 300

  /// The time at which `work` seconds, shared among counters each free after its load,
  /// are done: the smallest T with Σ max(0, T − load) = work.
  func fill(_ loads: [Double], with work: Double) -> Double {
    let sorted = loads.sorted()
    var sum = 0.0
    for (i, l) in sorted.enumerated() {
      sum += l
      let t = (work + sum) / Double(i + 1)
      if i + 1 == sorted.count || t <= sorted[i + 1] { return t }
    }
    return work
  }

  /// How many waiting tickets of `other` a counter with `policy` calls before `e` (of
  /// `service`) if `e` is called at `callAt`: fifo by time in the queue, priority ignored;
  /// otherwise by score. A ticket whose score is above `e`'s at that time goes first. One
  /// whose score grows more slowly (a normal ticket before a priority one) may also go
  /// first while it is still ahead: if its turn, at one call per mean time over the
  /// counters, comes before `e` catches up with it.
  func ticketsAhead(
    _ e: QueueEntry, in service: String, among other: String, policy: CallPolicy, at now: Millis,
    callAt: Millis
  ) -> Int {
    guard let q = queues[other] else { return 0 }
    if policy == .fifo {
      return ServiceQueue.partition(q.priority) { QueueEntry.precedes($0, e) }
        + ServiceQueue.partition(q.normal) { QueueEntry.precedes($0, e) }
    }
    let slopeE = slope(e, service: service)
    let step = meanServiceSeconds(other) * 1000 / Double(max(1, callingCount(other)))
    let targetE = Double(services[service]?.targetWaitS ?? 1)
    let targetX = Double(services[other]?.targetWaitS ?? 1)
    // As `score`, operation for operation, so that ties fall as the counter breaks them.
    func score(_ x: QueueEntry, _ target: Double) -> Double {
      Double(max(0, callAt - x.enqueuedAt)) * (x.priority ? config.priorityWeight : 1) / target
    }
    let callAtE = score(e, targetE)
    // A function called twice, not a loop over an array of the two lists: this runs several
    // times for every ticket issued, and the array was an allocation each time.
    func count(_ list: [QueueEntry], isOwn: Bool) -> Int {
      if isOwn && other == service, let i = q.index(of: e) { return i }
      guard let first = list.first else { return 0 }
      let slopeX = slope(first, service: other)
      var lo = 0
      var hi = list.count
      while lo < hi {
        let mid = (lo + hi) / 2
        let x = list[mid]
        // `ahead(x, of: e, at: callAt)`, with the slopes worked out once.
        let scoreX = score(x, targetX)
        var first =
          scoreX != callAtE
          ? scoreX > callAtE : (x.issuedAt, x.seqNo, x.id) < (e.issuedAt, e.seqNo, e.id)
        if !first && slopeX < slopeE {
          let crossing =
            (slopeE * Double(e.enqueuedAt) - slopeX * Double(x.enqueuedAt)) / (slopeE - slopeX)
          first = Double(now) + Double(mid) * step < crossing
        }
        if first { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    return count(q.priority, isOwn: e.priority) + count(q.normal, isOwn: !e.priority)
  }

  /// How fast a waiting ticket's score grows.
  func slope(_ e: QueueEntry, service: String) -> Double {
    (e.priority ? config.priorityWeight : 1) / Double(services[service]?.targetWaitS ?? 1)
  }

  /// The counters that will call a ticket of `service`: the open ones; with none open, the
  /// paused ones (they come back).
  func callingCounters(_ service: String) -> [CounterConfig] {
    if let cached = callingCache[service] { return cached }
    let serving = config.counters.filter { $0.services.contains(service) }
    let open = serving.filter { counters[$0.id]?.state == .open }
    let calling = open.isEmpty ? serving.filter { counters[$0.id]?.state == .paused } : open
    callingCache[service] = calling
    return calling
  }

  func callingCount(_ service: String) -> Int { callingCounters(service).count }

  /// Seconds until the counter is free: what remains of its current visitor's mean time.
  func residualSeconds(counter id: Int, at now: Millis) -> Double {
    guard let t = current(id), let called = t.calledAt else { return 0 }
    let mean = meanServiceSeconds(t.service)
    let elapsed = Double(max(0, now - called)) / 1000
    return max(mean - elapsed, mean * Hall.residualFloor)
  }

  /// A visitor past the mean is still expected to take a little longer.
  static let residualFloor = 0.1

  /// Seconds per ticket in a service: today's observed counter time once there are enough
  /// done tickets, the configured mean before.
  public func meanServiceSeconds(_ service: String) -> Double {
    if let o = observed[service], o.count >= Hall.observationsForETA {
      return Double(o.totalMillis) / Double(o.count) / 1000
    }
    return Double(services[service]?.meanServiceS ?? 0)
  }

  static let observationsForETA = 5
}

extension QueueEntry {
  init(id: String, enqueuedAt: Millis, issuedAt: Millis, seqNo: Int, priority: Bool) {
    self.id = id
    self.enqueuedAt = enqueuedAt
    self.issuedAt = issuedAt
    self.seqNo = seqNo
    self.priority = priority
  }
}
