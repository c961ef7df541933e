import Foundation
import QueueCore
import Server
import Simulator
import Storage
import HallYAML

/// Why a recorded day cannot be replayed.
struct ReplayError: Error {
  var en: String
  var id: String

  func text(english: Bool) -> String { english ? en : id }
}

extension Simulate {
  /// The day `date` as the database recorded it, on the hall of `--config` (or, to try other
  /// counters, of `--counters`).
  func replayScenario(db: String, date: String, english: Bool) throws -> Scenario {
    guard FileManager.default.fileExists(atPath: db) else {
      throw ReplayError(en: "no database at \(db)", id: "basis data \(db) tidak ada")
    }
    let root = defaultResourceRoot(executablePath: CommandLine.arguments[0])
    let hallPath = counters ?? config ?? bundledHall(root: root)
    guard let text = try? String(contentsOfFile: hallPath, encoding: .utf8) else {
      throw ReplayError(en: "cannot read \(hallPath)", id: "tidak bisa membaca \(hallPath)")
    }
    let hall: HallConfig
    do {
      hall = try HallConfig.load(yaml: text)
    } catch {
      throw ReplayError(en: "\(hallPath): \(error)", id: "\(hallPath): \(error)")
    }
    let rows: [TicketRecord]
    do {
      rows = try Store(path: db).tickets(day: date)
    } catch {
      throw ReplayError(en: "\(db): \(error)", id: "\(db): \(error)")
    }
    guard !rows.isEmpty else {
      throw ReplayError(
        en: "the database has no tickets on \(date)", id: "tidak ada antrean pada \(date)")
    }
    var s = Scenario(replaying: [], hall: hall, date: date)
    let start = s.startOfDay(0)
    let visitors = rows.compactMap { r -> RecordedVisitor? in
      // A ticket cancelled before its call left on its own: no work for any counter.
      if r.state == .cancelled { return nil }
      let served: Double? =
        r.state == .done
        ? r.calledAt.flatMap { c in r.finishedAt.map { Double(max(0, $0 - c)) / 1000 } } : nil
      return RecordedVisitor(
        offsetMillis: r.issuedAt - start,
        service: r.issuedService, priority: r.priority,
        serviceS: served, noshow: r.state == .noshow)
    }
    s = Scenario(replaying: visitors, hall: hall, date: date)
    return s
  }
}
