import QueueCore

/// The report as one CSV table for a spreadsheet set to Indonesian: `;` between fields, a
/// decimal comma, a UTF-8 byte order mark; one row per service, counter and officer, the
/// `jenis` column saying which. Durations are whole seconds.
public enum ReportCSV {
  public static let bom = CSV.bom

  public static func render(_ r: RangeStats) -> String {
    var out = bom
    let header = [
      "jenis", "id", "nama", "dari", "sampai", "diterbitkan", "dilayani", "tidak_hadir", "batal",
      "kedaluwarsa", "dialihkan", "tunggu_rata2_dtk", "tunggu_p50_dtk", "tunggu_p90_dtk",
      "tunggu_maks_dtk", "layanan_rata2_dtk", "layanan_p90_dtk", "sesuai_target", "responden",
      "ikm",
    ]
    out += header.joined(separator: ";") + "\r\n"
    func n(_ v: Int?) -> String { v.map(String.init) ?? "" }
    func d(_ v: Double?, _ places: Int) -> String {
      v == nil ? "" : Format.decimal(v, places: places)
    }
    for s in r.services {
      out += row([
        "layanan", s.id, s.name, r.from, r.to, n(s.issued), n(s.served), n(s.noshow),
        n(s.cancelled), n(s.expired), n(s.transferred), n(s.waitS.mean), n(s.waitS.p50),
        n(s.waitS.p90), n(s.waitS.max), n(s.serviceS.mean), n(s.serviceS.p90),
        d(s.withinTarget, 4), n(s.respondents), d(s.ikm, 2),
      ])
    }
    for c in r.counters {
      out += row([
        "loket", String(c.id), c.name, r.from, r.to, "", n(c.served), n(c.noshow), "", "", "", "",
        "", "", "", n(c.serviceS.mean), n(c.serviceS.p90), "", n(c.respondents), d(c.ikm, 2),
      ])
    }
    for o in r.officers {
      out += row([
        "petugas", o.id, o.name, r.from, r.to, "", n(o.served), n(o.noshow), "", "", "", "", "",
        "", "", n(o.serviceMeanS), n(o.serviceP90S), "", n(o.respondents), d(o.ikm, 2),
      ])
    }
    out += row([
      "aula", "", r.hall, r.from, r.to, n(r.totalIssued), n(r.totalServed), n(r.totalNoshow), "",
      "", "", n(r.waitS.mean), n(r.waitS.p50), n(r.waitS.p90), n(r.waitS.max), "", "", "",
      n(r.ikm.hall.respondents), d(r.ikm.hall.value, 2),
    ])
    return out
  }

  static func row(_ fields: [String]) -> String { CSV.row(fields, separator: ";") }
}
