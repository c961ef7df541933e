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
    #expect(own.services.map(\.issued).reduce(0, +) == 14)
    #expect(own.services.map(\.served).reduce(0, +) > 3)
    #expect(own.services.map(\.transferred).reduce(0, +) == 1)
    expectSameFigures(report, own)
  }

  /// Times off the whole second, a visitor who reached the desk (`start`), a no-show called
  /// back fifty minutes later, and a transfer after a recall and a start.
  func afternoonOfCallBacks(_ hall: RecordedHall) throws {
    for i in 0..<8 {
      try hall.run(.issue(service: i % 4 == 1 ? "B" : "A", priority: false), afterMillis: 41_317)
    }
    try hall.run(.call(counter: 1, .auto), afterMillis: 120_310)
    try hall.run(.start(counter: 1), afterMillis: 30_770)
    try hall.run(.call(counter: 2, .auto), afterMillis: 15_125)
    try hall.run(.noshow(counter: 2), afterMillis: 90_480)
    let absent = try #require(hall.tickets.values.first { $0.state == .noshow })
    try hall.run(.done(counter: 1), afterMillis: 200_450)
    try hall.run(.call(counter: 1, .auto), afterMillis: 7_999)
    try hall.run(.recall(counter: 1), afterMillis: 20_001)
    try hall.run(.start(counter: 1), afterMillis: 4_321)
    try hall.run(.transfer(counter: 1, to: "B"), afterMillis: 65_432)
    try hall.run(.call(counter: 2, .number(absent.number)), afterMillis: 3_000_123)
    try hall.run(.start(counter: 2), afterMillis: 45_678)
    for _ in 0..<3 {
      try hall.run(.call(counter: 1, .auto), afterMillis: 250_250)
      try hall.run(.start(counter: 1), afterMillis: 12_345)
      try hall.run(.call(counter: 2, .auto), afterMillis: 180_999)
    }
    try hall.run(.done(counter: 1), afterMillis: 301_501)
    try hall.run(.noshow(counter: 2), afterMillis: 60_606)
  }

  @Test func centralCountsCallBacksStartsAndTransfersAsTheHallDoes() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    try afternoonOfCallBacks(hall)
    try await ship(hall, to: cluster)
    let connection = try PostgresConnection(url: cluster.url)
    let report = object(
      try connection.execute(RegionQueries.stats, ["uji", "2026-11-30", "2026-11-30"]).scalar)
    let own = hall.ownStats(day: "2026-11-30")
    #expect(own.services.map(\.calledBack).reduce(0, +) == 1)
    #expect(own.services.map(\.transferred).reduce(0, +) == 1)
    #expect(own.counters.map(\.transferred).reduce(0, +) == 1)
    #expect(hall.tickets.values.contains { $0.state == .done && $0.startedAt != nil })
    expectSameFigures(report, own)
  }

  /// A region that took events under migrations 1 and 2 (whose trigger kept no first call
  /// and no legs): migration 3 rebuilds `tickets` and `ticket_legs` from the stored log.
  @Test func migrationThreeRebuildsTheFiguresFromTheStoredLog() throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    try afternoonOfCallBacks(hall)
    let connection = try PostgresConnection(url: cluster.url)
    try connection.executeScript("CREATE TABLE central_schema (version integer NOT NULL)")
    try connection.executeScript(CentralMigrations.all[0])
    try connection.executeScript(CentralMigrations.all[1])
    try connection.execute("INSERT INTO central_schema VALUES (2)")
    let settings = ShipperSettings(
      url: cluster.url, hall: "uji", databasePath: hall.databasePath, config: hall.config)
    try connection.execute(
      """
      INSERT INTO halls (hall, name, utc_offset_s, services, counters)
      VALUES ('uji', $1, $2, $3::jsonb, $4::jsonb)
      """,
      [
        settings.hallName, String(settings.utcOffsetSeconds), settings.servicesJSON,
        settings.countersJSON,
      ])
    for event in try hall.store.events(after: 0, limit: 1_000_000) {
      try connection.execute(
        """
        INSERT INTO events (hall, seq, at, type, body)
        VALUES ('uji', $1, to_timestamp($2::bigint / 1000.0), $3, $4::jsonb)
        """, [String(event.seq), String(event.at), event.type, event.json])
    }
    // The old trigger's row of the no-show called back ends its wait at the call-back.
    let oldWaits = try connection.execute(
      "SELECT max(floor(extract(epoch FROM called_at - enqueued_at))) FROM tickets"
    ).scalar
    #expect(Int(oldWaits ?? "") ?? 0 > 3000)

    try CentralMigrations.migrate(connection)
    #expect(try connection.execute("SELECT max(version) FROM central_schema").scalar == "3")
    #expect(try connection.execute("SELECT count(*) FROM ticket_legs").scalar == "1")
    let report = object(
      try connection.execute(RegionQueries.stats, ["uji", "2026-11-30", "2026-11-30"]).scalar)
    expectSameFigures(report, hall.ownStats(day: "2026-11-30"))
  }

  /// Every figure of the hall's own report, service by service and counter by counter.
  func expectSameFigures(
    _ report: [String: Any], _ own: StatsReport,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let services = report["services"] as? [[String: Any]] ?? []
    #expect(services.count == own.services.count, sourceLocation: sourceLocation)
    for (central, mine) in zip(services, own.services) {
      #expect(central["id"] as? String == mine.id, sourceLocation: sourceLocation)
      for (key, value) in [
        ("issued", mine.issued), ("served", mine.served), ("noshow", mine.noshow),
        ("cancelled", mine.cancelled), ("expired", mine.expired),
        ("transferred", mine.transferred), ("called_back", mine.calledBack),
      ] {
        #expect(central[key] as? Int == value, "\(key) \(mine.id)", sourceLocation: sourceLocation)
      }
      #expect(
        summary(central["wait_s"]) == mine.waitS, "wait_s \(mine.id)",
        sourceLocation: sourceLocation)
      #expect(
        summary(central["service_s"]) == mine.serviceS, "service_s \(mine.id)",
        sourceLocation: sourceLocation)
      let hours = central["arrivals_by_hour"] as? [Int] ?? []
      #expect(hours.count == 24, sourceLocation: sourceLocation)
      #expect(hours.reduce(0, +) == mine.issued, sourceLocation: sourceLocation)
    }
    let counters = report["counters"] as? [[String: Any]] ?? []
    #expect(counters.count == own.counters.count, sourceLocation: sourceLocation)
    for (central, mine) in zip(counters, own.counters) {
      #expect(central["id"] as? Int == mine.id, sourceLocation: sourceLocation)
      #expect(
        central["served"] as? Int == mine.served, "counter \(mine.id)",
        sourceLocation: sourceLocation)
      #expect(
        central["transferred"] as? Int == mine.transferred, "counter \(mine.id)",
        sourceLocation: sourceLocation)
      #expect(
        summary(central["service_s"]) == mine.serviceS, "counter \(mine.id)",
        sourceLocation: sourceLocation)
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
