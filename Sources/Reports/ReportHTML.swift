import QueueCore

/// The printable monthly report: A4 portrait, the hall's name and period, a summary, charts
/// (inline SVG) and the tables, in Bahasa Indonesia. Self-contained: no script, no file or
/// font from elsewhere, so it prints the same offline.
public enum ReportHTML {
  public static func render(_ r: RangeStats, generatedAt: String) -> String {
    let e = HTML.escape
    var h = """
      <!doctype html>
      <html lang="id"><head><meta charset="utf-8">
      <title>Laporan pelayanan \(e(r.hall)) \(e(Format.period(r)))</title>
      <style>
      @page { size: A4; margin: 14mm 12mm 16mm; }
      body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; margin: 0; }
      header { border-bottom: 2px solid #1f5f8b; margin-bottom: 8pt; padding-bottom: 4pt; }
      h1 { font-size: 16pt; margin: 0; }
      h2 { font-size: 12pt; margin: 14pt 0 4pt; color: #1f5f8b; }
      .period { font-size: 11pt; margin-top: 2pt; }
      .meta { color: #555; font-size: 8.5pt; }
      table { border-collapse: collapse; width: 100%; margin: 4pt 0; font-size: 8.5pt; }
      th, td { border: 1px solid #bbb; padding: 2pt 4pt; }
      th { background: #e8eef3; text-align: left; }
      td.n { text-align: right; font-variant-numeric: tabular-nums; }
      section { break-inside: avoid; }
      .cards { display: flex; gap: 6pt; margin: 6pt 0; }
      .card { flex: 1; border: 1px solid #bbb; padding: 4pt 6pt; }
      .card b { display: block; font-size: 13pt; }
      .card b.small { font-size: 10pt; }
      .band { font-weight: bold; }
      .pagebreak { break-before: page; }
      figure { margin: 6pt 0; break-inside: avoid; }
      </style></head><body>
      <header><h1>Laporan Pelayanan — \(e(r.hall))</h1>
      <div class="period">Periode \(e(Format.period(r)))</div>
      <div class="meta">Dibuat \(e(generatedAt)) oleh Antre</div></header>

      """
    let noshowRate = Format.share(r.totalNoshow, r.totalServed + r.totalNoshow)
    let bookingCard =
      r.totalBookings == 0
      ? ""
      : "<div class=\"card\">Janji temu tidak datang<b>\(r.totalBookingsMissed) / \(r.totalBookings)</b></div>\n"
    let ikmText = r.ikm.hall.value.map { Format.ikm($0) } ?? "–"
    let band = r.ikm.hall.band.map { "\($0.band) · \($0.label)" } ?? "belum ada responden"
    h += """
      <section><h2>Ringkasan</h2><div class="cards">
      <div class="card">Diterbitkan<b>\(r.totalIssued)</b></div>
      <div class="card">Dilayani<b>\(r.totalServed)</b></div>
      <div class="card">Tidak hadir<b>\(Format.percent(noshowRate))</b></div>
      <div class="card">Tunggu rata-rata · p90<b class="small">\(e(Format.duration(r.waitS.mean))) / \(e(Format.duration(r.waitS.p90)))</b></div>
      <div class="card">IKM<b>\(ikmText)</b><span class="band">\(e(band))</span></div>
      \(bookingCard)</div></section>

      """
    let dayLabels = r.byDay.map { String($0.date.suffix(2)) }
    h += "<figure>"
    h += SVGChart.bars(
      labels: dayLabels,
      series: [
        ("Diterbitkan", r.byDay.map(\.issued), "#9cc3df"),
        ("Dilayani", r.byDay.map(\.served), "#1f5f8b"),
      ], title: "Antrean per hari")
    h += "</figure>\n"
    let firstHour = r.arrivalsByHour.firstIndex { $0 > 0 } ?? 7
    let lastHour = r.arrivalsByHour.lastIndex { $0 > 0 } ?? 16
    let hours = Array(min(firstHour, 7)...max(lastHour, 16))
    h += "<figure>"
    h += SVGChart.bars(
      labels: hours.map { String(format2($0)) + ".00" },
      series: [("Kedatangan", hours.map { r.arrivalsByHour[$0] }, "#1f5f8b")],
      height: 180, title: "Kedatangan per jam (jumlah selama periode)")
    h += "</figure>\n"

    h += "<section><h2>Per layanan</h2>"
    h += table(
      [
        "Layanan", "Terbit", "Dilayani", "Tdk hadir", "Batal", "Dialihkan", "Tunggu rata-rata",
        "Tunggu p50", "Tunggu p90", "Tunggu maks", "Layanan rata-rata", "Layanan p90",
        "Sesuai target", "IKM",
      ],
      r.services.map { s in
        [
          "\(s.id) · \(s.name)", "\(s.issued)", "\(s.served)", "\(s.noshow)", "\(s.cancelled)",
          "\(s.transferred)", Format.duration(s.waitS.mean), Format.duration(s.waitS.p50),
          Format.duration(s.waitS.p90), Format.duration(s.waitS.max),
          Format.duration(s.serviceS.mean), Format.duration(s.serviceS.p90),
          Format.percent(s.withinTarget), Format.ikm(s.ikm),
        ]
      })
    h += "</section>\n<figure>"
    let longest = r.services.compactMap(\.waitS.p90).max() ?? 1
    let scale = Double(max(longest, r.services.map(\.targetWaitS).max() ?? 1)) * 1.05
    h += SVGChart.hbars(
      rows: r.services.map { s in
        (
          "\(s.id) · \(s.name)", s.waitS.p90.map(Double.init),
          Format.duration(s.waitS.p90) + " (" + Format.percent(s.withinTarget) + " sesuai)",
          Double(s.targetWaitS)
        )
      }, scaleMax: scale, title: "Waktu tunggu p90 per layanan", markerName: "target")
    h += "</figure>\n"

    h += "<section class=\"pagebreak\"><h2>Per loket</h2>"
    h += table(
      ["Loket", "Dilayani", "Tdk hadir", "Layanan rata-rata", "Layanan p90", "Responden", "IKM"],
      r.counters.map(\.cells))
    h += "</section>\n<section><h2>Per petugas</h2>"
    h +=
      r.officers.isEmpty
      ? "<p>Tidak ada petugas yang masuk selama periode ini.</p>"
      : table(
        [
          "Petugas", "NIP / id", "Dilayani", "Tdk hadir", "Layanan rata-rata", "Layanan p90",
          "Responden", "IKM",
        ],
        r.officers.map { o in
          [
            o.name, o.id, "\(o.served)", "\(o.noshow)", Format.duration(o.serviceMeanS),
            Format.duration(o.serviceP90S), "\(o.respondents)", Format.ikm(o.ikm),
          ]
        })
    h += "</section>\n"

    h += """
      <section><h2>Indeks Kepuasan Masyarakat (PermenPANRB 14/2017)</h2>
      <p>\(r.ikm.hall.respondents) responden; sampel minimum (Krejcie–Morgan) untuk \
      \(r.ikm.served) layanan: \(r.ikm.minSample)\(r.ikm.hall.respondents < r.ikm.minSample ? " — <b>belum tercapai</b>" : "").
      IKM \(ikmText) (\(e(band))). Mutu: A 88,31–100 Sangat Baik; B 76,61–88,30 Baik;
      C 65,00–76,60 Kurang Baik; D 25,00–64,99 Tidak Baik.</p>
      """
    h += "<figure>"
    h += SVGChart.hbars(
      rows: zip(SurveyElement.all, r.ikm.hall.elements).map { el, v in
        ("\(el.key.uppercased()) \(el.name)", v, Format.decimal(v, places: 2), nil)
      }, scaleMax: 4, title: "Nilai rata-rata per unsur (skala 1–4)")
    h += "</figure>"
    h += table(
      ["Layanan", "Responden", "IKM", "Mutu"],
      r.ikm.byService.map { g in
        let name = r.services.first { $0.id == g.key }?.name ?? g.key
        return [
          "\(g.key) · \(name)", "\(g.tally.respondents)", Format.ikm(g.tally.value),
          g.tally.band.map { "\($0.band) · \($0.label)" } ?? "–",
        ]
      })
    h += "</section>\n</body></html>\n"
    return h
  }

  static func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

  /// First column text, the rest right-aligned numbers.
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var t = "<table><thead><tr>"
    for c in header { t += "<th>\(HTML.escape(c))</th>" }
    t += "</tr></thead><tbody>"
    for row in rows {
      t += "<tr>"
      for (i, c) in row.enumerated() {
        t += i == 0 ? "<td>\(HTML.escape(c))</td>" : "<td class=\"n\">\(HTML.escape(c))</td>"
      }
      t += "</tr>"
    }
    return t + "</tbody></table>"
  }
}
