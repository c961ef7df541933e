/// A hall the size of the sample (eight services, twelve counters) without opening hours,
/// so the pages can be looked at full of real data at any time of day, plus a ninth service
/// open one minute a week, to show how a service closed for its hours looks. A and B take
/// bookings (A remote tickets too), so the kiosk shows its check-in button.
enum BrowserHall {
  static let busy = """
    name: Mal Pelayanan Publik Banyuwangi
    timezone: Asia/Jakarta
    admin_token: admin-secret
    priority_weight: 3
    ticker: >-
      Selamat datang di Mal Pelayanan Publik Banyuwangi. Siapkan KTP-el dan dokumen asli
      sebelum dipanggil. Layanan tanpa pungutan liar.
    voice: [id, en]
    services:
      - {id: A, name: Kependudukan (Dukcapil), name_en: Civil registry, target_wait_s: 1200, mean_service_s: 420, quota: 250, appointments: {per_slot: 4, days_ahead: 14}, remote: {share: 0.3, notify_ahead: 5}}
      - {id: B, name: Perizinan (DPMPTSP), name_en: Business licensing, target_wait_s: 1500, mean_service_s: 600, appointments: {slot_s: 1800, per_slot: 2, days_ahead: 7}}
      - {id: C, name: Samsat (Pajak Kendaraan), name_en: Vehicle tax, target_wait_s: 900, mean_service_s: 300}
      - {id: D, name: BPJS Kesehatan, name_en: National health insurance, target_wait_s: 1200, mean_service_s: 480}
      - {id: E, name: Imigrasi (Paspor), name_en: Immigration (passports), target_wait_s: 1800, mean_service_s: 540, quota: 4}
      - {id: F, name: SKCK (Polresta), name_en: Police clearance certificate, target_wait_s: 1200, mean_service_s: 360}
      - {id: G, name: Bank Jatim, name_en: Bank Jatim, target_wait_s: 600, mean_service_s: 240}
      - {id: H, name: PLN & PDAM (Listrik dan Air), name_en: Electricity and water, target_wait_s: 900, mean_service_s: 300}
      - {id: I, name: Konsultasi Pajak (KPP Pratama), name_en: Tax consultation, target_wait_s: 900, mean_service_s: 600, hours: {sun: "07:00-07:01"}}
    counters:
      - {id: 1, name: Loket 1, services: [A], token: c1-secret}
      - {id: 2, name: Loket 2, services: [A], token: c2-secret}
      - {id: 3, name: Loket 3, services: [A, B], token: c3-secret}
      - {id: 4, name: Loket 4, services: [B], token: c4-secret}
      - {id: 5, name: Loket 5, services: [C], token: c5-secret}
      - {id: 6, name: Loket 6, services: [C, H], policy: ordered, token: c6-secret}
      - {id: 7, name: Loket 7, services: [D], token: c7-secret}
      - {id: 8, name: Loket 8, services: [E], token: c8-secret}
      - {id: 9, name: Loket 9, services: [E, F], policy: ordered, token: c9-secret}
      - {id: 10, name: Loket 10, services: [F], token: c10-secret}
      - {id: 11, name: Loket 11, services: [G, H], token: c11-secret}
      - {id: 12, name: Loket 12, services: [H, G, I], policy: fifo, token: c12-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """

  /// Tickets issued per service, then calls, a recall, a pause and a closed counter.
  static func fill(_ server: ServerProcess) async throws {
    let issue: [(String, Int)] = [
      ("A", 9), ("B", 5), ("C", 6), ("D", 4), ("E", 4), ("F", 3), ("G", 4), ("H", 6),
    ]
    for (service, count) in issue {
      for i in 0..<count {
        _ = try await server.request(
          "POST", "/api/tickets", token: "admin-secret",
          json: ["service": service, "priority": i == 2])
      }
    }
    for counter in [1, 2, 3, 5, 7, 8, 9, 10, 11, 1, 6, 2] {
      _ = try await server.request(
        "POST", "/api/counters/\(counter)/call", token: "c\(counter)-secret")
    }
    _ = try await server.request("POST", "/api/counters/5/recall", token: "c5-secret")
    _ = try await server.request("POST", "/api/counters/7/start", token: "c7-secret")
    _ = try await server.request(
      "POST", "/api/counters/4/pause", token: "c4-secret", json: ["reason": "makan siang"])
    _ = try await server.request("POST", "/api/counters/12/close", token: "c12-secret")
  }
}
