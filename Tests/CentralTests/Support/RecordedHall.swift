import HallWire
import Foundation
import QueueCore
import Storage
import HallYAML

/// A real `QueueCore.Hall` whose events go into a real hall database (a temporary SQLite
/// file), as `antre serve` writes them: what the shipper reads.
final class RecordedHall {
  static let yaml = """
    name: Mal Pelayanan Publik Uji
    timezone: Asia/Jakarta
    services:
      - {id: A, name: Kependudukan, target_wait_s: 600, mean_service_s: 300}
      - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 240}
    counters:
      - {id: 1, name: Loket 1, services: [A, B]}
      - {id: 2, name: Loket 2, services: [B, A]}
    """

  let config: HallConfig
  let directory: String
  let databasePath: String
  let store: Store
  let hall: Hall
  private(set) var now: Millis
  private(set) var tickets: [String: TicketRecord] = [:]
  private var nextID = 0

  init(start: Millis) throws {
    config = try HallConfig.load(yaml: Self.yaml)
    directory =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-central-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: directory, withIntermediateDirectories: true)
    databasePath = directory + "/hall.sqlite"
    store = try Store(path: databasePath)
    now = start
    var counter = 0
    hall = Hall(config: config, restoring: nil, now: start) {
      counter += 1
      return "ticket-\(counter)"
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// Runs `command` `seconds` after the previous one and records its events durably.
  @discardableResult
  func run(_ command: Command, after seconds: Int64 = 1) throws -> Outcome {
    try run(command, afterMillis: seconds * 1000)
  }

  /// As `run(_:after:)`, to the millisecond: a real hall's times are not whole seconds.
  @discardableResult
  func run(_ command: Command, afterMillis millis: Int64) throws -> Outcome {
    now += millis
    let outcome = try hall.handle(command, at: now)
    try store.begin()
    for t in outcome.changes.tickets { tickets[t.id] = t }
    for event in outcome.events {
      try store.append(
        EventRow(
          seq: event.seq, at: event.at, type: event.type, box: event.printBox,
          json: String(decoding: event.jsonBytes, as: UTF8.self)))
    }
    try store.commit()
    return outcome
  }

  /// Appends an event the hall does not make yet (a `survey`), at the next seq.
  func appendRaw(type: String, json: (Int64, String) -> String) throws -> Int64 {
    now += 1000
    let seq = try lastSeq() + 1
    try store.append(
      EventRow(seq: seq, at: now, type: type, json: json(seq, config.zone.rfc3339(now))))
    return seq
  }

  func lastSeq() throws -> Int64 {
    try store.events(after: 0, limit: 1_000_000).last?.seq ?? 0
  }

  /// The hall's own report for `day`, as `GET /api/stats?date=` computes it.
  func ownStats(day: String) -> StatsReport {
    Stats.compute(tickets: tickets.values.filter { $0.day == day }, config: config, date: day)
  }
}
