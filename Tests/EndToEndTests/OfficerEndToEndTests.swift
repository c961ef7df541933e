import Foundation
import Testing

/// The officer commands and console as an officer runs them: the built `antre` binary against
/// a real `antre serve`.
@Suite(.serialized) struct OfficerEndToEndTests {
  private func flags(_ server: ServerProcess, counter: Int = 1, token: String = "c1-secret")
    -> [String]
  {
    ["--server", server.baseURL, "--counter", String(counter), "--token", token]
  }

  /// The first line of `status`: this counter, its state and its ticket.
  private func statusHead(_ server: ServerProcess, lang: String = "id") throws -> String {
    let r = try OfficerCLI.run(["status", "--lang", lang] + flags(server))
    #expect(r.status == 0, "\(r.err)")
    return r.lines.first ?? ""
  }

  @Test func eachCommandChangesWhatStatusShows() async throws {
    let server = try ServerProcess()
    try await issue(server, "A", count: 3)
    #expect(try statusHead(server) == "Loket 1 — buka — tidak ada nomor")

    let next = try OfficerCLI.run(["next"] + flags(server))
    #expect(next.status == 0 && next.lines == ["Memanggil A001 ke Loket 1 — 2 orang menunggu"])
    #expect(try statusHead(server).hasPrefix("Loket 1 — buka — A001 dipanggil sejak"))

    let recall = try OfficerCLI.run(["recall"] + flags(server))
    #expect(recall.lines == ["Memanggil ulang A001 (panggilan ke-2)"])
    let start = try OfficerCLI.run(["start"] + flags(server))
    #expect(start.lines == ["Mulai melayani A001"])
    #expect(try statusHead(server).hasPrefix("Loket 1 — buka — A001 dilayani sejak"))

    let done = try OfficerCLI.run(["done", "--lang", "en"] + flags(server))
    #expect(done.lines == ["A001 served — 2 waiting"])
    #expect(try statusHead(server) == "Loket 1 — buka — tidak ada nomor")

    _ = try OfficerCLI.run(["next"] + flags(server))
    let noshow = try OfficerCLI.run(["noshow"] + flags(server))
    #expect(noshow.lines == ["A002 tidak hadir — 1 orang menunggu"])

    let byNumber = try OfficerCLI.run(["next", "--number", "a002"] + flags(server))
    #expect(byNumber.status == 0 && byNumber.lines.first?.hasPrefix("Memanggil A002") == true)
    let transfer = try OfficerCLI.run(["transfer", "B"] + flags(server))
    #expect(transfer.lines == ["A002 dipindahkan ke layanan B (Perizinan)"])
    let status = try OfficerCLI.run(["status"] + flags(server))
    #expect(
      status.lines.contains { $0.hasPrefix("A  Kependudukan") && $0.contains(" 1  \u{00B1}") })
    #expect(status.lines.contains { $0.hasPrefix("B  Perizinan") && $0.contains(" 1  \u{00B1}") })
    #expect(status.lines.contains("Jumlah                                          2"))

    #expect(status.lines.contains("Loket 1 *  buka       -      A B"))
    let fromB = try OfficerCLI.run(["next", "--service", "b"] + flags(server))
    #expect(fromB.lines == ["Memanggil A002 ke Loket 1 — 1 orang menunggu"])
    let after = try OfficerCLI.run(["status"] + flags(server))
    #expect(after.lines.contains("Loket 1 *  buka       A002   A B"))

    let pause = try OfficerCLI.run(["pause", "--reason", "makan siang"] + flags(server))
    #expect(pause.lines == ["Loket 1 istirahat: makan siang"])
    #expect(try statusHead(server).hasPrefix("Loket 1 — istirahat: makan siang — A002"))
    let resume = try OfficerCLI.run(["resume"] + flags(server))
    #expect(resume.lines == ["Loket 1 kembali melayani"])
    // Loket 1 is the only counter for A, where someone waits: closing needs --force.
    let refused = try OfficerCLI.run(["close", "--lang", "en"] + flags(server))
    #expect(refused.status == 1 && refused.out.isEmpty)
    #expect(refused.err.hasPrefix("Loket 1 was not closed: visitors are waiting for service A "))
    #expect(refused.err.contains("`antre close --force`"))
    #expect(try statusHead(server, lang: "en").hasPrefix("Loket 1 — open"))
    let close = try OfficerCLI.run(["close", "--force", "--lang", "en"] + flags(server))
    #expect(close.lines == ["Loket 1 is closed"])
    #expect(try statusHead(server, lang: "en").hasPrefix("Loket 1 — closed"))
    let open = try OfficerCLI.run(["open"] + flags(server))
    #expect(open.lines == ["Loket 1 dibuka"])
    #expect(try statusHead(server).hasPrefix("Loket 1 — buka"))
  }

  @Test func jsonOutputIsProtocolsResponseObject() async throws {
    let server = try ServerProcess()
    let nobody = try OfficerCLI.run(["next", "--json"] + flags(server))
    #expect(nobody.status == 0 && nobody.out == "null\n")

    try await issue(server, "B")
    let called = try OfficerCLI.run(["next", "--json"] + flags(server))
    let ticket = try #require(
      jsonObject(called.out.trimmingCharacters(in: .newlines)) as [String: Any]?)
    for key in [
      "id", "number", "service", "state", "priority", "issued_at", "called_at", "counter",
      "calls", "position", "eta_s",
    ] {
      #expect(ticket.keys.contains(key), "Ticket lacks \(key)")
    }
    #expect(ticket["number"] as? String == "B001" && ticket["state"] as? String == "called")
    #expect(ticket["counter"] as? Int == 1 && ticket["calls"] as? Int == 1)
    let fetched = try await server.request("GET", "/api/tickets/\(ticket["id"] as? String ?? "")")
    #expect(fetched.object["number"] as? String == "B001")

    let pause = try OfficerCLI.run(["pause", "--json"] + flags(server))
    let counter = jsonObject(pause.out)
    #expect(Set(counter.keys).isSuperset(of: ["id", "name", "services", "state", "ticket"]))
    #expect(counter["state"] as? String == "paused" && counter["id"] as? Int == 1)

    let hall = jsonObject(try OfficerCLI.run(["status", "--json"] + flags(server)).out)
    #expect(hall["name"] as? String == "Test Hall")
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.map { $0["id"] as? String } == ["A", "B"])
    let counters = hall["counters"] as? [[String: Any]] ?? []
    #expect(counters.first?["state"] as? String == "paused")
  }

  @Test func errorsSayWhatToDoAndExitNonZero() async throws {
    let server = try ServerProcess()

    let unreachable = try OfficerCLI.run([
      "next", "--server", "http://127.0.0.1:1", "--counter", "1", "--token", "c1-secret",
    ])
    #expect(unreachable.status == 1 && unreachable.out.isEmpty)
    #expect(
      unreachable.err
        == "Tidak dapat terhubung ke server http://127.0.0.1:1/api/counters/1/call. Periksa alamat server (--server, ANTRE_SERVER atau `antre login`) dan pastikan server berjalan.\n"
    )

    let wrongToken = try OfficerCLI.run(["next", "--lang", "en"] + flags(server, token: "nope"))
    #expect(wrongToken.status == 1)
    #expect(wrongToken.err.hasPrefix("Token rejected"))
    #expect(wrongToken.err.contains("log in again with `antre login`"))

    let otherCounter = try OfficerCLI.run(["next"] + flags(server, counter: 2))
    #expect(otherCounter.status == 1)
    #expect(
      otherCounter.err
        == "Token ini tidak berlaku untuk Loket 2. Gunakan token loket Anda sendiri, atau periksa --counter.\n"
    )

    let nobody = try OfficerCLI.run(["next"] + flags(server))
    #expect(nobody.status == 0 && nobody.out == "Tidak ada antrean yang menunggu\n")
    #expect(nobody.err.isEmpty)

    let noTicket = try OfficerCLI.run(["done"] + flags(server))
    #expect(
      noTicket.status == 1 && noTicket.err.contains("Panggil nomor berikutnya dengan `antre next`"))

    try await issue(server, "A")
    _ = try OfficerCLI.run(["pause"] + flags(server))
    let paused = try OfficerCLI.run(["next"] + flags(server))
    #expect(paused.status == 1 && paused.out.isEmpty)
    // The officer's language travels as Accept-Language: the server's refusal is Indonesian too.
    // The server's reason says what to do; no generic hint repeats it.
    #expect(
      paused.err
        == "Tidak dapat dilakukan sekarang: Loket 1 sedang istirahat; lanjutkan dulu sebelum memanggil.\n"
    )
    _ = try OfficerCLI.run(["close", "--force"] + flags(server))
    let closed = try OfficerCLI.run(["next", "--lang", "en"] + flags(server))
    #expect(closed.status == 1 && closed.err.hasPrefix("Not possible now: Counter 1 is closed"))
    _ = try OfficerCLI.run(["open"] + flags(server))

    _ = try OfficerCLI.run(["next"] + flags(server))
    let unknown = try OfficerCLI.run(["transfer", "Z"] + flags(server))
    #expect(unknown.status == 1)
    #expect(
      unknown.err
        == "Layanan tidak dikenal: Layanan \"Z\" tidak ada. Lihat kode layanan dengan `antre status`.\n"
    )

    let noSettings = try OfficerCLI.run(["status"])
    #expect(noSettings.status == 2 && noSettings.err.hasPrefix("Alamat server belum diatur."))
    let badUsage = try OfficerCLI.run(["next", "--service", "ABC"] + flags(server))
    #expect(badUsage.status == 64 && badUsage.err.contains("--service berisi kode layanan"))
    let noTerminal = try OfficerCLI.run(["console"] + flags(server))
    #expect(noTerminal.status == 2 && noTerminal.err.hasPrefix("`antre console` perlu dijalankan"))
  }

  @Test func loginSavesNothingWhenTheServerCounterOrTokenIsWrong() async throws {
    let server = try ServerProcess()
    let home = server.directory.appendingPathComponent("home")
    let env = OfficerCLI.environment(home: home)
    let file = home.appendingPathComponent(".config/antre/officer.json").path
    let base = ["login", "--server", server.baseURL]
    let wrongToken = try OfficerCLI.run(
      base + ["--counter", "1", "--token", "nope"], environment: env)
    #expect(wrongToken.status == 1 && wrongToken.out.isEmpty)
    #expect(
      wrongToken.err
        == "Token ditolak: server tidak mengenal token ini. Periksa --token atau ANTRE_TOKEN, atau masuk lagi dengan `antre login`.\n"
    )
    let otherCounter = try OfficerCLI.run(
      base + ["--counter", "2", "--token", "c1-secret", "--lang", "en"], environment: env)
    #expect(otherCounter.status == 1)
    #expect(otherCounter.err.hasPrefix("This token is not valid for Loket 2."))
    let noCounter = try OfficerCLI.run(
      base + ["--counter", "99", "--token", "admin-secret"], environment: env)
    #expect(noCounter.status == 1)
    #expect(noCounter.err.hasPrefix("Loket 99 tidak ada di "))
    let noServer = try OfficerCLI.run(
      ["login", "--server", "http://127.0.0.1:1", "--counter", "1", "--token", "c1-secret"],
      environment: env)
    #expect(noServer.status == 1)
    #expect(noServer.err.hasPrefix("Tidak dapat terhubung ke server"))
    #expect(!FileManager.default.fileExists(atPath: file))
    // Nothing changed on the server either: counter 1 is still open, nothing was called.
    let hall = try await server.request("GET", "/api/hall").object
    let counters = hall["counters"] as? [[String: Any]] ?? []
    #expect(counters.first?["state"] as? String == "open")
    #expect(counters.first?["ticket"] is NSNull)
  }

  @Test func statusShowsWhyTheCounterIsPaused() async throws {
    let server = try ServerProcess()
    _ = try OfficerCLI.run(["pause", "--reason", "Salat zuhur"] + flags(server))
    let status = try OfficerCLI.run(["status"] + flags(server))
    #expect(status.lines.first == "Loket 1 — istirahat: Salat zuhur — tidak ada nomor")
  }

  @Test func loginThenCommandsNeedNoFlags() async throws {
    let server = try ServerProcess()
    let home = server.directory.appendingPathComponent("home")
    let env = OfficerCLI.environment(home: home)
    let login = try OfficerCLI.run(
      ["login", "--server", "127.0.0.1:\(server.port)", "--counter", "1", "--token", "c1-secret"],
      environment: env)
    let file = home.appendingPathComponent(".config/antre/officer.json").path
    #expect(login.status == 0)
    #expect(login.lines == ["Tersimpan: Loket 1 di \(server.baseURL) (\(file))"])
    let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
    #expect(mode == 0o600)

    try await issue(server, "A")
    let next = try OfficerCLI.run(["next"], environment: env)
    #expect(
      next.status == 0 && next.lines == ["Memanggil A001 ke Loket 1 — tidak ada yang menunggu"])
    let status = try OfficerCLI.run(["status"], environment: env)
    #expect(status.lines.first?.hasPrefix("Loket 1 — buka — A001 dipanggil") == true)
    // The environment still wins over the file.
    let other = try OfficerCLI.run(
      ["next"], environment: OfficerCLI.environment(home: home, extra: ["ANTRE_COUNTER": "2"]))
    #expect(other.status == 1 && other.err.hasPrefix("Token ini tidak berlaku untuk Loket 2"))
  }

  @Test func rootHelpIsStable() throws {
    let help = try OfficerCLI.run(["--help"])
    #expect(help.status == 0)
    #expect(help.out == Self.rootHelp)
  }

  static let rootHelp = """
    OVERVIEW: Queue numbers and counter displays for a public service hall.

    USAGE: antre <subcommand>

    OPTIONS:
      -h, --help              Show help information.

    SUBCOMMANDS:
      serve                   Run the hall: HTTP API, static pages and the live
                              feed on one port.
      tokens                  Show the hall's tokens and the addresses to give each
                              device.
      login                   Remember the server, counter and token for the other
                              officer commands.
      next                    Call the next ticket to this counter.
      recall                  Announce the current ticket again.
      start                   Mark the called visitor as arrived and being served.
      done                    Finish the current ticket as served.
      noshow                  Finish the current ticket as not shown up.
      transfer                Send the current ticket to another service's queue,
                              keeping its number.
      pause                   Take a short break; this counter's services stay open.
      resume                  End a break and serve again.
      open                    Open this counter.
      close                   Close this counter for the day.
      status                  Show this counter and the hall: counters, their
                              numbers, waiting per service.
      console                 Open the full-screen console for this counter: one
                              key per action.
      ticketbox               Run a ticket box: each service id read on standard
                              input prints a ticket.
      backup                  Copy the hall's database to a file or a folder,
                              safely while the server runs.
      restore                 Put a backup back as the hall's database (with the
                              server stopped).
      central                 Serve the region's view of every hall from the
                              central PostgreSQL.
      report                  A service report for a period: a table, CSV or
                              printable HTML.
      officers                Manage the hall's officers (admin token).
      signin                  Sign an officer in at this counter.
      signout                 Sign the officer out of this counter.
      simulate                Simulate a day of visitors through the hall's own
                              queue logic.

      See 'antre help <subcommand>' for detailed help.

    """
}

/// The console in a real terminal (tmux), against a real server.
@Suite(.serialized, .enabled(if: OfficerTmux.isInstalled, "tmux is not installed"))
struct OfficerConsoleEndToEndTests {
  /// The console inside a shell that reports, once the console has ended, its exit status and
  /// whether the terminal's settings are back to what they were before. The shell then stays,
  /// as tmux may drop the last output of a pane whose process is gone.
  private func console(_ server: ServerProcess, lang: String = "id") throws -> OfficerTmux {
    let binary = ServerProcess.antreBinary.path
    let command =
      "before=$(stty -g); '\(binary)' console --server \(server.baseURL) --counter 1 "
      + "--token c1-secret --lang \(lang); rc=$?; "
      + "if [ \"$before\" = \"$(stty -g)\" ]; then r=yes; else r=no; fi; "
      + "echo \"console ended rc=$rc restored=$r\"; exec sleep 60"
    return try OfficerTmux(
      command: "sh -c '\(command.replacingOccurrences(of: "'", with: "'\\''"))'")
  }

  @Test func anOfficerSignsInAndOutFromTheConsole() async throws {
    let server = try ServerProcess()
    let added = try await server.request(
      "POST", "/api/officers", token: "admin-secret", json: ["id": "sari01", "name": "Sari Dewi"])
    let pin = (added.object["pin"] as? String) ?? ""
    #expect(added.status == 201 && pin.count == 6)
    let tmux = try console(server)
    var (ok, screen) = await tmux.waitForScreen(timeout: 10) { $0.contains("tersambung") }
    #expect(ok, "console did not come up:\n\(screen)")
    try tmux.send("o")
    try tmux.send("-l", "sari01")
    try tmux.send("Enter")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) { $0.contains("PIN sari01: _") }
    #expect(ok, "no PIN prompt:\n\(screen)")
    try tmux.send("-l", pin)
    (ok, screen) = await tmux.waitForScreen(timeout: 5) { $0.contains("PIN sari01: ••••••_") }
    #expect(ok && !screen.contains(pin), "the PIN showed:\n\(screen)")
    try tmux.send("Enter")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("Status loket: buka · Petugas: Sari Dewi") && $0.contains("[O] Petugas keluar")
    }
    #expect(ok, "O did not sign in:\n\(screen)")
    let counter = try await server.request("GET", "/api/counters/1", token: "c1-secret").object
    #expect((counter["officer"] as? [String: Any])?["name"] as? String == "Sari Dewi")
    try tmux.send("o")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("Tidak ada petugas di Loket 1 sekarang") && $0.contains("[O] Petugas masuk")
    }
    #expect(ok, "O did not sign out:\n\(screen)")
    try tmux.send("q")
    _ = await tmux.waitForScreen(timeout: 5) { $0.contains("console ended") }
  }

  @Test func officerCallsWithNSeesTheHallLiveAndQuitsWithQ() async throws {
    let server = try ServerProcess()
    try await issue(server, "A")
    let tmux = try console(server)
    var (ok, screen) = await tmux.waitForScreen(timeout: 10) {
      $0.contains("tersambung") && $0.contains("Menunggu di seluruh aula:         1")
    }
    #expect(ok, "console did not come up:\n\(screen)")
    #expect(screen.contains("[Spasi/N] Panggil") && screen.contains("[Q] Keluar"))

    try tmux.send("n")
    // The feed's event (the recent-calls line) and the call's own answer (the status line)
    // arrive in either order: wait for both.
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("Nomor sekarang: A001  dipanggil") && $0.contains("Memanggil A001 ke Loket 1")
        && $0.contains("A001   → Loket 1")
    }
    #expect(ok, "N did not call:\n\(screen)")

    // A ticket issued elsewhere shows within a second of being issued (acknowledged).
    try await issue(server, "B")
    let issuedAt = Date()
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("  B  Perizinan                    1")
    }
    #expect(ok && Date().timeIntervalSince(issuedAt) < 1, "waiting count late:\n\(screen)")

    try tmux.send("s")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) { $0.contains("A001  dilayani") }
    #expect(ok, "S did not start:\n\(screen)")
    try tmux.send("t")
    (ok, _) = await tmux.waitForScreen(timeout: 5) { $0.contains("Pindah ke layanan (A, B): _") }
    #expect(ok)
    try tmux.send("b", "Enter")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("A001 dipindahkan ke layanan B (Perizinan)")
    }
    #expect(ok, "T did not transfer:\n\(screen)")
    try tmux.send("p")
    try tmux.send("-l", "makan siang")
    try tmux.send("Enter")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("Status loket: istirahat — makan siang") && $0.contains("[P] Lanjut")
    }
    #expect(ok, "P did not pause:\n\(screen)")

    try tmux.tmux(["resize-window", "-t", "console", "-x", "60", "-y", "20"])
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains(" [X] Tidak hadir  [T] Pindah  [P] Lanjut  [O] Petugas masuk")
    }
    #expect(ok, "no redraw after resize:\n\(screen)")
    #expect(screen.split(separator: "\n").allSatisfy { $0.count <= 60 })

    try tmux.send("q")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) { $0.contains("console ended") }
    #expect(screen.contains("console ended rc=0 restored=yes"), "\(screen)")
  }

  @Test func consoleSurvivesAServerRestartAndCtrlCRestoresTheTerminal() async throws {
    var server = try ServerProcess()
    let tmux = try console(server)
    var (ok, screen) = await tmux.waitForScreen(timeout: 10) { $0.contains("tersambung") }
    #expect(ok, "console did not come up:\n\(screen)")

    let port = server.port
    _ = server.terminate()
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("terjadi gangguan koneksi")
    }
    #expect(ok, "lost connection not shown:\n\(screen)")

    server = try ServerProcess(reuse: server.directory, extraArguments: ["--port", String(port)])
    #expect(server.port == port)
    (ok, screen) = await tmux.waitForScreen(timeout: 10) { $0.contains("tersambung") }
    #expect(ok, "did not reconnect:\n\(screen)")
    try await issue(server, "A")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) {
      $0.contains("Menunggu di seluruh aula:         1")
    }
    #expect(ok, "no live updates after the restart:\n\(screen)")

    try tmux.send("C-c")
    (ok, screen) = await tmux.waitForScreen(timeout: 5) { $0.contains("console ended") }
    #expect(screen.contains("console ended rc=0 restored=yes"), "\(screen)")
  }
}

/// Issues tickets through the API with the kiosk token, as a ticket box would.
private func issue(_ server: ServerProcess, _ service: String, count: Int = 1) async throws {
  for _ in 0..<count {
    let r = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": service])
    #expect(r.status == 201)
  }
}
