import Foundation
import HallWire
import Testing

@testable import QueueCore
@testable import Reports
import Storage
import HallYAML

@Suite struct BookingReportTests {
  @Test func missedBookingsAreCountedPerServiceInThePeriodReport() throws {
    let store = try Store(path: ":memory:")
    let config = try HallConfig.load(yaml: hallYAML)
    let states =
      [
        ("2026-11-02", "A", .missed), ("2026-11-02", "A", .checkedIn),
        ("2026-11-03", "A", .missed), ("2026-11-03", "A", .cancelled),
        ("2026-11-03", "B", .checkedIn), ("2026-12-01", "A", .missed),
      ] as [(String, String, BookingState)]
    for (i, (day, service, state)) in states.enumerated() {
      try store.upsert(
        BookingRecord(
          id: "b\(i)", code: "K7MQ2C", key: "k", service: service, day: day, start: 0,
          name: "Siti", phone: "+6281234567890", state: state, ticketID: nil, createdAt: 0,
          changedAt: 0))
    }
    let range = try ReportRange(from: "2026-11-01", to: "2026-11-30", today: "2026-11-30")
    let stats = try ReportLoader.stats(store: store, config: config, range: range)
    #expect(stats.services.map(\.bookings) == [3, 1])
    #expect(stats.services.map(\.bookingsMissed) == [2, 0])
    let text = ReportTable.render(stats)
    #expect(text.contains("Janji temu 4, tidak datang 2"))
    #expect(!text.contains("Siti") && !text.contains("+62"))
    let html = ReportHTML.render(stats, generatedAt: "2026-12-01 08:00")
    #expect(html.contains("Janji temu tidak datang<b>2 / 4</b>"))
    #expect(!html.contains("Siti"))
    let json = String(decoding: try JSONEncoder().encode(stats), as: UTF8.self)
    #expect(json.contains(#""bookings_missed":2"#))
  }
}
