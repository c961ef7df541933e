// central-bench: how fast a hall's event log reaches the central PostgreSQL.
//
//   central-bench --postgres URL [--events N] [--outage-rate EVENTS_PER_S]
//
// 1. Throughput: a real QueueCore hall (issue, call, finish, transfer …) writes N events to
//    a fresh hall database; a Shipper then ships them all and the time to "caught up" gives
//    events per second into PostgreSQL (the trigger that keeps `tickets` current included).
// 2. Catch-up after a 10-minute outage: the same hall keeps working for ten minutes of hall
//    time at the given rate while nothing ships (the backlog is generated directly, with
//    event times spread over those ten minutes, instead of waiting); a new Shipper then
//    connects, finds where PostgreSQL stopped, and the time to "caught up" is measured. A
//    shipper whose PostgreSQL comes back takes exactly this path: connect, read max(seq),
//    ship batches.
import HallWire
import Central
import Foundation
import Logging
import QueueCore
import Storage
import HallYAML

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
  return arguments[i + 1]
}
guard let url = option("--postgres") else {
  print("usage: central-bench --postgres URL [--events N] [--outage-rate EVENTS_PER_S]")
  exit(64)
}
let eventCount = Int(option("--events") ?? "") ?? 100_000
let outageRates = (option("--outage-rate") ?? "5,50").split(separator: ",").compactMap {
  Double($0)
}

let yaml = """
  name: Mal Pelayanan Publik Uji Beban
  timezone: Asia/Jakarta
  services:
    - {id: A, name: Kependudukan, target_wait_s: 900, mean_service_s: 300}
    - {id: B, name: Perizinan, target_wait_s: 900, mean_service_s: 240}
    - {id: C, name: Samsat, target_wait_s: 600, mean_service_s: 180}
  counters:
    - {id: 1, name: Loket 1, services: [A, B]}
    - {id: 2, name: Loket 2, services: [B, C]}
    - {id: 3, name: Loket 3, services: [C, A]}
    - {id: 4, name: Loket 4, services: [A, B, C]}
  """

/// A hall that keeps working: four counters calling, visitors arriving, now and then a
/// no-show or a transfer. Every event goes to the hall database as `antre serve` writes it.
final class BusyHall {
  let config: HallConfig
  let store: Store
  let path: String
  let hall: Hall
  var now: Millis
  var step = 0
  var serial = 0

  init(path: String, start: Millis) throws {
    config = try HallConfig.load(yaml: yaml)
    self.path = path
    store = try Store(path: path)
    now = start
    var n = 0
    hall = Hall(config: config, restoring: nil, now: start) {
      n += 1
      return String(format: "%032x", n)
    }
  }

  /// Runs commands until the log holds `count` more events, `millisPerEvent` apart.
  func produce(_ count: Int, millisPerEvent: Millis) throws {
    let target = hall.lastSeq + Int64(count)
    try store.begin()
    var inBatch = 0
    while hall.lastSeq < target {
      step += 1
      let command: Command =
        switch step % 7 {
        case 0, 2, 4: .issue(service: ["A", "B", "C"][step % 3], priority: step % 19 == 0)
        case 1: .call(counter: 1 + step % 4, .auto)
        case 3:
          step % 23 == 3 ? .noshow(counter: 1 + step % 4) : .call(counter: 1 + step % 4, .auto)
        case 5:
          step % 31 == 5 ? .transfer(counter: 1 + step % 4, to: "C") : .done(counter: 1 + step % 4)
        default: .call(counter: 1 + (step + 1) % 4, .auto)
        }
      guard let outcome = try? hall.handle(command, at: now) else { continue }
      try store.persistEvents(outcome)
      now += millisPerEvent * Int64(max(1, outcome.events.count))
      inBatch += outcome.events.count
      if inBatch >= 500 {
        try store.commit()
        try store.begin()
        inBatch = 0
      }
    }
    try store.commit()
  }
}

extension Store {
  func persistEvents(_ outcome: Outcome) throws(StorageError) {
    for event in outcome.events {
      try append(
        EventRow(
          seq: event.seq, at: event.at, type: event.type, box: event.printBox,
          json: String(decoding: event.jsonBytes, as: UTF8.self)))
    }
  }
}

func shipUntilCaughtUp(_ hall: BusyHall, id: String) -> Double {
  var settings = ShipperSettings(url: url, hall: id, databasePath: hall.path, config: hall.config)
  settings.pollInterval = 0.005
  let shipper = Shipper(settings: settings, logger: Logger(label: "bench"))
  let started = Date()
  shipper.start()
  while true {
    let s = shipper.status
    if s.state == .caughtUp, s.shippedSeq == hall.hall.lastSeq { break }
    if s.state == .refused || s.state == .badURL {
      print("shipper: \(s.state) \(s.error ?? "")")
      exit(1)
    }
    usleep(2_000)
  }
  let seconds = Date().timeIntervalSince(started)
  _ = shipper.waitUntilStopped(seconds: 5)
  return seconds
}

let directory = NSTemporaryDirectory() + "central-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: directory) }
let start: Millis = Millis(Date().timeIntervalSince1970 * 1000) - 86_400_000

let hall = try BusyHall(path: directory + "/throughput.sqlite", start: start)
try hall.produce(eventCount, millisPerEvent: 200)
let id = "bench-\(getpid())"
let seconds = shipUntilCaughtUp(hall, id: id)
print(
  String(
    format: "throughput: %d events shipped in %.2f s = %.0f events/s (batches of 1000)",
    eventCount, seconds, Double(eventCount) / seconds))

for rate in outageRates {
  let outage = try BusyHall(path: directory + "/outage-\(Int(rate)).sqlite", start: start)
  // A morning already shipped …
  try outage.produce(5_000, millisPerEvent: 1000)
  let outageID = "outage-\(Int(rate))-\(getpid())"
  _ = shipUntilCaughtUp(outage, id: outageID)
  // … then ten minutes of hall time at `rate` events/s with PostgreSQL away.
  let backlog = Int(rate * 600)
  try outage.produce(backlog, millisPerEvent: Millis(1000 / rate))
  let catchUp = shipUntilCaughtUp(outage, id: outageID)
  print(
    String(
      format: "catch-up: 10-minute outage at %.0f events/s = %d events behind, caught up in %.2f s",
      rate, backlog, catchUp))
}
