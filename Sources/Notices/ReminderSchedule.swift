import HallWire
import InitMacros

/// When booking reminders fall due: at a local time (the hall file's `notify_reminder_at`,
/// default 18:00, in the hall's zone) on
/// the evening before the booking's day. A booking made after that moment gets none (its
/// visitor has just booked), and none is sent once its day has begun. A server that was down
/// at 18:00 sends the evening's reminders when it starts, as long as the day has not begun.
@PublicInit
public struct ReminderSchedule: Sendable, Equatable {
  /// Seconds after local midnight.
  public var secondOfDay: Int = 18 * 3600

  /// The moment the reminder of a booking starting at `start` falls due.
  public func dueAt(start: Millis, zone: HallZone) -> Millis {
    zone.startOfDay(zone.local(start).dayNumber - 1) + Millis(secondOfDay) * 1000
  }

  /// Whether a booking made at `createdAt` for `start` should be reminded at `now`.
  public func isDue(start: Millis, createdAt: Millis, now: Millis, zone: HallZone) -> Bool {
    let due = dueAt(start: start, zone: zone)
    let dayBegins = zone.startOfDay(zone.local(start).dayNumber)
    return createdAt < due && due <= now && now < dayBegins
  }

  /// The local day (`YYYY-MM-DD`) whose bookings are reminded at `now`, if reminders are due
  /// at all then: tomorrow from the reminder time until midnight.
  public func remindedDay(now: Millis, zone: HallZone) -> String? {
    let local = zone.local(now)
    guard local.secondOfDay >= secondOfDay else { return nil }
    return dateText(ofDay: local.dayNumber + 1)
  }

  /// The next reminder time strictly after `now`.
  public func nextRun(after now: Millis, zone: HallZone) -> Millis {
    let local = zone.local(now)
    let today = zone.startOfDay(local.dayNumber) + Millis(secondOfDay) * 1000
    return today > now ? today : zone.startOfDay(local.dayNumber + 1) + Millis(secondOfDay) * 1000
  }
}
