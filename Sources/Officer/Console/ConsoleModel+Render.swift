import HallWire
import FoundationEssentials
import Terminal

extension ConsoleModel {
  static let maxNoticeLines = 3

  /// The screen as plain text lines: exactly `height` of them, none wider than `width`.
  public func render(width: Int, height: Int) -> [String] {
    lines(width: width, height: height).map(\.text)
  }

  /// The screen: header, this counter and its ticket, waiting counts and recent calls on
  /// top; the notice or prompt and the keys at the bottom, which stay when space runs out.
  public func lines(width: Int, height: Int) -> [ScreenLine] {
    let width = max(1, width)
    let height = max(1, height)
    var bottom = [ScreenLine("")]
    if let prompt {
      bottom.append(ScreenLine(promptLine(prompt), style: .bold))
    } else if let notice {
      // Errors say what to do, so they get room: up to three lines.
      let text = (notice.isError ? "! " : "") + notice.text
      for line in text.wrapped(toWidth: width, maxLines: Self.maxNoticeLines) {
        bottom.append(ScreenLine(line, style: notice.isError ? .bold : .plain))
      }
    } else {
      bottom.append(ScreenLine(""))
    }
    bottom += keyLines(width: width).map { ScreenLine($0, style: .reverse) }

    var top = [header(width: width), ScreenLine("")]
    top.append(ScreenLine(stateLine()))
    top.append(ScreenLine(""))
    top.append(ScreenLine(ticketLine(), style: .bold))
    top.append(ScreenLine(""))
    top.append(ScreenLine(t("Menunggu di loket ini:", "Waiting for this counter:")))
    let nameWidth = max(4, min(30, width - 12))
    for id in counter?.services ?? [] {
      let name = services.first { $0.id == id }?.name ?? id
      top.append(
        ScreenLine(
          ("  " + id + "  " + name).fitted(toWidth: nameWidth)
            + String(waiting(id)).rightAligned(toWidth: 5)))
    }
    top.append(
      ScreenLine(
        t("Menunggu di seluruh aula:", "Waiting in the whole hall:").fitted(toWidth: nameWidth)
          + String(waitingInHall).rightAligned(toWidth: 5)))
    let room = height - bottom.count - top.count
    if room >= 3, !recentCalls.isEmpty {
      top.append(ScreenLine(""))
      top.append(ScreenLine(t("Panggilan terakhir:", "Last calls:")))
      for call in recentCalls.prefix(min(5, room - 2)) {
        let clock = Timestamp.clock(call.at) ?? ""
        top.append(
          ScreenLine("  \(call.number.fitted(toWidth: 6)) → Loket \(call.counter)  \(clock)"))
      }
    }

    var screen: [ScreenLine]
    if bottom.count >= height {
      screen = Array(bottom.suffix(height))
    } else {
      screen = Array(top.prefix(height - bottom.count))
      screen += Array(repeating: ScreenLine(""), count: height - bottom.count - screen.count)
      screen += bottom
    }
    return screen.map { ScreenLine($0.text.truncated(toWidth: width), style: $0.style) }
  }

  private func t(_ indonesian: String, _ english: String) -> String {
    messages.language.pick(indonesian, english)
  }

  private func header(width: Int) -> ScreenLine {
    let left = " " + counterName + (hallName.isEmpty ? "" : " · " + hallName)
    let right: String
    switch connection {
    case .connecting: right = t("menghubungkan…", "connecting…")
    case .connected: right = t("tersambung", "connected")
    case .disconnected: right = t("terjadi gangguan koneksi", "connection lost, reconnecting")
    }
    let rightPart = right + " "
    let leftWidth = max(0, width - rightPart.terminalWidth - 1)
    return ScreenLine(left.fitted(toWidth: leftWidth) + " " + rightPart, style: .reverse)
  }

  private func stateLine() -> String {
    guard let counter else { return t("Status loket: belum diketahui", "Counter status: unknown") }
    var line = t("Status loket: ", "Counter status: ") + messages.counterState(counter.state)
    // The server's reason covers a pause made before this console started, or elsewhere.
    if counter.state == .paused, let reason = pauseReason ?? counter.reason, !reason.isEmpty {
      line += " — " + reason
    }
    if let officer = counter.officer {
      line += t(" · Petugas: ", " · Officer: ") + officer.name
    }
    return line
  }

  private func ticketLine() -> String {
    let label = t("Nomor sekarang: ", "Current ticket: ")
    guard let ticket = currentTicket else {
      return label + t("—  (tekan Spasi untuk memanggil)", "—  (press Space to call)")
    }
    var line = label + ticket.number + "  " + messages.ticketState(ticket.state)
    if ticket.calls > 1 { line += t(" · panggilan ke-\(ticket.calls)", " · call \(ticket.calls)") }
    if let seconds = Messages.elapsed(since: ticket, now: now) {
      line += " · " + messages.duration(seconds: seconds)
    }
    return line
  }

  private func promptLine(_ prompt: Prompt) -> String {
    switch prompt {
    case .transfer(let text):
      let choices = services.map(\.id).joined(separator: ", ")
      let hint = choices.isEmpty ? "" : " (\(choices))"
      return t("Pindah ke layanan\(hint): ", "Transfer to service\(hint): ") + text + "_"
    case .pause(let text):
      return t("Alasan istirahat: ", "Reason for the break: ") + text + "_"
    case .officer(let text):
      return t("NIP/ID petugas: ", "Officer's id: ") + text + "_"
    case .pin(let officer, let pin):
      return t("PIN \(officer): ", "PIN for \(officer): ")
        + String(repeating: "•", count: pin.count) + "_"
    }
  }

  /// The key hints, wrapped to the width at item boundaries.
  func keyLines(width: Int) -> [String] {
    let items: [String]
    if prompt != nil {
      items = [t("[Enter] Kirim", "[Enter] Send"), t("[Esc] Batal", "[Esc] Cancel")]
    } else {
      let p: String
      switch counter?.state {
      case .paused: p = t("[P] Lanjut", "[P] Resume")
      case .closed: p = t("[P] Buka", "[P] Open")
      default: p = t("[P] Istirahat", "[P] Pause")
      }
      items = [
        t("[Spasi/N] Panggil", "[Space/N] Next"), t("[R] Ulang", "[R] Recall"),
        t("[S] Mulai", "[S] Start"), t("[D] Selesai", "[D] Done"),
        t("[X] Tidak hadir", "[X] No-show"), t("[T] Pindah", "[T] Transfer"), p,
        counter?.officer == nil
          ? t("[O] Petugas masuk", "[O] Sign in") : t("[O] Petugas keluar", "[O] Sign out"),
        t("[Q] Keluar", "[Q] Quit"),
      ]
    }
    var lines: [String] = []
    var current = ""
    for item in items {
      let candidate = current.isEmpty ? " " + item : current + "  " + item
      if candidate.terminalWidth > width, !current.isEmpty {
        lines.append(current)
        current = " " + item
      } else {
        current = candidate
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines
  }
}
