import HallWire
import FoundationEssentials
import Logging
import QueueCore
import Reactor

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The hall file's `backup: {dir, at, keep}`: every day at `at` (hall time) the server runs
/// `antre backup --db DB --to DIR --keep N` as a child process and watches it finish.
///
/// A child, not a step on the loop: the copy is read through its own connection from one
/// WAL snapshot, so issuing never waits for it, and the long parts (the integrity check of
/// a year of history, syncing a file to a slow USB stick) happen in another process. A
/// start-up after a missed evening (the PC was off at 21:00) runs one within a minute.
final class BackupSchedule {
  private let config: BackupConfig
  private let zone: HallZone
  private let databasePath: String
  private let logPath: String
  private var logger: Logger
  private var timer: Timer?
  private var child: pid_t?
  private var childStarted = 0.0
  private var due: Millis = 0
  private(set) var report: BackupReport

  init(config: BackupConfig, zone: HallZone, databasePath: String, loop: EventLoop, logger: Logger)
  {
    self.config = config
    self.zone = zone
    self.databasePath = databasePath
    self.logPath = databasePath + ".backup.log"
    self.logger = logger
    report = BackupReport(directory: config.directory)
    let timer = Timer(loop: loop, repeating: true) { [unowned self] in
      self.tick(now: wallClockMillis())
    }
    self.timer = timer
  }

  deinit {
    // The child finishes on its own; a stopping service's cgroup ends it otherwise.
    if let child { waitpid(child, nil, WNOHANG) }
  }

  /// Finds the newest backup already in the folder and plans the next one.
  func start(now: Millis) {
    report.lastSuccessAt = newestBackupTime()
    let lastDue = Self.nextOccurrence(of: config.minuteOfDay, after: now - 86_400_000, zone: zone)
    let missed = lastDue <= now && (report.lastSuccessAt ?? 0) < lastDue
    due = missed ? now + 5_000 : Self.nextOccurrence(of: config.minuteOfDay, after: now, zone: zone)
    report.nextAt = due
    timer?.schedule(after: 1)
  }

  /// The first time after `now` that the hall's clock shows `minuteOfDay`.
  static func nextOccurrence(of minuteOfDay: Int, after now: Millis, zone: HallZone) -> Millis {
    let day: Millis = 86_400_000
    var next = zone.startOfDay(zone.local(now).dayNumber) + Millis(minuteOfDay) * 60_000
    while next <= now { next += day }
    return next
  }

  private func tick(now: Millis) {
    if let child {
      var status: Int32 = 0
      let done = waitpid(child, &status, WNOHANG)
      guard done == child || done < 0 else { return }
      self.child = nil
      finished(exitStatus: done < 0 ? -1 : status, now: now)
    } else if now >= due {
      run(now: now)
    }
  }

  private func run(now: Millis) {
    due = Self.nextOccurrence(of: config.minuteOfDay, after: now, zone: zone)
    report.nextAt = due
    let executable =
      (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
    let arguments = [
      "antre", "backup", "--db", databasePath, "--to", config.directory + "/",
      "--keep", String(config.keep), "--lang", "en",
    ]
    switch Self.spawn(executable, arguments, output: logPath) {
    case .success(let pid):
      child = pid
      childStarted = EventLoop.monotonicNow
      report.running = true
      logger.info("backup started to \(config.directory)")
    case .failure(let message):
      fail("cannot start the backup: \(message)", now: now)
    }
  }

  private func finished(exitStatus status: Int32, now: Millis) {
    report.running = false
    report.lastDurationSeconds = EventLoop.monotonicNow - childStarted
    let exited = status >= 0 && status & 0x7f == 0
    if exited && (status >> 8) & 0xff == 0 {
      report.lastSuccessAt = now
      report.lastError = nil
      logger.info("backup done in \(Int(report.lastDurationSeconds)) s")
    } else {
      let log = FileManager.default.contents(atPath: logPath).map {
        String(decoding: $0, as: UTF8.self)
      }
      var line = log?.split(separator: "\n").last.map(String.init) ?? "exit status \(status)"
      // The command's own framing ("antre: backup FAILED: ") says nothing /healthz does not.
      if let framing = line.range(of: "backup FAILED: ") {
        line = String(line[framing.upperBound...])
      }
      fail(line, now: now)
    }
  }

  private func fail(_ message: String, now: Millis) {
    report.failures += 1
    report.lastError = message
    report.lastErrorAt = now
    logger.error("BACKUP FAILED: \(message)")
  }

  private func newestBackupTime() -> Millis? {
    let fm = FileManager.default
    let names = (try? fm.contentsOfDirectory(atPath: config.directory)) ?? []
    let dates = names.filter { $0.hasPrefix("antre-") && $0.hasSuffix(".sqlite") }.compactMap {
      (try? fm.attributesOfItem(atPath: config.directory + "/" + $0))?[.modificationDate] as? Date
    }
    return dates.max().map { Millis($0.timeIntervalSince1970 * 1000) }
  }

  private enum Spawned {
    case success(pid_t)
    case failure(String)
  }

  /// posix_spawn with stdout and stderr to `output`, default signal handling and no blocked
  /// signals (the loop's own signal handling must not leak into the child). The server's
  /// other descriptors are all close-on-exec (libevent's listener and accepted sockets,
  /// SQLite's files, the lock), so none lives on in the child.
  private static func spawn(_ path: String, _ arguments: [String], output: String) -> Spawned {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o640)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, path, &actions, &attributes, &argv, environ)
    guard code == 0 else { return .failure(String(cString: strerror(code))) }
    return .success(pid)
  }
}

/// What `/healthz` and `/metrics` say about backups.
struct BackupReport: Encodable {
  var directory: String
  var lastSuccessAt: Millis?
  var lastError: String?
  var lastErrorAt: Millis?
  var lastDurationSeconds = 0.0
  var failures = 0
  var running = false
  var nextAt: Millis = 0

  /// `{"status":"ok","backup":{…}}`: the server is up either way; a failed backup shows as
  /// `"ok":false` with its message, for the dashboard and for monitoring.
  func healthJSON(zone: HallZone) -> [UInt8] {
    struct Health: Encodable {
      struct Backup: Encodable {
        var ok: Bool
        var dir: String
        var last_success_at: String?
        var last_error: String?
        var last_error_at: String?
        var running: Bool
        var next_at: String
      }
      var status = "ok"
      var backup: Backup
    }
    let body = Health(
      backup: .init(
        ok: lastError == nil, dir: directory, last_success_at: lastSuccessAt.map(zone.rfc3339),
        last_error: lastError, last_error_at: lastErrorAt.map(zone.rfc3339), running: running,
        next_at: zone.rfc3339(nextAt)))
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(body)).map(Array.init) ?? Array(#"{"status":"ok"}"#.utf8)
  }

  var metricsText: String {
    """
    # HELP antre_backup_last_success_timestamp_seconds When the newest good backup was made (0: none).
    # TYPE antre_backup_last_success_timestamp_seconds gauge
    antre_backup_last_success_timestamp_seconds \((lastSuccessAt ?? 0) / 1000)
    # HELP antre_backup_last_failed Whether the latest backup attempt failed.
    # TYPE antre_backup_last_failed gauge
    antre_backup_last_failed \(lastError == nil ? 0 : 1)
    # HELP antre_backup_failures_total Backup attempts that failed since start.
    # TYPE antre_backup_failures_total counter
    antre_backup_failures_total \(failures)
    # HELP antre_backup_last_duration_seconds How long the latest backup took.
    # TYPE antre_backup_last_duration_seconds gauge
    antre_backup_last_duration_seconds \(lastDurationSeconds)

    """
  }
}
