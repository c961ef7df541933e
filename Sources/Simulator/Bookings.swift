import HallWire
import InitMacros

/// How booked visitors keep their slot (the scenario's `booking:`): each comes at a time
/// drawn uniformly from `earlyS` before the slot to `lateS` after it, or, with probability
/// `noshow`, not at all. The defaults (20 minutes early to 10 late, one in ten absent) are an
/// assumption, not a measurement: no punctuality figures of Indonesian halls were at hand,
/// so a scenario should replace them with a hall's own once it has bookings.
@PublicInit
public struct BookingBehaviour: Sendable, Equatable {
  public var earlyS: Int = 1200
  public var lateS: Int = 600
  public var noshow: Double = 0.1

  /// When the visitor of a slot starting at `slot` checks in, or nil when they do not come.
  /// Always draws twice, so one visitor's choice does not shift the next one's draws.
  public func arrival(forSlotAt slot: Millis, _ rng: inout Xoshiro256) -> Millis? {
    let absent = rng.open01() < noshow
    let u = rng.open01()
    guard !absent else { return nil }
    let offset = -Double(earlyS) + u * Double(earlyS + lateS)
    return slot + Millis((offset * 1000).rounded())
  }
}

/// Gives booked visitors their slots. Visitors book days ahead in no particular order, so
/// they are taken in a random order; each gets the slot nearest to the time they would have
/// come (`preferred`), the later of two equally near, among those with a place left.
/// nil: every slot is full, and the visitor walks in at the preferred time instead.
func assignSlots(
  preferred: [Millis], slotStarts: [Millis], slotMillis: Millis, perSlot: Int,
  _ rng: inout Xoshiro256
) -> [Millis?] {
  var order = Array(preferred.indices)
  // Fisher–Yates with the scenario's generator, so a seed gives the same order everywhere.
  if order.count > 1 {
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      let j = Int(rng.next() % UInt64(i + 1))
      order.swapAt(i, j)
    }
  }
  var taken = [Int](repeating: 0, count: slotStarts.count)
  var result = [Millis?](repeating: nil, count: preferred.count)
  for i in order {
    let want = preferred[i]
    var best: Int?
    var bestDistance = Millis.max
    for (k, start) in slotStarts.enumerated() where taken[k] < perSlot {
      // Distance from the preferred time to the slot [start, start + slotMillis).
      let distance =
        want < start
        ? start - want : (want >= start + slotMillis ? want - start - slotMillis + 1 : 0)
      if distance < bestDistance
        || (distance == bestDistance && best.map { start > slotStarts[$0] } ?? true)
      {
        best = k
        bestDistance = distance
      }
    }
    if let best {
      taken[best] += 1
      result[i] = slotStarts[best]
    }
  }
  return result
}
