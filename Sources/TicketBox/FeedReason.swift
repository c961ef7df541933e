import Wording

/// Why the feed to the server dropped, in the box's language. `FeedClient` gives its reasons
/// as English text; the ones a hall meets (a wrong token, a server that stops or cannot be
/// reached) are recognised here and said whole, and anything else is quoted as it came.
enum FeedReason {
  static func text(_ reason: String, _ language: Language) -> String {
    if reason.hasPrefix("closed by server (1008") {
      return language.pick(
        "server menolak token kios ini; periksa --token dan --box",
        "the server refused this kiosk token; check --token and --box")
    }
    if reason.hasPrefix("closed by server (1001") {
      return language.pick("server sedang berhenti", "the server is stopping")
    }
    if reason.hasPrefix("closed by server (") {
      let code = reason.dropFirst("closed by server (".count).prefix { $0.isNumber }
      return language.pick(
        "server menutup sambungan (kode \(code.isEmpty ? "-" : String(code)))",
        "the server closed the connection (code \(code.isEmpty ? "-" : String(code)))")
    }
    if reason.hasPrefix("no word from the server for ") {
      let seconds = reason.dropFirst("no word from the server for ".count).prefix { $0.isNumber }
      return language.pick(
        "server tidak menjawab selama \(seconds) detik", "no word from the server for \(seconds) s")
    }
    if reason.hasPrefix("refused(") {
      return language.pick(
        "sambungan ditolak; apakah server berjalan di alamat itu?",
        "connection refused; is the server running at that address?")
    }
    if reason.hasPrefix("timeout(") || reason == "timeout" {
      return language.pick("server tidak menjawab tepat waktu", "the server did not answer in time")
    }
    if reason.hasPrefix("unresolvable(") {
      return language.pick("alamat server tidak ditemukan", "the server's name cannot be resolved")
    }
    if reason == "eof" {
      return language.pick("server menutup sambungan", "the server closed the connection")
    }
    if reason.hasPrefix("server refused the upgrade: ") {
      let status = reason.dropFirst("server refused the upgrade: ".count).prefix { $0.isNumber }
      return language.pick(
        "server menolak sambungan feed (HTTP \(status))",
        "the server refused the feed connection (HTTP \(status))")
    }
    return reason
  }
}
