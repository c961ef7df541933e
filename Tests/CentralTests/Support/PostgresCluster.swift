import HallWire
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A throwaway PostgreSQL cluster from Debian's `postgresql` package: `initdb` into a
/// temporary folder, `pg_ctl start` on a free loopback port, run as the unprivileged
/// `postgres` user when the tests run as root (PostgreSQL refuses to run as root).
/// Shared by the component and end-to-end tests (a symlink in EndToEndTests/Support).
final class PostgresCluster {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  let directory: String
  let port: Int
  let database = "region"
  let user = "antre"
  private(set) var isRunning = false

  var url: String { "postgres://\(user)@127.0.0.1:\(port)/\(database)" }

  static let binaries: String = {
    let fm = FileManager.default
    for version in ["17", "16", "15", "14", "13"] {
      let dir = "/usr/lib/postgresql/\(version)/bin"
      if fm.isExecutableFile(atPath: dir + "/initdb") { return dir }
    }
    return "/usr/lib/postgresql/15/bin"
  }()

  init() throws {
    var template = Array(
      (FileManager.default.temporaryDirectory.path + "/antre-pg-XXXXXX").utf8CString)
    guard let made = mkdtemp(&template) else { throw Failure(description: "mkdtemp failed") }
    directory = String(cString: made)
    port = try Self.freePort()
    if getuid() == 0, let postgres = getpwnam("postgres") {
      chown(directory, postgres.pointee.pw_uid, postgres.pointee.pw_gid)
    }
    try run(
      "initdb", ["-D", directory + "/data", "-A", "trust", "-U", user, "-E", "UTF8", "--no-sync"])
    try start()
    try run(
      "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", user, database])
  }

  deinit {
    if isRunning { try? stop() }
    try? FileManager.default.removeItem(atPath: directory)
  }

  func start() throws {
    try run(
      "pg_ctl",
      [
        "-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "30",
        "-o", "-p \(port) -k \(directory) -c listen_addresses=127.0.0.1 -c fsync=off", "start",
      ])
    isRunning = true
  }

  /// Fast shutdown: open connections are cut, as when the server crashes or is restarted.
  func stop() throws {
    try run("pg_ctl", ["-D", directory + "/data", "-m", "fast", "-w", "stop"])
    isRunning = false
  }

  /// Runs SQL with `psql` and answers its unaligned output.
  @discardableResult
  func psql(_ sql: String) throws -> String {
    try run(
      "psql",
      [
        "-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database, "-XAtq", "-v",
        "ON_ERROR_STOP=1", "-c", sql,
      ])
  }

  /// Runs a PostgreSQL tool (as `postgres` under root) and waits for it. Output goes to a
  /// file, not a pipe: `pg_ctl start` leaves a server running that would hold a pipe open.
  @discardableResult
  private func run(_ tool: String, _ arguments: [String]) throws -> String {
    let path = Self.binaries + "/" + tool
    let argv =
      getuid() == 0
      ? ["/usr/sbin/runuser", "-u", "postgres", "--", path] + arguments
      : [path] + arguments
    let outputPath = directory + "/tool-output"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid = pid_t()
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard spawned == 0 else { throw Failure(description: "cannot run \(tool): \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let text = ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    // WIFEXITED && WEXITSTATUS == 0, spelled out: the macros are not imported.
    guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
      let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
      throw Failure(description: "\(tool) failed (status \(status)): \(text)\n\(log)")
    }
    return text
  }

  private static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw Failure(description: "no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}
