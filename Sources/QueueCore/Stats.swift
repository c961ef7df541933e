import HallWire

/// Durations in whole seconds; all nil when there is nothing to measure.
public struct Summary: Sendable, Equatable, Encodable {
  @Nullable public var mean: Int? = nil
  @Nullable public var p50: Int? = nil
  @Nullable public var p90: Int? = nil
  @Nullable public var max: Int? = nil

  /// Nearest-rank percentiles. Durations are whole seconds in a narrow range, so a long
  /// list (a year's waits: a million) is counted into one slot per second instead of being
  /// sorted; short lists are sorted. Both give the same figures.
  public init(_ values: [Int]) {
    guard let low = values.min(), let high = values.max() else { return }
    let n = values.count
    let total = values.reduce(0, +)
    mean = Int((Double(total) / Double(n)).rounded())
    max = high
    let ranks = [0.5, 0.9].map { Swift.max(0, Int(($0 * Double(n)).rounded(.up)) - 1) }
    if n > 4096 && high - low <= 4 * n {
      var counts = [Int](repeating: 0, count: high - low + 1)
      for v in values { counts[v - low] += 1 }
      var found: [Int] = []
      var seen = 0
      var rank = 0
      for (offset, c) in counts.enumerated() where c > 0 {
        seen += c
        while rank < ranks.count && ranks[rank] < seen {
          found.append(low + offset)
          rank += 1
        }
        if rank == ranks.count { break }
      }
      p50 = found[0]
      p90 = found[1]
    } else {
      let sorted = values.sorted()
      p50 = sorted[ranks[0]]
      p90 = sorted[ranks[1]]
    }
  }
}

/// `GET /api/stats`.
public struct StatsReport: Sendable, Equatable, Encodable {
  public struct ServiceStats: Sendable, Equatable, Encodable {
    public var id: String
    public var name: String
    /// Issued in this service (by number).
    public var issued: Int
    /// Done in this service (where it ended, after any transfer).
    public var served: Int
    public var noshow: Int
    public var cancelled: Int
    public var expired: Int
    /// Called here, then transferred to another service: an outcome of this service.
    public var transferred: Int
    /// No-shows of this service called again (counted once per ticket).
    public var calledBack: Int
    /// First call − joined this service's queue, transferred tickets included.
    public var waitS: Summary
    /// Finished − started (or called, when never started), done tickets.
    public var serviceS: Summary

    enum CodingKeys: String, CodingKey {
      case id, name, issued, served, noshow, cancelled, expired, transferred
      case calledBack = "called_back", waitS = "wait_s", serviceS = "service_s"
    }
  }

  public struct CounterStats: Sendable, Equatable, Encodable {
    public var id: Int
    public var name: String
    public var served: Int
    /// Served here, then transferred to another service.
    public var transferred: Int
    /// Done tickets and the part of transferred ones spent at this counter.
    public var serviceS: Summary

    enum CodingKeys: String, CodingKey {
      case id, name, served, transferred, serviceS = "service_s"
    }
  }

  /// The service day reported on, when the caller names it.
  @Nullable public var date: String? = nil
  public var services: [ServiceStats]
  public var counters: [CounterStats]
}

public enum Stats {
  /// The wait the hall imposed in the ticket's current service: to its first call there,
  /// not to a call-back after a no-show.
  public static func waitSeconds(_ t: TicketRecord) -> Int? {
    t.firstCall.map { seconds(from: t.enqueuedAt, to: $0) }
  }

  static func waitSeconds(_ leg: Leg) -> Int {
    seconds(from: leg.enqueuedAt, to: leg.firstCalledAt)
  }

  /// Time at the counter before the transfer.
  static func serviceSeconds(_ leg: Leg) -> Int {
    seconds(from: leg.startedAt ?? leg.calledAt, to: leg.transferredAt)
  }

  public static func serviceSeconds(_ t: TicketRecord) -> Int? {
    guard t.state == .done, let end = t.finishedAt, let begin = t.startedAt ?? t.calledAt
    else { return nil }
    return seconds(from: begin, to: end)
  }

  /// Figures for a set of tickets, usually one day's (`GET /api/stats?date=`).
  public static func compute(tickets: [TicketRecord], config: HallConfig, date: String? = nil)
    -> StatsReport
  {
    let legs = tickets.flatMap(\.legs)
    let services = config.services.map { svc in
      let here = tickets.filter { $0.service == svc.id }
      let left = legs.filter { $0.service == svc.id }
      func count(_ s: TicketState) -> Int { here.filter { $0.state == s }.count }
      return StatsReport.ServiceStats(
        id: svc.id, name: svc.name,
        issued: tickets.filter { $0.issuedService == svc.id }.count,
        served: count(.done), noshow: count(.noshow), cancelled: count(.cancelled),
        expired: count(.expired), transferred: left.count,
        calledBack: here.filter(\.wasCalledBack).count
          + left.filter { $0.calledAt != $0.firstCalledAt }.count,
        waitS: Summary(here.compactMap(waitSeconds) + left.map(waitSeconds)),
        serviceS: Summary(here.compactMap(serviceSeconds)))
    }
    let counters = config.counters.map { c in
      let done = tickets.filter { $0.counter == c.id && $0.state == .done }
      let left = legs.filter { $0.counter == c.id }
      return StatsReport.CounterStats(
        id: c.id, name: c.name, served: done.count, transferred: left.count,
        serviceS: Summary(done.compactMap(serviceSeconds) + left.map(serviceSeconds)))
    }
    return StatsReport(date: date, services: services, counters: counters)
  }
}
