import HallWire
import InitMacros

/// `appointments: {slot_s, per_slot, days_ahead, hours}` of a service (PROTOCOL 1.1).
@PublicInit
public struct AppointmentConfig: Sendable, Equatable {
  /// The length of a slot; slots start at each range's start, one after another, and only
  /// whole slots fit in a range.
  public var slotS: Int
  /// Bookings a slot takes.
  public var perSlot: Int
  /// How many days after today may be booked (0: today only).
  public var daysAhead: Int
  /// When slots are offered; the service's own hours when the file gives none, and the
  /// whole day when the service has none either.
  public var hours: OpeningHours?
}

/// `remote: {share, notify_ahead}` of a service (PROTOCOL 1.1).
@PublicInit
public struct RemoteConfig: Sendable, Equatable {
  /// At most this share of the day's quota (or, without a quota, of the day's tickets, rounded
  /// up) is taken remotely, so walk-ins are always served.
  public var share: Double
  /// How many people ahead make the "near" notice.
  public var notifyAhead: Int
}

extension AppointmentOffer {
  init(_ c: AppointmentConfig) {
    var hours: [String: String] = [:]
    for day in Weekday.allCases {
      guard let h = c.hours else {
        hours[day.key] = "00:00-24:00"
        continue
      }
      if let ranges = h.days[day], !ranges.isEmpty {
        hours[day.key] = ranges.map(\.clockText).joined(separator: ", ")
      }
    }
    self.init(slotS: c.slotS, perSlot: c.perSlot, daysAhead: c.daysAhead, hours: hours)
  }
}
