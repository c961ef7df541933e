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
    lines += classTable(english: english)
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

  /// Walk-ins and appointments of the services that take bookings, waits and the calls'
  /// lateness after the slot's start in minutes.
  func classTable(english: Bool) -> [String] {
    let rows = services.compactMap { id, s in
      s.walkIn.flatMap { w in s.appointment.map { (id, w, $0) } }
    }
    guard !rows.isEmpty else { return [] }
    func m(_ s: Double?) -> String { s.map { num($0 / 60) } ?? "–" }
    func ci(_ c: (Double, Double)?) -> String { c.map { "\(m($0.0))–\(m($0.1))" } ?? "–" }
    var lines = [
      "",
      english
        ? "Walk-ins and appointments (minutes; lateness: from the slot's start to the call)"
        : "Datang langsung dan janji temu (menit; terlambat: dari awal jadwal sampai dipanggil)",
    ]
    let head =
      english
      ? ["Service", "Class", "Served", "Mean", "p90", "95% CI p90", "Late p50", "Late p90"]
      : [
        "Layanan", "Kelas", "Dilayani", "Rerata", "p90", "IK95% p90", "Terlambat p50",
        "Terlambat p90",
      ]
    let widths = [8, 17, 9, 7, 7, 13, 15, 15]
    func line(_ cells: [String]) -> String {
      zip(cells, widths).enumerated().map { i, cw in
        let pad = String(repeating: " ", count: max(0, cw.1 - cw.0.count))
        return i < 2 ? cw.0 + pad : pad + cw.0
      }.joined()
    }
    lines.append(line(head))
    for (id, w, a) in rows {
      lines.append(
        line([
          id, english ? "walk-in" : "datang langsung", num(w.served), m(w.waitMeanS),
          m(w.waitP90S), ci(w.ci95WaitP90S), "", "",
        ]))
      guard let booked = a.booked, booked > 0 else { continue }
      lines.append(
        line([
          "", english ? "appointment" : "janji temu", num(a.served), m(a.waitMeanS),
          m(a.waitP90S), ci(a.ci95WaitP90S), m(a.latenessP50S), m(a.latenessP90S),
        ]))
      lines.append(
        english
          ? "  \(id): \(num(booked)) booked, \(num(a.noshow)) did not come, "
            + "\(num(a.missed)) came too late to check in"
          : "  \(id): \(num(booked)) memesan, \(num(a.noshow)) tidak datang, "
            + "\(num(a.missed)) terlambat check-in")
    }
    return lines
  }
}
