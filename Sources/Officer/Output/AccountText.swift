import FoundationEssentials

/// The officer-account commands' sentences, Bahasa Indonesia first.
struct AccountText {
  let language: Language

  func t(_ id: String, _ en: String) -> String { language.pick(id, en) }

  var pinPrompt: String { t("PIN: ", "PIN: ") }
  var pinMissing: String { t("PIN diperlukan (--pin atau ketik saat diminta).", "A PIN is required (--pin or type it when asked).") }
  var needServer: String { t("Alamat server belum diatur: berikan --server URL atau setel ANTRE_SERVER.", "No server address: pass --server URL or set ANTRE_SERVER.") }
  var needToken: String { t("Token admin belum diatur: berikan --token atau setel ANTRE_TOKEN.", "No admin token: pass --token or set ANTRE_TOKEN.") }

  func signedIn(_ counter: [String: Any]) -> String {
    let name = counter["name"] as? String ?? "Loket"
    let officer = (counter["officer"] as? [String: Any])?["name"] as? String ?? "?"
    return t("\(officer) masuk di \(name).", "\(officer) signed in at \(name).")
  }

  func signedOut(_ counter: [String: Any]) -> String {
    let name = counter["name"] as? String ?? "Loket"
    return t("Tidak ada petugas di \(name) sekarang.", "No officer at \(name) now.")
  }

  func withPIN(_ reply: [String: Any], added: Bool) -> [String] {
    let o = reply["officer"] as? [String: Any] ?? [:]
    let who = "\(o["name"] as? String ?? "?") (\(o["id"] as? String ?? "?"))"
    let pin = reply["pin"] as? String ?? "?"
    return [
      added
        ? t("Petugas \(who) ditambahkan.", "Officer \(who) added.")
        : t("PIN baru untuk \(who).", "New PIN for \(who)."),
      t("PIN: \(pin) — berikan kepada petugas; PIN ini tidak ditampilkan lagi.", "PIN: \(pin) — give it to the officer; it is not shown again."),
    ]
  }

  func list(_ officers: [[String: Any]]) -> [String] {
    guard !officers.isEmpty else { return [t("Belum ada petugas.", "No officers yet.")] }
    return officers.map { o in
      let active = o["active"] as? Bool ?? false
      let id = o["id"] as? String ?? "?"
      let name = o["name"] as? String ?? "?"
      return "\(id)  \(name)" + (active ? "" : t("  (nonaktif)", "  (inactive)"))
    }
  }

  func removed(_ o: [String: Any]) -> String {
    let who = "\(o["name"] as? String ?? "?") (\(o["id"] as? String ?? "?"))"
    return t("Petugas \(who) dinonaktifkan; riwayatnya tetap tersimpan.", "Officer \(who) deactivated; their history is kept.")
  }

  /// The refusals these commands meet that the counter commands do not.
  func refusal(_ reply: AccountReply) -> String? {
    switch reply.code {
    case "bad_pin": return t("Petugas tidak dikenal atau PIN salah.", "Unknown officer or wrong PIN.")
    case "rate_limited": return t("Terlalu banyak PIN salah; coba lagi 15 menit lagi.", "Too many wrong PINs; try again in 15 minutes.")
    case "conflict" where reply.status == 409:
      return t("Ditolak: \(reply.message ?? "konflik").", "Refused: \(reply.message ?? "conflict").")
    case "not_found": return t("Petugas tidak ditemukan.", "No such officer.")
    case "forbidden": return t("Token ini tidak berwenang untuk perintah ini.", "This token may not do that.")
    default: return nil
    }
  }
}
