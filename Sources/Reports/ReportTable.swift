import QueueCore

/// The report as plain text for a terminal: a summary, then one table per group.
public enum ReportTable {
  public static func render(_ r: RangeStats) -> String {
    var out = "\(r.hall)\nLaporan pelayanan \(Format.period(r))\n\n"
    out += "Diterbitkan \(r.totalIssued), dilayani \(r.totalServed), tidak hadir \(r.totalNoshow)"
    out +=
      "; tunggu rata-rata \(Format.duration(r.waitS.mean)), p90 \(Format.duration(r.waitS.p90))\n"
    if let ikm = r.ikm.hall.value, let band = r.ikm.hall.band {
      out +=
        "IKM \(Format.ikm(ikm)) (\(band.band), \(band.label)) dari \(r.ikm.hall.respondents) responden"
    } else {
      out += "IKM – (belum ada responden)"
    }
    out += "; sampel minimum \(r.ikm.minSample)\n"
    if r.totalBookings > 0 {
      out += "Janji temu \(r.totalBookings), tidak datang \(r.totalBookingsMissed)\n"
    }
    out += "\n"

    out += grid(
      [
        "Layanan", "Terbit", "Dilayani", "Tdk hadir", "Batal", "Dialihkan", "Tunggu rata2",
        "Tunggu p90", "Layanan rata2", "Sesuai target", "IKM",
      ],
      r.services.map { s in
        [
          "\(s.id) \(s.name)", "\(s.issued)", "\(s.served)", "\(s.noshow)", "\(s.cancelled)",
          "\(s.transferred)", Format.duration(s.waitS.mean), Format.duration(s.waitS.p90),
          Format.duration(s.serviceS.mean), Format.percent(s.withinTarget), Format.ikm(s.ikm),
        ]
      })
    out += "\n"
    out += grid(
      ["Loket", "Dilayani", "Tdk hadir", "Layanan rata2", "Layanan p90", "Responden", "IKM"],
      r.counters.map(\.cells))
    if !r.officers.isEmpty {
      out += "\n"
      out += grid(
        ["Petugas", "Dilayani", "Tdk hadir", "Layanan rata2", "Layanan p90", "Responden", "IKM"],
        r.officers.map { o in
          [
            "\(o.name) (\(o.id))", "\(o.served)", "\(o.noshow)", Format.duration(o.serviceMeanS),
            Format.duration(o.serviceP90S), "\(o.respondents)", Format.ikm(o.ikm),
          ]
        })
    }
    out += "\n"
    out += grid(
      ["Unsur IKM", "Nilai"],
      zip(SurveyElement.all, r.ikm.hall.elements).map { e, v in
        ["\(e.key.uppercased()) \(e.name)", Format.decimal(v, places: 2)]
      })
    return out
  }

  /// Left-aligned first column, right-aligned numbers, widths by character count.
  static func grid(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    var widths = [Int](repeating: 0, count: header.count)
    for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }
    var out = line(header) + "\n"
    out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in rows { out += line(row) + "\n" }
    return out
  }
}
