import HallWire
import QueueCore

/// One visitor of the scenario, drawn before the day runs so that every policy compared
/// meets the same people with the same needs.
struct Visitor {
  var at: Millis
  var service: String
  var priority: Bool
  var serviceMillis: Millis
  var noshow: Bool
  /// The start of the slot a booked visitor holds; nil for a walk-in.
  var slot: Millis? = nil
}

/// A visitor who booked: the slot, and when they check in (nil: they never come).
struct BookedVisitor {
  /// `at`: when they would have walked in, had they not booked.
  var visitor: Visitor
  var slot: Millis
  var checkIn: Millis?
}

/// Runs the scenario's hall through `Hall.handle` on a virtual clock: arrivals issue tickets;
/// a counter that is open and free calls the next ticket at once, by its own policy; the
/// visitor takes its drawn service time (or the no-show wait) and the counter calls again.
final class Replication {
  let scenario: Scenario
  let hall: Hall
  var events = EventQueue()
  var result = RunResult()
  var tickets: [String: Tracked] = [:]
  var busy: [Int: Busy] = [:]
  var idleSince: [Int: Millis] = [:]
  var closing: Set<Int> = []
  /// Counters open (calling) now, and since when for those that keep shifts.
  var isOpen: Set<Int> = []
  var openSince: [Int: Millis] = [:]
  /// Per day, the last time a counter finished a visitor.
  var lastFree: [Int: Millis] = [:]
  let counterServices: [Int: Set<String>]
  var visitorRNG: Xoshiro256
  var arrivalRNG: Xoshiro256
  /// Who books (`choiceRNG`), then the order of booking and punctuality (`bookingRNG`):
  /// streams of their own, so a scenario's visitors are the same people whatever share
  /// books, and a higher share books a superset of a lower one's visitors.
  var choiceRNG: Xoshiro256
  var bookingRNG: Xoshiro256
  var bookingsMade = 0

  struct Tracked {
    var service: String
    var priority: Bool
    var issuedAt: Millis
    var eta: Int?
    var counted: Bool
    var calledAt: Millis?
    var slot: Millis? = nil
  }

  struct Busy {
    var ticket: String
    var visitor: Visitor
  }

  init(_ scenario: Scenario, seed: UInt64) {
    self.scenario = scenario
    arrivalRNG = Xoshiro256(seed: seed, stream: 1)
    visitorRNG = Xoshiro256(seed: seed, stream: 2)
    choiceRNG = Xoshiro256(seed: seed, stream: 3)
    bookingRNG = Xoshiro256(seed: seed, stream: 4)
    counterServices = Dictionary(
      uniqueKeysWithValues: scenario.hall.counters.map { ($0.id, Set($0.services)) })
    var next = 0
    let start = Replication.startOfDay(scenario, 0)
    hall = Hall(
      config: scenario.hall, restoring: nil, now: start,
      makeTicketID: {
        next += 1
        return "t\(next)"
      })
    for s in scenario.hall.services { result.services[s.id] = RunResult.ServiceRun() }
    for c in scenario.hall.counters {
      result.counters[c.id] = RunResult.CounterRun()
      idleSince[c.id] = start
    }
  }

  static func startOfDay(_ scenario: Scenario, _ offset: Int) -> Millis {
    scenario.startOfDay(offset)
  }

  func run(sampling: Bool) -> RunResult {
    for d in 0..<scenario.days { schedule(day: d, sampling: sampling) }
    while let e = events.pop() { handle(e) }
    for t in tickets.values where t.counted && t.calledAt == nil {
      result.services[t.service]!.unserved += 1
    }
    return result
  }

  func schedule(day d: Int, sampling: Bool) {
    let start = Replication.startOfDay(scenario, d)
    let end = start + 86_400_000
    events.push(Event(at: start, kind: .dayStart(d)))
    for c in scenario.hall.counters {
      for r in scenario.shifts[c.id] ?? [] {
        events.push(Event(at: start + Int64(r.lowerBound) * 60_000, kind: .shiftStart(c.id)))
        events.push(Event(at: start + Int64(r.upperBound) * 60_000 - 1, kind: .shiftEnd(c.id)))
      }
    }
    events.push(Event(at: end - 1, kind: .dayEnd(d)))
    if sampling {
      var t = start
      while t < end {
        events.push(Event(at: t, kind: .sample))
        t += Int64(RunResult.sampleMinutes) * 60_000
      }
    }
    if let replay = scenario.replay {
      for r in replay {
        let drawn = scenario.serviceTime(of: r.service).draw(&visitorRNG)
        let v = Visitor(
          at: start + r.offsetMillis, service: r.service, priority: r.priority,
          serviceMillis: max(1, Millis(((r.serviceS ?? drawn) * 1000).rounded())),
          noshow: r.noshow)
        events.push(Event(at: v.at, kind: .arrival(v)))
      }
      return
    }
    for s in scenario.hall.services.map(\.id) {
      let share = scenario.booked[s]
      var booking: [Visitor] = []
      for piece in scenario.arrivals[s] ?? [] where piece.perHour > 0 {
        let meanGap = 3_600_000 / piece.perHour
        var t = Double(start + Int64(piece.range.lowerBound) * 60_000)
        let stop = Double(start + Int64(piece.range.upperBound) * 60_000)
        while true {
          t += arrivalRNG.exponential(mean: meanGap)
          if t >= stop { break }
          let v = Visitor(
            at: Millis(t), service: s,
            priority: visitorRNG.open01() < scenario.priorityShare[s, default: 0],
            serviceMillis: max(
              1, Millis((scenario.serviceTime(of: s).draw(&visitorRNG) * 1000).rounded())),
            noshow: visitorRNG.open01() < scenario.noshow[s, default: 0])
          if let share, choiceRNG.open01() < share {
            booking.append(v)
          } else {
            events.push(Event(at: v.at, kind: .arrival(v)))
          }
        }
      }
      if !booking.isEmpty { book(booking, start: start) }
    }
  }

  func handle(_ e: Event) {
    switch e.kind {
    case .dayStart:
      // Counters with shifts start the day closed; the others open.
      for c in scenario.hall.counters {
        if scenario.shifts[c.id] != nil {
          if busy[c.id] == nil { closeCounter(c.id, at: e.at) }
        } else if !isOpen.contains(c.id) {
          _ = try? hall.handle(.open(counter: c.id), at: e.at)
          isOpen.insert(c.id)
        }
      }
    case .dayEnd(let d):
      // A counter open all day works from the first arrivals to the last visitor finished.
      let start = Replication.startOfDay(scenario, d)
      let (first, last) = scenario.arrivalWindow
      let end = max(start + Int64(last) * 60_000, lastFree[d] ?? 0)
      for c in scenario.hall.counters {
        if scenario.shifts[c.id] == nil {
          result.counters[c.id]!.openMillis += max(0, end - start - Int64(first) * 60_000)
        } else if let since = openSince[c.id] {
          result.counters[c.id]!.openMillis += e.at - since
          openSince[c.id] = e.at + 1
        }
      }
    case .arrival(let v): arrive(v)
    case .book(let list): makeBookings(list, at: e.at)
    case .checkIn(let v, let code): checkIn(v, code: code)
    case .free(let c): free(c, at: e.at)
    case .shiftStart(let c):
      closing.remove(c)
      _ = try? hall.handle(.open(counter: c), at: e.at)
      isOpen.insert(c)
      if openSince[c] == nil { openSince[c] = e.at }
      call(c, at: e.at)
    case .shiftEnd(let c):
      if busy[c] == nil { closeCounter(c, at: e.at) } else { closing.insert(c) }
    case .sample:
      let counts = hall.waitingCounts()
      result.waitingSamples.append(scenario.hall.services.map { counts[$0.id] ?? 0 })
    }
  }

  func closeCounter(_ c: Int, at now: Millis) {
    _ = try? hall.handle(.close(counter: c), at: now)
    isOpen.remove(c)
    if let since = openSince.removeValue(forKey: c) {
      result.counters[c]!.openMillis += now - since
    }
  }

  func counts(_ at: Millis) -> Bool {
    scenario.hall.zone.local(at).secondOfDay >= scenario.warmupS
  }

  func arrive(_ v: Visitor) {
    var v = v
    v.slot = nil
    let counted = counts(v.at)
    if counted { result.services[v.service]!.arrivals += 1 }
    let outcome: Outcome
    do {
      outcome = try hall.handle(.issue(service: v.service, priority: v.priority), at: v.at)
    } catch {
      if counted { result.services[v.service]!.refused += 1 }
      return
    }
    guard case .ticket(let t, _) = outcome.reply else { return }
    tickets[t.id] = Tracked(
      service: v.service, priority: v.priority, issuedAt: v.at, eta: t.etaS, counted: counted)
    waits(t.id, v)
  }

  /// A ticket now waits: the counter free longest among those that serve it calls at once.
  func waits(_ ticket: String, _ v: Visitor) {
    pending[ticket] = v
    var chosen: Int?
    for c in scenario.hall.counters
    where busy[c.id] == nil && isOpen.contains(c.id) && !closing.contains(c.id)
      && counterServices[c.id]!.contains(v.service)
    {
      if chosen == nil || idleSince[c.id]! < idleSince[chosen!]! { chosen = c.id }
    }
    if let chosen { call(chosen, at: v.at) }
  }

  /// Visitors whose tickets wait, by ticket id.
  var pending: [String: Visitor] = [:]

  func call(_ c: Int, at now: Millis) {
    guard busy[c] == nil, isOpen.contains(c), !closing.contains(c) else { return }
    guard let out = try? hall.handle(.call(counter: c, .auto), at: now),
      case .ticket(let t, _) = out.reply, let v = pending.removeValue(forKey: t.id)
    else {
      idleSince[c] = now
      return
    }
    tickets[t.id]!.calledAt = now
    busy[c] = Busy(ticket: t.id, visitor: v)
    let hold = v.noshow ? Millis(scenario.noshowWaitS) * 1000 : v.serviceMillis
    events.push(Event(at: now + hold, kind: .free(c)))
  }

  func free(_ c: Int, at now: Millis) {
    guard let b = busy.removeValue(forKey: c) else { return }
    let tracked = tickets[b.ticket]!
    result.counters[c]!.busyMillis += now - tracked.calledAt!
    let day = Int((now - Replication.startOfDay(scenario, 0)) / 86_400_000)
    lastFree[day] = max(lastFree[day] ?? 0, now)
    if b.visitor.noshow {
      _ = try? hall.handle(.noshow(counter: c), at: now)
      if tracked.counted { result.services[tracked.service]!.noshow += 1 }
    } else {
      _ = try? hall.handle(.done(counter: c), at: now)
      result.counters[c]!.served += 1
      if tracked.counted {
        let wait = Double(tracked.calledAt! - tracked.issuedAt) / 1000
        result.services[tracked.service]!.served += 1
        result.services[tracked.service]!.waits.append(wait)
        if let eta = tracked.eta {
          result.services[tracked.service]!.etaErrors.append(abs(Double(eta) - wait))
          result.services[tracked.service]!.etaRecords.append(
            EtaRecord(
              issuedAt: tracked.issuedAt, priority: tracked.priority, etaS: Double(eta),
              waitS: wait))
        }
        if tracked.priority { result.priorityWaits.append(wait) }
        if let slot = tracked.slot {
          result.services[tracked.service]!.appointmentWaits.append(wait)
          result.services[tracked.service]!.lateness.append(
            Double(tracked.calledAt! - slot) / 1000)
        } else {
          result.services[tracked.service]!.walkInWaits.append(wait)
        }
      }
    }
    tickets[b.ticket] = nil
    if closing.contains(c) {
      closing.remove(c)
      closeCounter(c, at: now)
    } else {
      call(c, at: now)
    }
  }
}
