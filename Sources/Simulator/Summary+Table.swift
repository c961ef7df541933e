import HallWire
import QueueCore

/// The human output: a table per service and per counter, Bahasa Indonesia or English.
extension Summary {
  public func table(hall: HallConfig, english: Bool) -> String {
    func pad(_ s: String, _ w: Int, left: Bool = false) -> String {
      let n = max(0, w - s.count)
      return left ? s + String(repeating: " ", count: n) : String(repeating: " ", count: n) + s
    }
    func minutes(_ s: Double?) -> String { s.map { num($0 / 60) } ?? "–" }
    func share(_ x: Double?) -> String { x.map { num($0 * 100, 0) + "%" } ?? "–" }
    let head =
      english
      ? [
        "Service", "Arrived", "Refused", "Served", "Unserved", "Mean", "p50", "p90", "Max",
        "Waited", "In target", "ETA err",
      ]
      : [
        "Layanan", "Datang", "Ditolak", "Dilayani", "Tak terlayani", "Rerata", "p50", "p90",
        "Maks", "Menunggu", "Sesuai target", "Galat perkiraan",
      ]
    let widths = [8, 8, 8, 9, 14, 7, 7, 7, 7, 9, 14, english ? 10 : 16]
    var lines: [String] = []
    let title =
      english
      ? "\(replications) replications, policy: \(policy == "hall" ? "as in the hall file" : policy); "
        + "waits in minutes (means over runs)"
      : "\(replications) replikasi, kebijakan: \(policy == "hall" ? "sesuai berkas aula" : policy); "
        + "waktu tunggu dalam menit (rerata antarreplikasi)"
    lines.append(title)
    lines.append(zip(head, widths).enumerated().map { pad($1.0, $1.1, left: $0 == 0) }.joined())
    for (id, s) in services where s.arrivals > 0 {
      let row = [
        id, num(s.arrivals), num(s.refused), num(s.served), num(s.unserved),
        minutes(s.waitMeanS), minutes(s.waitP50S), minutes(s.waitP90S), minutes(s.waitMaxS),
        share(s.pWait), share(s.withinTarget), share(s.etaMaeRatio),
      ]
      lines.append(zip(row, widths).enumerated().map { pad($1.0, $1.1, left: $0 == 0) }.joined())
    }
    let p = english ? "Priority" : "Prioritas"
    lines.append(
      "\(p): \(num(priority.served)) " + (english ? "served, mean " : "dilayani, rerata ")
        + "\(minutes(priority.waitMeanS)), p90 \(minutes(priority.waitP90S))")
    lines.append("")
    lines.append(english ? "Counter   Served   Busy" : "Loket   Dilayani   Sibuk")
    for (id, c) in counters {
      lines.append(
        pad(String(id), english ? 7 : 5, left: true) + pad(num(c.served), english ? 9 : 11)
          + pad(share(c.utilisation), english ? 7 : 8))
    }
    return lines.joined(separator: "\n")
  }
}
