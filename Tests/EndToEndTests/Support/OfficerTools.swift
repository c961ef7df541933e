import Foundation

/// Runs `antre` officer commands as child processes, and the console inside tmux.
enum OfficerCLI {
  struct Result {
    var status: Int32
    var out: String
    var err: String
    var lines: [String] {
      out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).filter {
        !$0.isEmpty
      }
    }
  }

  /// A home of its own for each test, so no real login file or ANTRE_* variable leaks in.
  static func environment(home: URL? = nil, extra: [String: String] = [:]) -> [String: String] {
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ANTRE_") }
    let home =
      home
      ?? FileManager.default.temporaryDirectory.appendingPathComponent(
        "antre-officer-home-\(UUID().uuidString)")
    env["HOME"] = home.path
    env["XDG_CONFIG_HOME"] = home.appendingPathComponent(".config").path
    env["COLUMNS"] = "80"
    for (k, v) in extra { env[k] = v }
    return env
  }

  static func run(_ arguments: [String], environment: [String: String] = environment()) throws
    -> Result
  {
    let process = Process()
    process.executableURL = ServerProcess.antreBinary
    process.arguments = arguments
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    // Standard error goes to a file, so that neither pipe can fill up while the other is read.
    let errURL = FileManager.default.temporaryDirectory.appendingPathComponent(
      "antre-officer-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errURL) }
    let errHandle = try FileHandle(forWritingTo: errURL)
    let out = Pipe()
    process.standardOutput = out
    process.standardError = errHandle
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errHandle.close()
    let errData = (try? Data(contentsOf: errURL)) ?? Data()
    return Result(
      status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
      err: String(decoding: errData, as: UTF8.self))
  }
}

/// A tmux server of its own (`-L`), one 80×24 session running one command.
final class OfficerTmux {
  static let path = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }
  static var isInstalled: Bool { path != nil }

  let socket = "antre-e2e-\(UUID().uuidString.prefix(8))"

  init(command: String, width: Int = 80, height: Int = 24) throws {
    // The tmux server this starts keeps the client's stdout: a pipe there would never end.
    try tmux(
      ["new-session", "-d", "-s", "console", "-x", "\(width)", "-y", "\(height)", command],
      output: false)
  }

  deinit { _ = try? tmux(["kill-server"]) }

  @discardableResult
  func tmux(_ arguments: [String], output: Bool = true) throws -> String {
    try OfficerSpawn.run(Self.path ?? "/usr/bin/tmux", ["-L", socket] + arguments, output: output)
  }

  func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", "console"])) ?? "" }

  func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "console"] + keys) }

  /// Polls the screen until `condition` holds; the last screen either way.
  func waitForScreen(timeout: Double, _ condition: (String) -> Bool) async -> (Bool, String) {
    let deadline = Date().addingTimeInterval(timeout)
    var last = screen()
    while !condition(last) {
      if Date() >= deadline { return (false, last) }
      try? await Task.sleep(for: .milliseconds(40))
      last = screen()
    }
    return (true, last)
  }
}

/// Runs a program with posix_spawn and waits for it with waitpid. Foundation's `Process` is
/// not used for tmux: its wait for the client of `new-session` never ended, as the tmux server
/// left behind inherits what `Process` watches to learn that its child ended.
enum OfficerSpawn {
  struct Failure: Error { var what: String }

  static func run(_ path: String, _ arguments: [String], output: Bool) throws -> String {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    var fds: [Int32] = [-1, -1]
    if output {
      guard pipe(&fds) == 0 else { throw Failure(what: "pipe") }
      for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
      posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    } else {
      posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { for a in argv { free(a) } }
    // The test runner's threads block most signals, and a spawned child inherits the mask:
    // a tmux server started so would never see SIGCHLD (nor the console SIGWINCH).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    if output { close(fds[1]) }
    guard spawned == 0 else {
      if output { close(fds[0]) }
      throw Failure(what: "posix_spawn \(path): \(spawned)")
    }
    var data: [UInt8] = []
    if output {
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let n = read(fds[0], &buffer, buffer.count)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { break }
        data += buffer.prefix(n)
      }
      close(fds[0])
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return String(decoding: data, as: UTF8.self)
  }
}
