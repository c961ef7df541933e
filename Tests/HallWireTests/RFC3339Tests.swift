import HallWire
import Testing

/// The one RFC 3339 reader and the `YYYY-MM-DD` check it shares with `dayNumber(of:)`.
@Suite struct RFC3339Tests {
  @Test func readsTheFormsThePeersWrite() {
    let nine = dayNumber(of: "2026-11-28")! * 86_400_000 + 2 * 3_600_000
    #expect(RFC3339("2026-11-28T09:00:00+07:00")?.millis == nine)
    #expect(RFC3339("2026-11-28T09:00+07:00")?.millis == nine)
    #expect(RFC3339("2026-11-28t02:00:00z")?.millis == nine)
    #expect(RFC3339("2026-11-28T09:00:00.25+07:00")?.millis == nine + 250)
    #expect(RFC3339("2026-11-28T09:00:00.007+07:00")?.offsetSeconds == 7 * 3600)
    #expect(RFC3339("2026-11-27T22:30:00-03:30")?.millis == nine)
  }

  @Test func refusesWhatIsNotADateAndTime() {
    for text in [
      "2026-13-28T09:00:00+07:00", "2026-11-32T09:00:00+07:00", "2026-11-28T24:00:00+07:00",
      "2026-11-28T09:60:00+07:00", "2026-11-28 09:00:00+07:00", "2026-11-28T09:00:00",
      "2026-11-28T09:00:00.+07:00", "2026/11/28T09:00:00+07:00", "2026-11-28", "",
    ] {
      #expect(RFC3339(text) == nil, "\(text)")
    }
    #expect(dayNumber(of: "2026-11-28T09:00:00+07:00") == nil)
    #expect(dayNumber(of: "2026-02-30") != nil)  // as before: the day is checked up to 31 only
  }
}
