import HallWire
import Testing

@testable import QueueCore

@Suite struct TimeTests {
  let jakarta = HallZone(parsing: "Asia/Jakarta")!

  @Test func rfc3339UsesTheHallsOffset() {
    #expect(jakarta.rfc3339(at("2026-11-28", "09:15:02")) == "2026-11-28T09:15:02+07:00")
    #expect(HallZone(parsing: "UTC")!.rfc3339(0) == "1970-01-01T00:00:00+00:00")
    #expect(HallZone(parsing: "-03:30")!.rfc3339(0) == "1969-12-31T20:30:00-03:30")
    #expect(jakarta.rfc3339(at("2026-11-28", "09:15:02") + 999) == "2026-11-28T09:15:02+07:00")
  }

  @Test func theServiceDayTurnsAtLocalMidnight() {
    // 16:59:59 UTC is 23:59:59 in Jakarta; a second later is the next day there.
    let t = at("2026-11-30", "16:59:59", offsetHours: 0)
    #expect(jakarta.day(of: t) == "2026-11-30")
    #expect(jakarta.day(of: t + 1000) == "2026-12-01")
    #expect(
      HallZone(parsing: "Asia/Jayapura")!.day(of: at("2026-11-30", "15:00:00", offsetHours: 0))
        == "2026-12-01")
  }

  @Test func weekdaysAndLeapYears() {
    #expect(jakarta.local(at("2026-11-30")).weekday == .mon)
    #expect(jakarta.local(at("2026-11-28")).weekday == .sat)
    #expect(jakarta.local(at("2028-02-29")).weekday == .tue)
    #expect(jakarta.day(of: at("2028-02-29", "23:00:00")) == "2028-02-29")
    #expect(jakarta.day(of: at("2028-03-01", "00:00:00")) == "2028-03-01")
    #expect(jakarta.local(0).weekday == .thu)
  }

  @Test func dayNumbersRoundTrip() {
    for n: Int64 in [-1000, -1, 0, 1, 20_000, 20_787, 30_000] {
      let date = LocalTime(dayNumber: n, secondOfDay: 0).date
      #expect(dayNumber(of: date) == n, "\(date)")
    }
  }

  @Test func unknownZonesAreRejected() {
    #expect(HallZone(parsing: "Europe/Paris") == nil)
    #expect(HallZone(parsing: "+7") == nil)
    #expect(HallZone(parsing: "+15:00") == nil)
    #expect(HallZone(parsing: "+07:00")?.offsetText == "+07:00")
  }
}
