import Foundation
import HallWire
import InitMacros
import QueueCore

/// A day (or several) of visitors for a hall, as the scenario file describes it
/// (SIMULATE.md, "Scenario file").
public struct Scenario: Sendable {
  public var hall: HallConfig
  /// The first simulated day, `YYYY-MM-DD`.
  public var date: String
  public var days: Int
  public var replications: Int
  public var seed: UInt64
  public var warmupS: Int
  /// Per service, piecewise-constant Poisson rates.
  public var arrivals: [String: [RatePiece]]
  /// Per service; services left out take exponential times with the hall's mean.
  public var serviceTime: [String: ServiceTime]
  public var priorityShare: [String: Double]
  public var noshow: [String: Double]
  public var noshowWaitS: Int
  /// Counters with shifts; the others are open all day.
  public var shifts: [Int: [MinuteRange]]
  /// Per service that takes appointments, the share of its visitors who book a slot
  /// instead of walking in (`booked:`); a service listed, even at 0, is reported per class.
  public var booked: [String: Double] = [:]
  /// How booked visitors keep their slots (`booking:`).
  public var booking = BookingBehaviour()
  /// A recorded day to replay instead of drawing arrivals (`--from-db`).
  public var replay: [RecordedVisitor]?

  public init(
    hall: HallConfig, date: String, days: Int = 1, replications: Int = 20, seed: UInt64 = 1,
    warmupS: Int = 0, arrivals: [String: [RatePiece]], serviceTime: [String: ServiceTime] = [:],
    priorityShare: [String: Double] = [:], noshow: [String: Double] = [:],
    noshowWaitS: Int = 60, shifts: [Int: [MinuteRange]] = [:]
  ) {
    self.hall = hall
    self.date = date
    self.days = days
    self.replications = replications
    self.seed = seed
    self.warmupS = warmupS
    self.arrivals = arrivals
    self.serviceTime = serviceTime
    self.priorityShare = priorityShare
    self.noshow = noshow
    self.noshowWaitS = noshowWaitS
    self.shifts = shifts
    replay = nil
  }

  /// A recorded day, replayed on `hall` (which may have other counters or policies than the
  /// day had). Visitors with no recorded service time draw one from those recorded in their
  /// service, or from `serviceTime`, so replications differ only in those.
  public init(
    replaying visitors: [RecordedVisitor], hall: HallConfig, date: String, replications: Int = 20
  ) {
    self.init(hall: hall, date: date, replications: replications, arrivals: [:])
    var recorded: [String: [Double]] = [:]
    for v in visitors { if let s = v.serviceS { recorded[v.service, default: []].append(s) } }
    for (s, xs) in recorded { serviceTime[s] = .empirical(samplesS: xs) }
    replay = visitors.sorted { $0.offsetMillis < $1.offsetMillis }
  }

  /// Local midnight of the `offset`-th simulated day.
  public func startOfDay(_ offset: Int) -> Millis {
    let day = dayNumber(of: date)! + Int64(offset)
    return (day * 86_400 - Int64(hall.zone.secondsFromUTC)) * 1000
  }

  public func serviceTime(of service: String) -> ServiceTime {
    serviceTime[service]
      ?? .exponential(meanS: Double(hall.service(service)?.meanServiceS ?? 300))
  }

  /// Minutes of the day from the first arrivals to the last, over all services.
  public var arrivalWindow: (Int, Int) {
    if let replay, let first = replay.first, let last = replay.last {
      return (Int(first.offsetMillis / 60_000), Int(last.offsetMillis / 60_000) + 1)
    }
    let pieces = arrivals.values.joined().filter { $0.perHour > 0 }
    return (
      pieces.map(\.range.lowerBound).min() ?? 0, pieces.map(\.range.upperBound).max() ?? 24 * 60
    )
  }

  /// The same scenario with `share` of the visitors of every service that takes
  /// appointments booking a slot.
  public func with(booked share: Double) -> Scenario {
    var s = self
    for svc in hall.services where svc.appointments != nil { s.booked[svc.id] = share }
    return s
  }

  /// The same scenario with every counter calling by `policy`.
  public func with(policy: CallPolicy) -> Scenario {
    var s = self
    for i in s.hall.counters.indices { s.hall.counters[i].policy = policy }
    return s
  }
}

/// A visitor as the hall recorded it.
@PublicInit
public struct RecordedVisitor: Sendable, Equatable {
  /// Issued this long after local midnight.
  public var offsetMillis: Millis
  /// The service the ticket was issued in.
  public var service: String
  public var priority: Bool
  /// From call to done; nil when never served.
  public var serviceS: Double?
  public var noshow: Bool
}

/// Visitors arriving at `perHour` through `range`.
public struct RatePiece: Sendable, Equatable {
  public var range: MinuteRange
  public var perHour: Double
}

public enum ServiceTime: Sendable, Equatable {
  case exponential(meanS: Double)
  /// `cv`: standard deviation over mean.
  case lognormal(meanS: Double, cv: Double)
  case fixed(s: Double)
  /// Drawn uniformly from the samples.
  case empirical(samplesS: [Double])

  public var meanS: Double {
    switch self {
    case .exponential(let m), .lognormal(let m, _), .fixed(let m): m
    case .empirical(let xs): xs.reduce(0, +) / Double(xs.count)
    }
  }

  public func draw(_ rng: inout Xoshiro256) -> Double {
    switch self {
    case .exponential(let m): return rng.exponential(mean: m)
    case .lognormal(let m, let cv):
      let sigma2 = log(1 + cv * cv)
      return m * exp(sqrt(sigma2) * rng.normal() - sigma2 / 2)
    case .fixed(let s): return s
    case .empirical(let xs): return xs[Int(rng.next() % UInt64(xs.count))]
    }
  }
}
