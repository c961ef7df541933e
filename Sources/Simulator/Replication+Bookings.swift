import HallWire
import QueueCore

/// Booked visitors (the scenario's `booked:`), through the same commands as `book.html` and
/// the kiosk's check-in.
extension Replication {
  /// Gives `visitors` slots of their day (nearest to when they would have come) and books
  /// them at the day's start; those left without a slot walk in.
  func book(_ visitors: [Visitor], start: Millis) {
    let service = visitors[0].service
    guard let a = scenario.hall.service(service)?.appointments else { return }
    let starts = hall.slotStarts(of: service, on: scenario.hall.zone.local(start).date)
    let slots = assignSlots(
      preferred: visitors.map(\.at), slotStarts: starts, slotMillis: Millis(a.slotS) * 1000,
      perSlot: a.perSlot, &bookingRNG)
    var list: [BookedVisitor] = []
    for (v, slot) in zip(visitors, slots) {
      guard let slot else {
        events.push(Event(at: v.at, kind: .arrival(v)))
        continue
      }
      var visitor = v
      visitor.priority = false
      visitor.slot = slot
      let checkIn = scenario.booking.arrival(forSlotAt: slot, &bookingRNG)
      list.append(BookedVisitor(visitor: visitor, slot: slot, checkIn: checkIn))
    }
    events.push(Event(at: start, kind: .book(list)))
  }

  /// Books each visitor's slot through the hall, as `book.html` would; a refused booking's
  /// visitor walks in instead at the time they would have come.
  func makeBookings(_ list: [BookedVisitor], at now: Millis) {
    for b in list {
      bookingsMade += 1
      let digits = String(bookingsMade % 100_000_000)
      let phone = "0812" + String(repeating: "0", count: 8 - digits.count) + digits
      guard
        let out = try? hall.handle(
          .book(
            service: b.visitor.service, start: b.slot, name: "Pengunjung \(bookingsMade)",
            phone: phone), at: now),
        case .booked(let booking, _) = out.reply
      else {
        var walkIn = b.visitor
        walkIn.slot = nil
        events.push(Event(at: max(now, walkIn.at), kind: .arrival(walkIn)))
        continue
      }
      if counts(b.slot) { result.services[b.visitor.service]!.booked += 1 }
      guard let at = b.checkIn else {
        if counts(b.slot) { result.services[b.visitor.service]!.bookingNoshows += 1 }
        continue
      }
      var v = b.visitor
      v.at = at
      events.push(Event(at: at, kind: .checkIn(v, code: booking.code)))
    }
  }

  /// A booked visitor types the code at the kiosk; too late, they take an ordinary ticket.
  func checkIn(_ v: Visitor, code: String) {
    let outcome: Outcome
    do {
      outcome = try hall.handle(.checkIn(code: code), at: v.at)
    } catch {
      if error.code == .missed {
        if counts(v.at) { result.services[v.service]!.missed += 1 }
        arrive(v)
      } else if counts(v.at) {
        result.services[v.service]!.arrivals += 1
        result.services[v.service]!.refused += 1
      }
      return
    }
    guard case .ticket(let t, _) = outcome.reply else { return }
    let counted = counts(v.at)
    if counted { result.services[v.service]!.arrivals += 1 }
    var tracked = Tracked(
      service: v.service, priority: false, issuedAt: v.at, eta: t.etaS, counted: counted)
    tracked.slot = v.slot
    tickets[t.id] = tracked
    waits(t.id, v)
  }
}
