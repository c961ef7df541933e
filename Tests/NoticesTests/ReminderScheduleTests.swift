import HallWire
import Testing

@testable import Notices

private let zone = HallZone(parsing: "Asia/Jakarta")!

/// Local wall time in the test zone (+07:00).
private func wib(_ date: String, _ h: Int, _ m: Int = 0) -> Millis {
  zone.startOfDay(dayNumber(of: date)!) + Millis(h * 3600 + m * 60) * 1000
}

@Suite struct ReminderScheduleTests {
  let schedule = ReminderSchedule()

  @Test func theReminderFallsDueAtSixTheEveningBefore() {
    #expect(schedule.dueAt(start: wib("2026-12-02", 9), zone: zone) == wib("2026-12-01", 18))
    // Just after midnight is still "the evening before" its day.
    #expect(schedule.dueAt(start: wib("2026-12-02", 0, 15), zone: zone) == wib("2026-12-01", 18))
  }

  @Test func itIsDueFromSixUntilTheBookingsDayBegins() {
    let start = wib("2026-12-02", 9)
    let made = wib("2026-11-28", 10)
    #expect(
      !schedule.isDue(start: start, createdAt: made, now: wib("2026-12-01", 17, 59), zone: zone))
    #expect(schedule.isDue(start: start, createdAt: made, now: wib("2026-12-01", 18), zone: zone))
    // A server that was down at 18:00 still reminds when it starts at 23:30.
    #expect(
      schedule.isDue(start: start, createdAt: made, now: wib("2026-12-01", 23, 30), zone: zone))
    #expect(!schedule.isDue(start: start, createdAt: made, now: wib("2026-12-02", 0), zone: zone))
  }

  @Test func aBookingMadeAfterTheReminderTimeGetsNone() {
    let start = wib("2026-12-02", 9)
    #expect(
      !schedule.isDue(
        start: start, createdAt: wib("2026-12-01", 19), now: wib("2026-12-01", 20), zone: zone))
  }

  @Test func remindedDayIsTomorrowFromTheReminderTimeOnly() {
    #expect(schedule.remindedDay(now: wib("2026-12-01", 17, 59), zone: zone) == nil)
    #expect(schedule.remindedDay(now: wib("2026-12-01", 18), zone: zone) == "2026-12-02")
    #expect(schedule.remindedDay(now: wib("2026-12-31", 23, 59), zone: zone) == "2027-01-01")
  }

  @Test func nextRunIsTheNextSixOClock() {
    #expect(schedule.nextRun(after: wib("2026-12-01", 9), zone: zone) == wib("2026-12-01", 18))
    #expect(schedule.nextRun(after: wib("2026-12-01", 18), zone: zone) == wib("2026-12-02", 18))
  }
}
