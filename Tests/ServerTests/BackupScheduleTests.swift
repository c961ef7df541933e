import HallWire
import QueueCore
import Testing

@testable import Server

/// When the daily backup runs: the hall's clock, not the machine's.
@Suite struct BackupScheduleTests {
  let jakarta = HallZone(identifier: "Asia/Jakarta", secondsFromUTC: 7 * 3600)
  // 2026-12-01T13:00:00Z = 20:00 in Jakarta.
  let eightPM: Millis = 1_796_130_000_000

  @Test func nextBackupIsTodayWhenItsTimeHasNotComeYet() {
    let next = BackupSchedule.nextOccurrence(of: 21 * 60, after: eightPM, zone: jakarta)
    #expect(jakarta.rfc3339(next) == "2026-12-01T21:00:00+07:00")
  }

  @Test func nextBackupIsTomorrowOnceItsTimeHasPassed() {
    let next = BackupSchedule.nextOccurrence(of: 19 * 60, after: eightPM, zone: jakarta)
    #expect(jakarta.rfc3339(next) == "2026-12-02T19:00:00+07:00")
    let atTheMinute = BackupSchedule.nextOccurrence(of: 20 * 60, after: eightPM, zone: jakarta)
    #expect(jakarta.rfc3339(atTheMinute) == "2026-12-02T20:00:00+07:00")
  }

  @Test func earlyMorningBackupCountsFromTheHallsMidnightNotUTCs() {
    // 20:00 in Jakarta is still 2026-12-01 in UTC too; 03:00 next comes on the 2nd, local.
    let next = BackupSchedule.nextOccurrence(of: 3 * 60, after: eightPM, zone: jakarta)
    #expect(jakarta.rfc3339(next) == "2026-12-02T03:00:00+07:00")
    let papua = HallZone(identifier: "Asia/Jayapura", secondsFromUTC: 9 * 3600)
    // 22:00 in Jayapura: 23:30 is the same local day.
    let late = BackupSchedule.nextOccurrence(of: 23 * 60 + 30, after: eightPM, zone: papua)
    #expect(papua.rfc3339(late) == "2026-12-01T23:30:00+09:00")
  }
}
