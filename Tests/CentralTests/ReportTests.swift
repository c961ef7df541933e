import HallWire
import Foundation
import Postgres
import QueueCore
import Testing

@testable import Central

/// The region's reports, computed in PostgreSQL from shipped events, against the figures
/// the hall computes itself from its own tickets.
@Suite(.serialized) struct ReportTests {
  /// A morning with every kind of event: calls, recalls, no-shows, a transfer, a
  /// cancellation and tickets still waiting. No `start`: the hall emits no event for it
  /// (yet), so the central service time counts from the call, as the hall's own does for a
  /// ticket never started; the trigger already takes a `counter` event with a serving ticket.
  func busyMorning(_ hall: RecordedHall) throws {
    var ids: [String] = []
    for i in 0..<14 {
      let o = try hall.run(.issue(service: i % 3 == 0 ? "B" : "A", priority: i == 5), after: 37)
      guard case .ticket(let ticket, _) = o.reply else { continue }
      ids.append(ticket.id)
    }
    try hall.run(.call(counter: 1, .auto), after: 120)
    try hall.run(.recall(counter: 1), after: 30)
    try hall.run(.call(counter: 2, .auto), after: 45)
    try hall.run(.done(counter: 1), after: 200)
    try hall.run(.call(counter: 1, .auto), after: 10)
    try hall.run(.noshow(counter: 2), after: 90)
    try hall.run(.call(counter: 2, .service("A")), after: 15)
    try hall.run(.transfer(counter: 1, to: "B"), after: 60)
    try hall.run(.cancel(ticketID: ids[13]), after: 5)
    for _ in 0..<4 {
      try hall.run(.call(counter: 1, .auto), after: 300)
      try hall.run(.call(counter: 2, .auto), after: 250)
    }
    try hall.run(.done(counter: 1), after: 400)
    try hall.run(.done(counter: 2), after: 100)
  }

  func ship(_ hall: RecordedHall, to cluster: PostgresCluster) async throws {
    let shipper = makeShipper(hall, url: cluster.url)
    shipper.start()
    #expect(try await eventually { shipper.status.state == .caughtUp })
    #expect(shipper.waitUntilStopped(seconds: 5))
  }

  @Test func centralStatsMatchTheHallsOwnReport() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    try busyMorning(hall)
    try await ship(hall, to: cluster)
    let connection = try PostgresConnection(url: cluster.url)
    let report = object(
      try connection.execute(RegionQueries.stats, ["uji", "2026-11-30", "2026-11-30"]).scalar)
    let own = hall.ownStats(day: "2026-11-30")
    #expect(report["date"] as? String == "2026-11-30")
    let services = report["services"] as? [[String: Any]] ?? []
    #expect(services.count == own.services.count)
    #expect(own.services.map(\.issued).reduce(0, +) == 14)
    #expect(own.services.map(\.served).reduce(0, +) > 3)
    for (central, mine) in zip(services, own.services) {
      #expect(central["id"] as? String == mine.id)
      #expect(central["issued"] as? Int == mine.issued, "issued \(mine.id)")
      #expect(central["served"] as? Int == mine.served, "served \(mine.id)")
      #expect(central["noshow"] as? Int == mine.noshow, "noshow \(mine.id)")
      #expect(central["cancelled"] as? Int == mine.cancelled, "cancelled \(mine.id)")
      #expect(summary(central["wait_s"]) == mine.waitS, "wait_s \(mine.id)")
      #expect(summary(central["service_s"]) == mine.serviceS, "service_s \(mine.id)")
      let hours = central["arrivals_by_hour"] as? [Int] ?? []
      #expect(hours.count == 24)
      #expect(hours.reduce(0, +) == mine.issued)
    }
    let counters = report["counters"] as? [[String: Any]] ?? []
    for (central, mine) in zip(counters, own.counters) {
      #expect(central["served"] as? Int == mine.served, "counter \(mine.id)")
      #expect(summary(central["service_s"]) == mine.serviceS, "counter \(mine.id)")
    }
  }

  @Test func unknownHallHasNoReport() throws {
    let cluster = try PostgresCluster()
    let connection = try PostgresConnection(url: cluster.url)
    try CentralMigrations.migrate(connection)
    #expect(
      try connection.execute(RegionQueries.stats, ["nope", "2026-11-30", "2026-11-30"]).rows
        .isEmpty)
    #expect(
      try connection.execute(RegionQueries.ikm, ["nope", "2026-11-30", "2026-11-30"]).rows.isEmpty)
  }

  @Test func ikmIsComputedFromSurveyEvents() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    try busyMorning(hall)
    let done = hall.tickets.values.filter { $0.state == .done }.sorted { $0.id < $1.id }
    #expect(done.count >= 3)
    // Three respondents: all 4s, all 3s, and all 2s → element means 3, IKM 75.00 (C).
    for (ticket, answer) in zip(done, [4, 3, 2]) {
      _ = try hall.appendRaw(type: "survey") { seq, at in
        let answers = (1...9).map { "\"u\($0)\":\(answer)" }.joined(separator: ",")
        return
          #"{"type":"survey","seq":\#(seq),"ticket":"\#(ticket.id)",\#(answers),"at":"\#(at)"}"#
      }
    }
    try await ship(hall, to: cluster)
    let connection = try PostgresConnection(url: cluster.url)
    let report = object(
      try connection.execute(RegionQueries.ikm, ["uji", "2026-11-30", "2026-11-30"]).scalar)
    #expect(report["respondents"] as? Int == 3)
    #expect((report["ikm"] as? Double) == 75)
    #expect(report["band"] as? String == "C")
    #expect(report["label"] as? String == "Kurang Baik")
    let elements = report["elements"] as? [String: Any] ?? [:]
    #expect(elements["u5"] as? Double == 3)
    // Krejcie–Morgan for the day's served tickets.
    #expect((report["min_sample"] as? Int ?? 0) == done.count)
    let byService = report["by_service"] as? [[String: Any]] ?? []
    #expect(byService.map { $0["respondents"] as? Int ?? 0 }.reduce(0, +) == 3)
  }

  @Test func hallsListShowsEachHallsStateAndToday() async throws {
    let cluster = try PostgresCluster()
    let now = Millis(Date().timeIntervalSince1970 * 1000)
    let live = try RecordedHall(start: now - 3_600_000)
    for _ in 0..<3 { try live.run(.issue(service: "A", priority: false)) }
    try live.run(.call(counter: 1, .auto))
    try live.run(.done(counter: 1))
    let served = live.tickets.values.first { $0.state == .done }!
    _ = try live.appendRaw(type: "survey") { seq, at in
      let answers = (1...9).map { "\"u\($0)\":4" }.joined(separator: ",")
      return #"{"type":"survey","seq":\#(seq),"ticket":"\#(served.id)",\#(answers),"at":"\#(at)"}"#
    }
    try await ship(live, to: cluster)
    let silent = try RecordedHall(start: now - 3_600_000)
    try silent.run(.issue(service: "B", priority: false))
    let shipper = makeShipper(silent, url: cluster.url, id: "sunyi")
    shipper.start()
    #expect(try await eventually { shipper.status.state == .caughtUp })
    #expect(shipper.waitUntilStopped(seconds: 5))
    try cluster.psql(
      "UPDATE halls SET heartbeat_at = now() - interval '5 minutes' WHERE hall = 'sunyi'")

    let connection = try PostgresConnection(url: cluster.url)
    let halls = array(try connection.execute(RegionQueries.halls, ["30"]).scalar)
    #expect(halls.map { $0["hall"] as? String } == ["sunyi", "uji"])
    let uji = halls[1]
    #expect(uji["state"] as? String == "live")
    #expect(uji["name"] as? String == "Mal Pelayanan Publik Uji")
    let today = uji["today"] as? [String: Any] ?? [:]
    #expect(today["issued"] as? Int == 3)
    #expect(today["waiting"] as? Int == 2)
    #expect(today["served"] as? Int == 1)
    // The 30-day IKM from the daily roll-up: one respondent, all answers 4.
    #expect(uji["ikm"] as? Double == 100)
    #expect(uji["band"] as? String == "A")
    #expect(uji["ikm_respondents"] as? Int == 1)
    #expect(halls[0]["state"] as? String == "silent")
    #expect(halls[0]["since"] as? String != nil)
  }
}

/// A `{"mean","p50","p90","max"}` object as the hall's `Summary`.
func summary(_ value: Any?) -> Summary {
  let o = value as? [String: Any] ?? [:]
  var s = Summary([])
  s.mean = o["mean"] as? Int
  s.p50 = o["p50"] as? Int
  s.p90 = o["p90"] as? Int
  s.max = o["max"] as? Int
  return s
}
