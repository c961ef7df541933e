import HallWire
import Foundation
import Testing

@testable import QueueCore
import HallYAML

@Suite struct HallConfigTests {
  static let sampleURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Assets/halls/mpp-banyuwangi.yaml")

  @Test func sampleHallLoads() throws {
    let text = try String(contentsOf: Self.sampleURL, encoding: .utf8)
    let config = try HallConfig.load(yaml: text)
    #expect(config.name == "Mal Pelayanan Publik Banyuwangi")
    #expect(config.zone.secondsFromUTC == 7 * 3600)
    #expect(config.services.map(\.id) == ["A", "B", "C", "D", "E", "F", "G", "H"])
    #expect(config.counters.map(\.id) == Array(1...12))
    #expect(config.kiosks.map(\.id) == ["K1"])
    #expect(config.service("E")?.quota == 100)
    #expect(config.adminToken == nil)
    #expect(config.counters.allSatisfy { $0.token == nil })
    #expect(config.voice == ["id", "en"])
    let fridayA = config.service("A")!.hours!.days[.fri]!
    #expect(fridayA.count == 2)
  }

  @Test func sampleHallServesEveryServiceFromSomeCounter() throws {
    let config = try HallConfig.load(yaml: String(contentsOf: Self.sampleURL, encoding: .utf8))
    for s in config.services {
      #expect(config.counters.contains { $0.services.contains(s.id) }, "\(s.id)")
    }
  }

  @Test func defaultsApplyWhenKeysAreAbsent() throws {
    let config = try HallConfig.load(
      yaml: """
        name: H
        services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
        counters: [{id: 1, services: [A]}]
        """)
    #expect(config.priorityWeight == 3)
    #expect(config.zone.identifier == "Asia/Jakarta")
    #expect(config.counters[0].name == "Loket 1")
    #expect(config.counters[0].policy == .score)
    #expect(config.services[0].hours == nil)
    #expect(config.services[0].quota == nil)
    #expect(config.kiosks.isEmpty)
    #expect(config.voice == ["id"])
  }

  @Test func trustedAddressesAreRead() throws {
    let config = try HallConfig.load(
      yaml: """
        name: H
        services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
        counters: [{id: 1, services: [A]}]
        trusted: [10.0.0.2, "fd00::2"]
        """)
    #expect(config.trusted == ["10.0.0.2", "fd00::2"])
    #expect(try HallConfig.load(yaml: Self.minimal).trusted.isEmpty)
  }

  static let minimal = """
    name: H
    services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
    counters: [{id: 1, services: [A]}]
    """

  @Test func jsonIsAcceptedAsYAML() throws {
    let config = try HallConfig.load(
      yaml: """
        {"name": "H", "timezone": "+08:00", "priority_weight": 2,
         "services": [{"id": "AB", "name": "X", "target_wait_s": 60, "mean_service_s": 30,
                       "quota": null, "hours": {"mon": "08:00-12:00"}}],
         "counters": [{"id": 7, "name": "Loket 7", "services": ["AB"], "policy": "fifo",
                       "token": "counter-seven-token"}],
         "kiosks": [{"id": "K1", "token": "kiosk-token-1"}],
         "admin_token": "admin-token-123"}
        """)
    #expect(config.zone.secondsFromUTC == 8 * 3600)
    #expect(config.priorityWeight == 2)
    #expect(config.services[0].quota == nil)
    #expect(config.counters[0].policy == .fifo)
    #expect(config.counters[0].token == "counter-seven-token")
    #expect(config.kiosks[0].token == "kiosk-token-1")
    #expect(config.adminToken == "admin-token-123")
  }

  @Test(arguments: [
    ("Asia/Jakarta", 7 * 3600), ("Asia/Pontianak", 7 * 3600), ("Asia/Makassar", 8 * 3600),
    ("Asia/Jayapura", 9 * 3600), ("UTC", 0), ("+07:00", 7 * 3600), ("-03:30", -(3 * 3600 + 1800)),
  ])
  func timeZonesMapToFixedOffsets(zone: String, seconds: Int) throws {
    let config = try HallConfig.load(
      yaml: """
        name: H
        timezone: "\(zone)"
        services: [{id: A, name: X, target_wait_s: 60, mean_service_s: 30}]
        counters: [{id: 1, services: [A]}]
        """)
    #expect(config.zone.secondsFromUTC == seconds)
  }
}

@Suite struct YAMLQuirkTests {
  /// YAML 1.1 reads a bare N, Y or NO as booleans; the loader keeps what was written.
  @Test func serviceIDsThatLookLikeBooleansStayLetters() throws {
    let config = try HallConfig.load(
      yaml: """
        name: H
        services:
          - {id: N, name: X, target_wait_s: 60, mean_service_s: 30, quota: ~}
          - {id: Y, name: X, target_wait_s: 60, mean_service_s: 30}
          - {id: NO, name: X, target_wait_s: 60, mean_service_s: 30}
        counters: [{id: 1, services: [N, Y, NO]}]
        """)
    #expect(config.services.map(\.id) == ["N", "Y", "NO"])
    #expect(config.services[0].quota == nil)
  }

  @Test func unquotedHoursAreRead() throws {
    let config = try HallConfig.load(
      yaml: """
        name: H
        services:
          - id: A
            name: X
            target_wait_s: 60
            mean_service_s: 30
            hours:
              mon: 08:00-15:00
        counters: [{id: 1, services: [A]}]
        """)
    #expect(config.services[0].hours?.days[.mon] == [480..<900])
  }
}
