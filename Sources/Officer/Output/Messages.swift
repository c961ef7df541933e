import HallWire
import FoundationEssentials
import InitMacros
import Terminal
import Wording

/// Every line the officer tools print, in the officer's language. Pure: it only reads
/// decoded answers, so each message is tested with canned JSON.
@PublicInit
public struct Messages: Sendable {
  public let language: Language

  private func t(_ indonesian: String, _ english: String) -> String {
    language.pick(indonesian, english)
  }

  // MARK: - Command results

  /// The one line a successful command prints. `hall`, fetched after the command, adds
  /// counter and service names and the waiting count; without it the line is shorter.
  public func line(for outcome: CommandOutcome, counter: Int, hall: HallView?) -> String {
    line(
      for: outcome, counterName: hall?.counter(counter)?.name ?? "Loket \(counter)",
      waiting: hall?.waiting(atCounter: counter), serviceName: { hall?.service($0)?.name })
  }

  /// The same line from what the caller knows: `waiting` (tickets waiting for this
  /// counter) and service names are left out when nil.
  public func line(
    for outcome: CommandOutcome, counterName: String, waiting: Int?,
    serviceName: (String) -> String?
  ) -> String {
    let waiting = waiting.map { " — " + waitingPhrase($0) } ?? ""
    switch outcome {
    case .called(let ticket):
      return t(
        "Memanggil \(ticket.number) ke \(counterName)", "Calling \(ticket.number) to \(counterName)"
      )
        + waiting
    case .nobodyWaiting:
      return t("Tidak ada antrean yang menunggu", "Nobody is waiting")
    case .recalled(let ticket):
      return t(
        "Memanggil ulang \(ticket.number) (panggilan ke-\(ticket.calls))",
        "Calling \(ticket.number) again (call \(ticket.calls))")
    case .started(let ticket):
      return t("Mulai melayani \(ticket.number)", "Now serving \(ticket.number)")
    case .done(let ticket):
      return t("\(ticket.number) selesai dilayani", "\(ticket.number) served") + waiting
    case .noShow(let ticket):
      return t("\(ticket.number) tidak hadir", "\(ticket.number) did not show up") + waiting
    case .transferred(let ticket):
      let name = serviceName(ticket.service).map { " (\($0))" } ?? ""
      return t(
        "\(ticket.number) dipindahkan ke layanan \(ticket.service)\(name)",
        "\(ticket.number) transferred to service \(ticket.service)\(name)")
    case .paused(let counter, let reason?) where !reason.isEmpty:
      return t("\(counter.name) istirahat: \(reason)", "\(counter.name) on a break: \(reason)")
    case .paused(let counter, _):
      return t("\(counter.name) istirahat", "\(counter.name) on a break")
    case .resumed(let counter):
      return t("\(counter.name) kembali melayani", "\(counter.name) is serving again")
    case .opened(let counter):
      return t("\(counter.name) dibuka", "\(counter.name) is open")
    case .closed(let counter):
      return t("\(counter.name) ditutup", "\(counter.name) is closed")
    case .signedIn(let counter):
      let who = counter.officer?.name ?? "?"
      return t("\(who) masuk di \(counter.name)", "\(who) signed in at \(counter.name)")
    case .signedOut(let counter):
      return t("Tidak ada petugas di \(counter.name) sekarang", "No officer at \(counter.name) now")
    case .status(let hall):
      return hall.name
    }
  }

  public func waitingPhrase(_ count: Int) -> String {
    count == 0
      ? t("tidak ada yang menunggu", "nobody waiting")
      : t("\(count) orang menunggu", "\(count) waiting")
  }

  public func counterState(_ state: CounterState) -> String {
    switch state {
    case .open: t("buka", "open")
    case .paused: t("istirahat", "on break")
    case .closed: t("tutup", "closed")
    }
  }

  public func ticketState(_ state: TicketState) -> String {
    switch state {
    case .waiting: t("menunggu", "waiting")
    case .called: t("dipanggil", "called")
    case .serving: t("dilayani", "serving")
    case .done: t("selesai", "done")
    case .noshow: t("tidak hadir", "no-show")
    case .cancelled: t("batal", "cancelled")
    case .expired: t("kedaluwarsa", "expired")
    }
  }

  /// `4 mnt 12 dtk` / `4 min 12 s`, `1 jam 3 mnt` / `1 h 3 min`.
  public func duration(seconds: Int) -> String {
    let s = max(0, seconds)
    if s >= 3600 {
      return t("\(s / 3600) jam \(s % 3600 / 60) mnt", "\(s / 3600) h \(s % 3600 / 60) min")
    }
    if s >= 60 { return t("\(s / 60) mnt \(s % 60) dtk", "\(s / 60) min \(s % 60) s") }
    return t("\(s) dtk", "\(s) s")
  }

  /// Seconds since the ticket was called, when both times are known.
  static func elapsed(since ticket: Ticket, now: Date?) -> Int? {
    guard let now, let calledAt = ticket.calledAt, let since = Timestamp.parse(calledAt)
    else { return nil }
    return Int(now.timeIntervalSince(since).rounded(.down))
  }

  // MARK: - Status

  /// This counter on one line, then the hall: counters with their current numbers and
  /// waiting per service, in columns that fit `width`.
  public func status(hall: HallView, counter id: Int, now: Date?, width: Int = 80) -> [String] {
    var lines: [String] = []
    if let me = hall.counter(id) {
      var head = "\(me.name) — \(counterState(me.state))"
      if me.state == .paused, let reason = me.reason?.trailingSpacesRemoved, !reason.isEmpty {
        head += ": \(reason)"
      }
      if let ticket = me.ticket {
        head += " — \(ticket.number) \(ticketState(ticket.state))"
        if let seconds = Self.elapsed(since: ticket, now: now) {
          head += t(" sejak \(duration(seconds: seconds))", " for \(duration(seconds: seconds))")
        }
      } else {
        head += t(" — tidak ada nomor", " — no ticket")
      }
      lines.append(head)
    } else {
      lines.append(t("Loket \(id) tidak ada di aula ini", "Loket \(id) is not in this hall"))
    }
    lines.append(hall.name + (hall.date.isEmpty ? "" : ", \(hall.date)"))
    lines.append("")

    let nameWidth = min(24, max(7, hall.counters.map { $0.name.terminalWidth + 4 }.max() ?? 7))
    let stateWidth = 11
    let numberWidth = 7
    let rest = max(4, width - nameWidth - stateWidth - numberWidth)
    lines.append(
      t("Loket", "Counter").fitted(toWidth: nameWidth) + "Status".fitted(toWidth: stateWidth)
        + t("Nomor", "Number").fitted(toWidth: numberWidth)
        + t("Layanan", "Services").truncated(toWidth: rest))
    for counter in hall.counters {
      let name = counter.name + (counter.id == id ? " *" : "")
      let number = counter.ticket?.number ?? "-"
      lines.append(
        name.fitted(toWidth: nameWidth) + counterState(counter.state).fitted(toWidth: stateWidth)
          + number.fitted(toWidth: numberWidth)
          + counter.services.joined(separator: " ").truncated(toWidth: rest))
    }
    lines.append("")

    let countWidth = 9
    // "  kurang dari 1 menit": the longest estimate there is, with its gap.
    let etaWidth = 21
    let serviceWidth = max(10, min(40, width - countWidth - etaWidth))
    lines.append(
      t("Layanan", "Service").fitted(toWidth: serviceWidth)
        + t("Menunggu", "Waiting").rightAligned(toWidth: countWidth)
        + "  " + t("Perkiraan tunggu", "Estimated wait"))
    for service in hall.services {
      let closed = service.open ? "" : t(" (tutup)", " (closed)")
      // The wait a ticket taken now would have, said as on paper and pages; none for a
      // closed service or one no counter serves.
      let eta = service.etaS.map { "  " + Wait.estimate(seconds: $0, language.wording) }
      lines.append(
        "\(service.id)  \(service.name)\(closed)".fitted(toWidth: serviceWidth)
          + String(service.waiting).rightAligned(toWidth: countWidth)
          + (service.open ? eta ?? "" : ""))
    }
    lines.append(
      t("Jumlah", "Total").fitted(toWidth: serviceWidth)
        + String(hall.totalWaiting).rightAligned(toWidth: countWidth))
    return lines.map { $0.trailingSpacesRemoved }
  }

  // MARK: - Errors

  /// What went wrong and what to do about it, with the server's own message.
  /// The console's hint while a PIN is shorter than six digits.
  public var pinLengthHint: String {
    t("PIN terdiri dari 6 angka.", "A PIN is 6 digits.")
  }

  public func error(_ error: OfficerError, counter: Int?) -> String {
    let loket = counter.map { "Loket \($0)" } ?? t("loket ini", "this counter")
    switch error {
    case .badPIN:
      return t(
        "Petugas tidak dikenal atau PIN salah. Periksa NIP/ID dan PIN Anda.",
        "Unknown officer or wrong PIN. Check your id and PIN.")
    case .unreachable(let url, let reason):
      return t(
        "Tidak dapat terhubung ke server \(url)\(with(reason)). Periksa alamat server (--server, ANTRE_SERVER atau `antre login`) dan pastikan server berjalan.",
        "Cannot connect to the server \(url)\(with(reason)). Check the server address (--server, ANTRE_SERVER or `antre login`) and that the server is running."
      )
    case .timeout(let url):
      return t(
        "Server \(url) tidak menjawab tepat waktu. Periksa jaringan, lalu coba lagi.",
        "The server \(url) did not answer in time. Check the network, then try again.")
    case .invalidServerURL(let text):
      return t(
        "Alamat server tidak valid: \(text). Contoh: http://192.168.1.10:8080",
        "Invalid server address: \(text). Example: http://192.168.1.10:8080")
    case .badRequest(let message):
      return t(
        "Server menolak permintaan ini. Periksa perintah dan nilainya.",
        "The server refused the request\(with(message)).")
    case .unauthorized(let message):
      return t(
        "Token ditolak: server tidak mengenal token ini. Periksa --token atau ANTRE_TOKEN, atau masuk lagi dengan `antre login`.",
        "Token rejected: the server does not know this token. Check --token or ANTRE_TOKEN, or log in again with `antre login`."
      )
    case .forbidden(let message):
      return t(
        "Token ini tidak berlaku untuk \(loket). Gunakan token loket Anda sendiri, atau periksa --counter.",
        "This token is not valid for \(loket). Use your own counter's token, or check --counter."
      )
    case .unknownService(let message):
      return t(
        "Layanan tidak dikenal\(with(message)). Lihat kode layanan dengan `antre status`.",
        "Unknown service\(with(message)). See the service codes with `antre status`.")
    case .unknownCounter(let message):
      return t(
        "\(counter.map { "Loket \($0)" } ?? "Loket ini") tidak ada di aula ini. Periksa --counter atau ANTRE_COUNTER.",
        "\(counter.map { "Loket \($0)" } ?? "This counter") is not in this hall. Check --counter or ANTRE_COUNTER."
      )
    case .notFound(let message):
      return t(
        "Nomor antrean itu tidak ditemukan hari ini\(ours(message)). Periksa nomornya.",
        "No such ticket today\(ours(message)). Check the number.")
    case .noCurrentTicket:
      return t(
        "\(loket) tidak sedang memanggil atau melayani nomor apa pun. Panggil nomor berikutnya dengan `antre next`.",
        "\(loket) has no ticket called or being served. Call the next one with `antre next`.")
    case .conflict(let message):
      return t(
        // The server says why (paused, closed, wrong state) in the officer's language; a
        // generic hint after it would repeat it or be wrong.
        message.isEmpty
          ? "Tidak dapat dilakukan sekarang. Jika loket sedang istirahat atau tutup, jalankan `antre resume` atau `antre open` dulu."
          : "Tidak dapat dilakukan sekarang\(with(message)).",
        message.isEmpty
          ? "Not possible now. If the counter is paused or closed, run `antre resume` or `antre open` first."
          : "Not possible now\(with(message))."
      )
    case .rateLimited(let message):
      return t(
        "Terlalu banyak permintaan. Tunggu sebentar, lalu coba lagi.",
        "Too many requests. Wait a moment, then try again.")
    case .wouldStrand(let services, _):
      return wouldStrand(services: services, loket: loket)
    case .server(let status, let code, let message):
      return t(
        "Server menjawab \(status) \(code)\(status == 409 ? with(message) : ours(message)).",
        "The server answered \(status) \(code)\(with(message)).")
    case .unexpectedResponse(let status, let detail):
      return t(
        "Jawaban server tidak dapat dibaca (HTTP \(status)): \(detail). Pastikan --server menunjuk ke server Antre.",
        "Unreadable answer from the server (HTTP \(status)): \(detail). Make sure --server points at an Antre server."
      )
    case .missingSetting(.server):
      return t(
        "Alamat server belum diatur. Berikan --server URL, setel ANTRE_SERVER, atau jalankan `antre login`.",
        "No server address. Pass --server URL, set ANTRE_SERVER, or run `antre login`.")
    case .missingSetting(.counter):
      return t(
        "Nomor loket belum diatur. Berikan --counter N, setel ANTRE_COUNTER, atau jalankan `antre login`.",
        "No counter number. Pass --counter N, set ANTRE_COUNTER, or run `antre login`.")
    case .missingSetting(.token):
      return t(
        "Token belum diatur. Berikan --token T, setel ANTRE_TOKEN, atau jalankan `antre login`.",
        "No token. Pass --token T, set ANTRE_TOKEN, or run `antre login`.")
    case .invalidSetting(let name, let value):
      return t(
        "Nilai \(name) tidak valid: '\(value)'. Nomor loket adalah bilangan bulat, misalnya 3.",
        "Invalid \(name): '\(value)'. A counter number is a whole number, such as 3.")
    case .configFile(let path, let reason):
      return t(
        "Berkas konfigurasi \(path) tidak dapat dipakai: \(configReason(reason)). Jalankan `antre login` lagi.",
        "The config file \(path) cannot be used: \(reason). Run `antre login` again.")
    }
  }

  /// The server's message where our sentence alone says too little, in English only: the
  /// server words domain refusals (409s, `unknown_service`) in the asked language but its
  /// HTTP-level ones (tokens, bad JSON, unknown routes) in English, so an Indonesian line
  /// never quotes those.
  private func ours(_ message: String) -> String {
    language == .en ? with(message) : ""
  }

  /// `ConfigFile`'s reasons in the officer's language; the system's own text stays as it is.
  private func configReason(_ reason: String) -> String {
    switch reason {
    case "too large": "terlalu besar"
    case "not the JSON `antre login` writes": "bukan JSON yang ditulis `antre login`"
    case "HOME is not set": "HOME belum diatur"
    default: reason
    }
  }

  /// The server's message after a colon: for refusals the server words in the language
  /// asked for (`Accept-Language`). It is a sentence of its own, whose full stop
  /// would double ours.
  private func with(_ message: String) -> String {
    var text = message.trailingSpacesRemoved
    while text.last == "." { text.removeLast() }
    return text.isEmpty ? "" : ": \(text)"
  }

  /// An error as the console shows it: where the command line's remedy is another command,
  /// the console's is a key.
  public func consoleError(_ error: OfficerError, counter: Int) -> String {
    switch error {
    case .unreachable(let url, _):
      return t(
        "Tidak dapat terhubung ke server \(url). Periksa jaringan, lalu coba lagi.",
        "Cannot connect to the server \(url). Check the network, then try again.")
    case .noCurrentTicket:
      return t(
        "Loket \(counter) tidak sedang memanggil atau melayani nomor apa pun. Tekan Spasi untuk memanggil.",
        "Loket \(counter) has no ticket called or being served. Press Space to call one.")
    case .conflict(let message):
      return t(
        message.isEmpty
          ? "Tidak dapat dilakukan sekarang. Jika loket sedang istirahat atau tutup, tekan P dulu."
          : "Tidak dapat dilakukan sekarang\(with(message)).",
        message.isEmpty
          ? "Not possible now. If the counter is paused or closed, press P first."
          : "Not possible now\(with(message)).")
    case .unknownService(let message):
      return t(
        "Layanan tidak dikenal\(with(message)). Tekan T lagi dan pilih kode dari daftar.",
        "Unknown service\(with(message)). Press T again and pick a code from the list.")
    case .unauthorized(let message):
      return t(
        "Token ditolak: server tidak mengenal token ini. Keluar (Q) dan jalankan lagi dengan token yang benar.",
        "Token rejected: the server does not know this token. Quit (Q) and start again with the right token."
      )
    case .forbidden(let message):
      return t(
        "Token ini tidak berlaku untuk Loket \(counter). Keluar (Q) dan periksa --counter dan --token.",
        "This token is not valid for Loket \(counter). Quit (Q) and check --counter and --token."
      )
    default:
      return self.error(error, counter: counter)
    }
  }

  /// Why the console could not take over the terminal.
  public func terminal(_ error: TerminalError) -> String {
    switch error {
    case .notATerminal:
      return t(
        "`antre console` perlu dijalankan langsung di terminal, bukan lewat pipa atau berkas. Untuk skrip, pakai `antre next`, `antre status` dan seterusnya.",
        "`antre console` must run in a terminal, not from a pipe or a file. For scripts, use `antre next`, `antre status` and so on."
      )
    case .system(let call, let code):
      return t(
        "Terminal tidak dapat disiapkan (\(call), errno \(code)).",
        "Cannot set up the terminal (\(call), errno \(code)).")
    }
  }

  /// `antre login` for a counter the hall does not have.
  public func noSuchCounter(_ counter: Int, hall: HallView) -> String {
    let names = hall.counters.map { String($0.id) }.joined(separator: ", ")
    return t(
      "Loket \(counter) tidak ada di \(hall.name) (loket yang ada: \(names)). Periksa --counter; tidak ada yang disimpan.",
      "Loket \(counter) is not in \(hall.name) (its counters: \(names)). Check --counter; nothing was saved."
    )
  }

  /// After `antre login`.
  public func loggedIn(_ settings: OfficerSettings, path: String) -> String {
    t(
      "Tersimpan: Loket \(settings.counter) di \(settings.server) (\(path))",
      "Saved: Loket \(settings.counter) at \(settings.server) (\(path))")
  }
}

// MARK: - Closing a counter that would strand visitors (issue 11.4)

extension Messages {
  /// Why `antre close` was refused, and how to close anyway.
  func wouldStrand(services: [String], loket: String) -> String {
    let list = services.joined(separator: ", ")
    return t(
      "\(loket) tidak ditutup: masih ada pengunjung yang menunggu layanan \(list), dan tidak ada loket lain yang buka untuk melayaninya. Jika ditutup, mereka tetap menunggu tanpa perkiraan waktu sampai ada loket yang buka. Untuk tetap menutup, jalankan `antre close --force`.",
      "\(loket) was not closed: visitors are waiting for service \(list) and no other counter serving it is open. If closed, they keep waiting, with no estimate, until a counter opens. To close anyway, run `antre close --force`."
    )
  }
}

extension String {
  var trailingSpacesRemoved: String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
