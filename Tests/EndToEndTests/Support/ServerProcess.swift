import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A real `antre serve` on an ephemeral port with a temporary database.
final class ServerProcess {
  let process = Process()
  let directory: URL
  let dbPath: String
  private(set) var port = 0
  private var stdout = Pipe()
  private(set) var output = ""

  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The test runner sits next to the products it was built with.
  static var antreBinary: URL {
    let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = runner.deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = dir.appendingPathComponent("antre")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      dir = dir.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/antre")
  }

  static let testHall = """
    name: Test Hall
    timezone: Asia/Jakarta
    admin_token: admin-secret
    priority_weight: 3
    services:
      - {id: A, name: Kependudukan, name_en: Civil registry, target_wait_s: 900, mean_service_s: 300}
      - {id: B, name: Perizinan, name_en: Licensing, target_wait_s: 900, mean_service_s: 300, quota: 3}
    counters:
      - {id: 1, name: Loket 1, services: [A, B], token: c1-secret}
      - {id: 2, name: Loket 2, services: [B], token: c2-secret}
    kiosks:
      - {id: K1, token: k1-secret}
    """

  /// Starts a server; `reuse` restarts one on the same directory (same database).
  /// `environment` is added to the test's own (a `FakeClock`'s, say).
  /// `standardError`: a file the server's log is appended to (default: the test's stderr).
  init(
    hall: String = ServerProcess.testHall, reuse: URL? = nil, extraArguments: [String] = [],
    environment: [String: String] = [:], standardError: URL? = nil
  ) throws {
    if let reuse {
      directory = reuse
    } else {
      directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("antre-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }
    dbPath = directory.appendingPathComponent("antre.sqlite").path
    let configPath = directory.appendingPathComponent("hall.yaml").path
    try hall.write(toFile: configPath, atomically: true, encoding: .utf8)
    process.executableURL = Self.antreBinary
    process.arguments =
      ["serve", "--config", configPath, "--db", dbPath, "--port", "0"] + extraArguments
    process.currentDirectoryURL = Self.packageRoot
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
      // Through a shell that `exec`s (same pid): a preloaded library (libfaketime) that
      // calls setenv in the first process it loads into moves `environ`, and Swift finds
      // argv by walking back from `environ`, so `antre` would lose its arguments. In the
      // shell it does that harmlessly, and `antre` inherits the variable already set.
      process.arguments = ["-c", #"exec "$0" "$@""#, Self.antreBinary.path] + process.arguments!
      process.executableURL = URL(fileURLWithPath: "/bin/sh")
    }
    process.standardOutput = stdout
    if let standardError {
      if !FileManager.default.fileExists(atPath: standardError.path) {
        FileManager.default.createFile(atPath: standardError.path, contents: nil)
      }
      let log = try FileHandle(forWritingTo: standardError)
      log.seekToEndOfFile()
      process.standardError = log
    } else {
      process.standardError = FileHandle.standardError
    }
    try process.run()
    port = try waitForListening()
  }

  private func waitForListening() throws -> Int {
    let handle = stdout.fileHandleForReading
    while true {
      let chunk = handle.availableData
      if chunk.isEmpty { throw E2EError.serverExited(output) }
      output += String(decoding: chunk, as: UTF8.self)
      for line in output.split(separator: "\n") where line.hasPrefix("listening on http://") {
        if let p = line.split(separator: ":").last, let port = Int(p) { return port }
      }
    }
  }

  var baseURL: String { "http://127.0.0.1:\(port)" }
  var wsURL: String { "ws://127.0.0.1:\(port)" }

  func terminate() -> Int32 {
    guard process.isRunning else { return process.terminationStatus }
    process.terminate()
    process.waitUntilExit()
    return process.terminationStatus
  }

  func kill9() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  deinit {
    if process.isRunning { kill9() }
  }

  // MARK: - HTTP

  struct Reply: Sendable {
    var status: Int
    var body: Data
    var headers: [String: String]
    var json: Any? { try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var errorCode: String? { (object["error"] as? [String: Any])?["code"] as? String }
  }

  func request(
    _ method: String, _ path: String, token: String? = nil, json: Any? = nil,
    rawBody: Data? = nil, headers: [String: String] = [:]
  ) async throws -> Reply {
    try await Self.request(
      baseURL, method, path, token: token, json: json, rawBody: rawBody, headers: headers)
  }

  /// For tasks running beside the test: they capture the URL, not the process.
  static func request(
    _ baseURL: String, _ method: String, _ path: String, token: String? = nil, json: Any? = nil,
    rawBody: Data? = nil, headers: [String: String] = [:]
  ) async throws -> Reply {
    var req = URLRequest(url: URL(string: baseURL + path)!)
    req.httpMethod = method
    if let token { req.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
    if let json {
      req.httpBody = try JSONSerialization.data(withJSONObject: json)
      req.setValue("application/json", forHTTPHeaderField: "Content-Type")
    }
    if let rawBody { req.httpBody = rawBody }
    for (k, v) in headers { req.setValue(v, forHTTPHeaderField: k) }
    let (data, response) = try await URLSession.shared.data(for: req)
    let http = response as! HTTPURLResponse
    var h: [String: String] = [:]
    for (k, v) in http.allHeaderFields { h["\(k)".lowercased()] = "\(v)" }
    return Reply(status: http.statusCode, body: data, headers: h)
  }

  // MARK: - WebSocket (python `websockets`, an independent implementation)

  /// Runs the client to completion and returns its lines: messages, then `CLOSED code …`,
  /// `TIMEOUT` or `REJECTED status`.
  func websocket(
    _ pathAndQuery: String, send: [String] = [], count: Int = 1, timeout: Double = 5,
    origin: String? = nil, extra: [String] = []
  ) throws -> [String] {
    let client = WSClientProcess(
      url: wsURL + pathAndQuery, send: send, count: count, timeout: timeout, origin: origin,
      extra: extra)
    try client.start()
    return client.finish()
  }
}

/// The python client as a child process, so a test can start it, act, then collect.
final class WSClientProcess {
  let process = Process()
  let out = Pipe()

  init(
    url: String, send: [String] = [], count: Int = 1, timeout: Double = 5, origin: String? = nil,
    extra: [String] = []
  ) {
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/wsclient.py").path
    var args = [script, url, "--count", String(count), "--timeout", String(timeout)]
    for s in send { args += ["--send", s] }
    if let origin { args += ["--origin", origin] }
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + args + extra
    process.standardOutput = out
  }

  func start() throws { try process.run() }

  /// Blocks until the first line arrives (the client is connected and has a message).
  func finish() -> [String] {
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }
}

enum E2EError: Error {
  case serverExited(String)
}

func jsonObject(_ line: String) -> [String: Any] {
  (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
}
