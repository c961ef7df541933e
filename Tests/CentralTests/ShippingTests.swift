import HallWire
import Foundation
import Postgres
import QueueCore
import Testing

@testable import Central

/// 2026-11-30 08:00 in +07:00.
let mondayMorning: Millis = 1_796_000_400_000

@Suite(.serialized) struct ShippingTests {
  @Test func shipperStoresEveryEventOnceInOrderAndResumesAfterTheLastSeq() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    for _ in 0..<30 { try hall.run(.issue(service: "A", priority: false)) }
    let first = makeShipper(hall, url: cluster.url)
    first.start()
    #expect(try await eventually { first.status.state == .caughtUp })
    #expect(first.status.shippedSeq == 30)
    #expect(first.waitUntilStopped(seconds: 5))

    // More events while nobody ships; a new shipper resumes after seq 30.
    for _ in 0..<12 { try hall.run(.call(counter: 1, .auto)) }
    let last = try hall.lastSeq()
    let second = makeShipper(hall, url: cluster.url)
    second.start()
    #expect(try await eventually { second.status.state == .caughtUp })
    #expect(second.status.shippedEvents == Int(last) - 30)
    #expect(second.waitUntilStopped(seconds: 5))

    let summary = try cluster.psql(
      "SELECT count(*), count(DISTINCT seq), min(seq), max(seq) FROM events WHERE hall = 'uji'")
    #expect(summary == "\(last)|\(last)|1|\(last)")
    #expect(try cluster.psql("SELECT last_seq FROM halls WHERE hall = 'uji'") == "\(last)")
  }

  @Test func shippingTheSameEventsAgainStoresNothingTwice() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    for _ in 0..<5 { try hall.run(.issue(service: "B", priority: false)) }
    let shipper = makeShipper(hall, url: cluster.url)
    shipper.start()
    #expect(try await eventually { shipper.status.state == .caughtUp })
    #expect(shipper.waitUntilStopped(seconds: 5))
    // As if the acknowledgement of the last batch had been lost: PostgreSQL forgets the
    // high-water mark, the events stay; shipping again must not duplicate tickets.
    try cluster.psql("DELETE FROM events WHERE hall = 'uji' AND seq > 3")
    let again = makeShipper(hall, url: cluster.url)
    again.start()
    #expect(try await eventually { again.status.state == .caughtUp })
    #expect(again.waitUntilStopped(seconds: 5))
    #expect(try cluster.psql("SELECT count(*) FROM events WHERE hall = 'uji'") == "5")
    #expect(try cluster.psql("SELECT count(*) FROM tickets WHERE hall = 'uji'") == "5")
  }

  @Test func shipperRefusesACentralDatabaseThatHoldsAHigherSeq() async throws {
    let cluster = try PostgresCluster()
    let hall = try RecordedHall(start: mondayMorning)
    for _ in 0..<8 { try hall.run(.issue(service: "A", priority: false)) }
    let shipper = makeShipper(hall, url: cluster.url)
    shipper.start()
    #expect(try await eventually { shipper.status.state == .caughtUp })
    #expect(shipper.waitUntilStopped(seconds: 5))

    // The hall's database is swapped for a younger one (a restored backup): 3 events.
    let restored = try RecordedHall(start: mondayMorning)
    for _ in 0..<3 { try restored.run(.issue(service: "B", priority: false)) }
    let before = try cluster.psql(
      "SELECT md5(string_agg(body::text, ',' ORDER BY seq)) FROM events")
    let refused = makeShipper(restored, url: cluster.url)
    refused.start()
    #expect(try await eventually { refused.status.state == .refused })
    #expect(refused.status.error?.contains("holds seq 8") == true)
    #expect(refused.status.metrics(now: 0).contains("antre_central_refused 1"))
    #expect(refused.waitUntilStopped(seconds: 5))
    let after = try cluster.psql("SELECT md5(string_agg(body::text, ',' ORDER BY seq)) FROM events")
    #expect(before == after)
  }

  @Test func unreachableCentralIsReportedWhileTheLagGrows() async throws {
    let hall = try RecordedHall(start: mondayMorning)
    for _ in 0..<4 { try hall.run(.issue(service: "A", priority: false)) }
    // A port nobody listens on: a cluster made and stopped gives one.
    let cluster = try PostgresCluster()
    try cluster.stop()
    let shipper = makeShipper(hall, url: cluster.url)
    shipper.start()
    #expect(try await eventually { shipper.status.state == .unreachable })
    let status = shipper.status
    #expect(status.lagEvents == 4)
    #expect(status.lagSeconds(now: hall.now + 60_000) >= 60)
    #expect(status.error != nil)
    // PostgreSQL comes back: everything arrives.
    try cluster.start()
    #expect(try await eventually { shipper.status.state == .caughtUp })
    #expect(shipper.status.lagEvents == 0)
    #expect(shipper.waitUntilStopped(seconds: 5))
  }

  @Test func badCentralURLIsReportedWithoutStartingAThread() {
    let hall = try! RecordedHall(start: mondayMorning)
    let shipper = makeShipper(hall, url: "mysql://nope")
    shipper.start()
    #expect(shipper.status.state == .badURL)
    #expect(shipper.status.error?.contains("postgres://") == true)
  }

  @Test func migratingAgainChangesNothing() throws {
    let cluster = try PostgresCluster()
    let connection = try PostgresConnection(url: cluster.url)
    try CentralMigrations.migrate(connection)
    try CentralMigrations.migrate(connection)
    #expect(
      try cluster.psql("SELECT version FROM central_schema") == "\(CentralMigrations.all.count)")
  }
}
