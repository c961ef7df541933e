import HallWire
import FoundationEssentials

/// The officer-account commands' sentences, Bahasa Indonesia first.
struct AccountText {
  let language: Language

  func t(_ id: String, _ en: String) -> String { language.pick(id, en) }

  var pinPrompt: String { t("PIN: ", "PIN: ") }
  var pinMissing: String {
    t(
      "PIN diperlukan (--pin atau ketik saat diminta).",
      "A PIN is required (--pin or type it when asked).")
  }
  var needServer: String {
    t(
      "Alamat server belum diatur: berikan --server URL atau setel ANTRE_SERVER.",
      "No server address: pass --server URL or set ANTRE_SERVER.")
  }
  var needToken: String {
    t(
      "Token admin belum diatur: berikan --token atau setel ANTRE_TOKEN.",
      "No admin token: pass --token or set ANTRE_TOKEN.")
  }

  func signedIn(_ counter: Counter?) -> String {
    let name = counter?.name ?? "Loket"
    let officer = counter?.officer?.name ?? "?"
    return t("\(officer) masuk di \(name).", "\(officer) signed in at \(name).")
  }

  func signedOut(_ counter: Counter?) -> String {
    let name = counter?.name ?? "Loket"
    return t("Tidak ada petugas di \(name) sekarang.", "No officer at \(name) now.")
  }

  func withPIN(_ reply: OfficerPIN?, added: Bool) -> [String] {
    let who = "\(reply?.officer.name ?? "?") (\(reply?.officer.id ?? "?"))"
    let pin = reply?.pin ?? "?"
    return [
      added
        ? t("Petugas \(who) ditambahkan.", "Officer \(who) added.")
        : t("PIN baru untuk \(who).", "New PIN for \(who)."),
      t(
        "PIN: \(pin) — berikan kepada petugas; PIN ini tidak ditampilkan lagi.",
        "PIN: \(pin) — give it to the officer; it is not shown again."),
    ]
  }

  func list(_ officers: [Officer]) -> [String] {
    guard !officers.isEmpty else { return [t("Belum ada petugas.", "No officers yet.")] }
    return officers.map { o in
      "\(o.id)  \(o.name)" + (o.active == false ? t("  (nonaktif)", "  (inactive)") : "")
    }
  }

  func removed(_ o: Officer?) -> String {
    let who = "\(o?.name ?? "?") (\(o?.id ?? "?"))"
    return t(
      "Petugas \(who) dinonaktifkan; riwayatnya tetap tersimpan.",
      "Officer \(who) deactivated; their history is kept.")
  }

  /// The refusals these commands meet that the counter commands do not.
  func refusal(_ reply: AccountReply) -> String? {
    switch reply.code {
    case "bad_pin":
      return t("Petugas tidak dikenal atau PIN salah.", "Unknown officer or wrong PIN.")
    case "rate_limited":
      return t(
        "Terlalu banyak PIN salah; coba lagi 15 menit lagi.",
        "Too many wrong PINs; try again in 15 minutes.")
    case "conflict" where reply.status == 409:
      return t(
        "Ditolak: \(reply.message ?? "konflik").", "Refused: \(reply.message ?? "conflict").")
    case "not_found": return t("Petugas tidak ditemukan.", "No such officer.")
    case "forbidden":
      return t("Token ini tidak berwenang untuk perintah ini.", "This token may not do that.")
    default: return nil
    }
  }
}
