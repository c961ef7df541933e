import Foundation
import QueueCore
import Reports
import Storage
import HallYAML

#if canImport(Glibc)
  import Glibc
#endif

/// This process's CPU time in milliseconds: on a shared machine the wall clock also counts
/// the time other processes held the cores.
func cpuMillis() -> Int { Int(clock()) / Int(CLOCKS_PER_SEC / 1000) }

// report-bench DB HALL.yaml FROM TO: times `ReportLoader.stats` (what `/api/stats?from&to`
// and `antre report` run) three times on an existing database, e.g. one that
// `store-bench history --tickets 1000000 --days 365` wrote.
let args = CommandLine.arguments
guard args.count == 5 else {
  FileHandle.standardError.write(Data("usage: report-bench DB HALL.yaml FROM TO\n".utf8))
  exit(2)
}
do {
  let config = try HallConfig.load(yaml: String(contentsOfFile: args[2], encoding: .utf8))
  let store = try Store(path: args[1])
  let range = try ReportRange(from: args[3], to: args[4], today: args[4])
  let clock = ContinuousClock()
  // The scan alone: what SQLite and the row mapping cost before any figure is computed.
  var rows = 0
  let scan = clock.measure {
    try? store.forEachReportTicket(from: range.from, to: range.to) { _ in rows += 1 }
  }
  print(
    "scan only: \(rows) rows in \(scan.components.seconds * 1000 + scan.components.attoseconds / 1_000_000_000_000_000) ms"
  )
  for attempt in 1...3 {
    var stats: RangeStats?
    let cpu = cpuMillis()
    let elapsed = clock.measure {
      stats = try? ReportLoader.stats(store: store, config: config, range: range)
    }
    let ms =
      elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
    let issued = stats?.services.reduce(0) { $0 + $1.issued } ?? -1
    print(
      "run \(attempt): \(issued) tickets, \(range.days) days in \(ms) ms (CPU \(cpuMillis() - cpu) ms)"
    )
  }
} catch {
  FileHandle.standardError.write(Data("report-bench: \(error)\n".utf8))
  exit(1)
}
