import Foundation
import Testing

/// The installed Debian package (`.ci/run` builds it with `packaging/build-deb.sh` and
/// installs it with `dpkg -i` before the tests), run the way its systemd unit runs it.
@Suite(.enabled(if: InstalledPackage.present, "needs the antre package installed"), .serialized)
struct PackageEndToEndTests {
  @Test func installedServerRunsAsTheUnitSaysAndFindsItsPagesWithoutRoot() async throws {
    let unit = try String(contentsOfFile: InstalledPackage.unit, encoding: .utf8)
    let execStart = try #require(
      unit.split(separator: "\n").first { $0.hasPrefix("ExecStart=") }?.dropFirst(10))
    var command = execStart.split(separator: " ").map(String.init)
    #expect(command.first == "/usr/bin/antre")
    #expect(!command.contains("--root"))
    // Only the port changes, so the test never meets another server on 8080.
    let portIndex = try #require(command.firstIndex(of: "--port"))
    let port = try freePort()
    command[portIndex + 1] = String(port)
    let user = try #require(
      unit.split(separator: "\n").first { $0.hasPrefix("User=") }.map { String($0.dropFirst(5)) })

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
    process.arguments =
      ["--reuid", user, "--regid", user, "--init-groups", "--"] + command
    process.currentDirectoryURL = URL(fileURLWithPath: "/var/lib/antre")
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer {
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
      }
    }
    var banner = ""
    while !banner.contains("listening on") {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      banner += String(decoding: chunk, as: UTF8.self)
    }
    #expect(banner.contains("listening on http://0.0.0.0:\(port)"))
    let base = "http://127.0.0.1:\(port)"
    let page = try runTool("/usr/bin/curl", ["-sS", "-w", "%{http_code}", base + "/hall.html"])
    #expect(page.output.hasSuffix("200") && page.output.contains("<html"))
    let hall = jsonObject(try runTool("/usr/bin/curl", ["-sS", base + "/api/hall"]).output)
    #expect((hall["name"] as? String)?.isEmpty == false)

    // The sample hall file backs up daily; a first start with no backup yet makes one soon.
    var backup: [String: Any] = [:]
    for _ in 0..<100 {
      let health = jsonObject(try runTool("/usr/bin/curl", ["-sS", base + "/healthz"]).output)
      backup = health["backup"] as? [String: Any] ?? [:]
      if backup["last_success_at"] is String || backup["last_error"] is String { break }
      try await Task.sleep(for: .milliseconds(200))
    }
    #expect(backup["ok"] as? Bool == true)
    #expect(backup["last_success_at"] is String)
    let dir = try #require(backup["dir"] as? String)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(files.contains { $0.hasPrefix("antre-") && $0.hasSuffix(".sqlite") })

    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  @Test func unitsPassSystemdAnalyzeVerify() throws {
    let tool = "/usr/bin/systemd-analyze"
    try #require(FileManager.default.isExecutableFile(atPath: tool))
    // verify reports an unknown key or a bad value on stderr but still exits 0: any
    // output at all is a failure.
    let server = try runTool(tool, ["verify", InstalledPackage.unit], mergeErrors: true)
    #expect(server.status == 0 && server.output.isEmpty, "\(server.output)")
    // A template is verified as an instance, with the configuration file it reads.
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-units-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let instance = dir.appendingPathComponent("antre-ticketbox@K1.service").path
    try FileManager.default.copyItem(
      atPath: "/lib/systemd/system/antre-ticketbox@.service", toPath: instance)
    let box = try runTool(tool, ["verify", instance], mergeErrors: true)
    #expect(box.status == 0 && box.output.isEmpty, "\(box.output)")

    // The screens' user unit: a user manager needs a runtime directory, which logind makes
    // at login; a container has no login session, so the test gives it one.
    let runtime = dir.appendingPathComponent("runtime").path
    try FileManager.default.createDirectory(
      atPath: runtime, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let screen = try runTool(
      tool, ["--user", "verify", "/usr/share/doc/antre/examples/antre-screen.service"],
      environment: ["XDG_RUNTIME_DIR": runtime], mergeErrors: true)
    #expect(screen.status == 0 && screen.output.isEmpty, "\(screen.output)")
  }
}

enum InstalledPackage {
  static let unit = "/lib/systemd/system/antre.service"
  static var present: Bool {
    let status = try? runTool("/usr/bin/dpkg-query", ["-W", "-f", "${Status}", "antre"])
    return status?.output == "install ok installed"
      && FileManager.default.isExecutableFile(atPath: "/usr/bin/antre")
  }
}

/// `antre backup` and `antre restore` as a hall's IT officer uses them, against a running
/// server (the build's own binary).
@Suite struct BackupCommandEndToEndTests {
  let antre = ServerProcess.antreBinary.path

  @Test func backupOfARunningHallThenRestoreAfterTheServerStops() async throws {
    let server = try ServerProcess()
    for _ in 0..<3 {
      _ = try await server.request(
        "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    }
    let copy = server.directory.appendingPathComponent("copy.sqlite").path
    let made = try runTool(antre, ["backup", "--db", server.dbPath, "--to", copy])
    #expect(made.status == 0 && made.output.contains("cadangan tersimpan"))
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])

    // While the server runs, restore is refused and the database is untouched.
    let refused = try runTool(antre, ["restore", copy, "--db", server.dbPath, "--lang", "en"])
    #expect(refused.status == 75)
    #expect(
      !FileManager.default.fileExists(atPath: server.dbPath + ".before-restore"))
    _ = server.terminate()

    let restored = try runTool(antre, ["restore", copy, "--db", server.dbPath, "--lang", "en"])
    #expect(restored.status == 0, "\(restored.output)")
    let again = try ServerProcess(reuse: server.directory)
    let next = try await again.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"]
    ).object
    // Three tickets were in the backup; the fourth was issued after it.
    #expect(next["number"] as? String == "A004")
    _ = again.terminate()
  }

  @Test func restoringAFileThatIsNotAnAntreDatabaseIsRefused() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-restore-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let junk = dir.appendingPathComponent("photo.jpg").path
    try Data(repeating: 0xFF, count: 8192).write(to: URL(fileURLWithPath: junk))
    let db = dir.appendingPathComponent("antre.sqlite").path
    let result = try runTool(antre, ["restore", junk, "--db", db, "--lang", "en"])
    #expect(result.status == 65)
    #expect(!FileManager.default.fileExists(atPath: db))
  }
}

/// The hall file's daily backup, run by a real server: a start with no backup yet makes one
/// a few seconds later.
@Suite struct ScheduledBackupEndToEndTests {
  func health(_ server: ServerProcess) async throws -> [String: Any] {
    try await server.request("GET", "/healthz").object["backup"] as? [String: Any] ?? [:]
  }

  /// Polls `/healthz` until the first backup has succeeded or failed (up to 20 s).
  func firstOutcome(_ server: ServerProcess) async throws -> [String: Any] {
    for _ in 0..<100 {
      let backup = try await health(server)
      if backup["last_success_at"] is String || backup["last_error"] is String { return backup }
      try await Task.sleep(for: .milliseconds(200))
    }
    return try await health(server)
  }

  /// The supervisor's dashboard in headless Chromium: the backup line's text (nil without
  /// Chromium). Saves a screenshot in the temporary directory to look at.
  func dashboardBackupLine(_ server: ServerProcess, screenshot: String) throws -> String? {
    guard let chromium = BrowserDriver.chromium else { return nil }
    let browser = try BrowserScript(chromium: chromium)
    defer { browser.stop() }
    let page =
      try browser.call(
        [
          "cmd": "open", "url": server.baseURL + "/dashboard.html#token=admin-secret",
          "width": 1280, "height": 800,
        ]) as? [String: Any]
    let id = try #require(page?["page"] as? String)
    let shown = try browser.call(
      [
        "cmd": "wait", "page": id, "timeout": 10,
        "expr": "!document.getElementById('backup').hidden "
          + "&& document.getElementById('backup').textContent",
      ])
    _ = try browser.call(
      [
        "cmd": "screenshot", "page": id,
        "path": FileManager.default.temporaryDirectory.appendingPathComponent(
          "\(screenshot).png"
        ).path,
      ])
    return shown as? String
  }

  @Test func serverBacksUpSoonAfterAStartWithNoBackupAndReportsIt() async throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-backups-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let server = try ServerProcess(
      hall: ServerProcess.testHall + "\nbackup: {dir: \(dir), at: \"21:00\", keep: 2}\n")
    _ = try await server.request("POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    let backup = try await firstOutcome(server)
    #expect(backup["ok"] as? Bool == true)
    #expect((backup["next_at"] as? String)?.hasSuffix("T21:00:00+07:00") == true)
    let files = try FileManager.default.contentsOfDirectory(atPath: dir)
    #expect(files.count == 1 && files[0].hasPrefix("antre-") && files[0].hasSuffix(".sqlite"))
    let metrics = String(decoding: try await server.request("GET", "/metrics").body, as: UTF8.self)
    #expect(metrics.contains("antre_backup_last_failed 0"))
    #expect(!metrics.contains("antre_backup_last_success_timestamp_seconds 0\n"))
    if let line = try dashboardBackupLine(server, screenshot: "dashboard-backup-ok") {
      #expect(line.hasPrefix("Cadangan terakhir 20"), "\(line)")
      #expect(line.contains(dir) && line.contains("berikutnya"), "\(line)")
    }
    _ = server.terminate()
  }

  @Test(.enabled(if: getuid() == 0, "needs root to mount a read-only tmpfs"))
  func backupToAReadOnlyPlaceShowsAsFailedInHealthAndMetrics() async throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-ro-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let mounted = try runTool("/bin/mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir])
    try #require(mounted.status == 0)
    defer {
      _ = try? runTool("/bin/umount", [dir])
      try? FileManager.default.removeItem(atPath: dir)
    }
    let server = try ServerProcess(hall: ServerProcess.testHall + "\nbackup: {dir: \(dir)}\n")
    let backup = try await firstOutcome(server)
    #expect(backup["ok"] as? Bool == false)
    let error = try #require(backup["last_error"] as? String)
    #expect(error.hasPrefix("database I/O error: backup to \(dir)/antre-"), "\(error)")
    #expect(error.hasSuffix(".partial: Read-only file system"), "\(error)")
    let metrics = String(decoding: try await server.request("GET", "/metrics").body, as: UTF8.self)
    #expect(metrics.contains("antre_backup_last_failed 1"))
    #expect(metrics.contains("antre_backup_failures_total 1"))
    if let line = try dashboardBackupLine(server, screenshot: "dashboard-backup-failed") {
      #expect(line.hasPrefix("Cadangan GAGAL: "), "\(line)")
      #expect(line.contains("hanya bisa dibaca") && line.contains("belum pernah berhasil"))
    }
    // The hall goes on.
    let issued = try await server.request(
      "POST", "/api/tickets", token: "k1-secret", json: ["service": "A"])
    #expect(issued.status == 201)
    _ = server.terminate()
  }
}

/// This build's `antre serve` on a database the first release wrote.
@Suite struct UpgradeEndToEndTests {
  @Test func serverStartsOnAVersionOneDatabaseAndServesItsTickets() async throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-upgrade-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(
      at: ServerProcess.packageRoot.appendingPathComponent("Tests/Fixtures/v1-hall.sqlite"),
      to: dir.appendingPathComponent("antre.sqlite"))
    let server = try ServerProcess(reuse: dir)
    // A001 was served to the end on 2026-12-01 by the old program.
    let served = try await server.request("GET", "/api/tickets/bde73e7cf509cd8db7940e2fe467cb0d")
    #expect(served.status == 200)
    #expect(served.object["number"] as? String == "A001")
    #expect(served.object["state"] as? String == "done")
    _ = server.terminate()
    // Every ticket the old program wrote is still there after the new one ran.
    let count = try runTool(
      "/usr/bin/python3",
      [
        "-c",
        "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from tickets').fetchone()[0])",
        dir.appendingPathComponent("antre.sqlite").path,
      ])
    #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "18")
  }
}
