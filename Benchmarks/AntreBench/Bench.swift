import Foundation

/// One line of the table.
struct Row {
  var figure: String
  var antre: String
  var bare: String
  var ratio: String
  var target: String = ""
  var met: Bool?
}

/// Runs the loads and collects the table's rows.
final class Bench {
  let settings: Settings
  let root: String
  let binaries: String
  let work: String
  let serverCPU: String?
  let loadCPU: String?
  private(set) var rows: [Row] = []
  private var notes: [String] = []
  private let loadBefore =
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
    .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"

  init(settings: Settings) {
    self.settings = settings
    // Benchmarks/AntreBench/Bench.swift → the package root.
    root =
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    binaries = root + "/.build/release"
    work = NSTemporaryDirectory() + "antre-bench-\(getpid())"
    let cores = ProcessInfo.processInfo.activeProcessorCount
    // The server gets core 0 to itself where the machine has a second core for the load.
    serverCPU = cores >= 2 ? "0" : nil
    loadCPU = cores >= 2 ? (cores >= 3 ? "1-\(cores - 1)" : "1") : nil
  }

  func prepare() throws {
    if settings.build {
      for product in ["antre", "bare-responder", "bare-issuer", "bench-load", "store-bench"] {
        log("building \(product) (release)…")
        let build = try Child(
          "/usr/bin/env", ["swift", "build", "-c", "release", "--product", product],
          directory: root)
        let lines = build.finish()
        guard build.process.terminationStatus == 0 else {
          throw BenchError.buildFailed(lines.suffix(20).joined(separator: "\n"))
        }
      }
    }
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    try benchHall.write(toFile: work + "/hall.yaml", atomically: true, encoding: .utf8)
    try historyHall.write(toFile: work + "/history-hall.yaml", atomically: true, encoding: .utf8)
    try ticketScript.write(toFile: work + "/ticket.lua", atomically: true, encoding: .utf8)
    var limit = rlimit()
    getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    limit.rlim_cur = limit.rlim_max
    setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
    if Int(limit.rlim_cur) < (settings.screenCounts.max() ?? 0) + 100 {
      notes.append(
        "open-file limit \(limit.rlim_cur) is low for \(settings.screenCounts.max() ?? 0) screens")
    }
  }

  /// Removes the temporary directory (databases, the copy of the history file: a gigabyte).
  func cleanUp() {
    try? FileManager.default.removeItem(atPath: work)
  }

  func runAll() throws -> String {
    let started = monotonicNow()
    measureDiskFloor()
    if settings.wants("tickets") { try measureTickets() }
    if settings.wants("growth") { try measureGrowth() }
    if settings.wants("calls") { try measureCalls() }
    if settings.wants("screens") { try measureScreens() }
    if settings.wants("startup") { try measureStartUp() }
    let elapsed = monotonicNow() - started
    return render(elapsed: elapsed)
  }

  // MARK: - Servers

  private var databaseCounter = 0

  func startAntre(hall: String? = nil, database: String? = nil) throws -> ServerUnderTest {
    databaseCounter += 1
    let db = database ?? work + "/antre-\(databaseCounter).sqlite"
    return try ServerUnderTest(
      binaries + "/antre",
      ["serve", "--config", hall ?? work + "/hall.yaml", "--db", db, "--port", "0"],
      cpus: serverCPU, directory: root)
  }

  /// The yardstick a figure is compared with: the non-durable bare responder (the HTTP and
  /// fan-out floor) or the durable bare issuer (the floor of a ticket stored before its 201).
  enum Yardstick { case responder, issuer }

  func startBare(_ yardstick: Yardstick = .responder) throws -> ServerUnderTest {
    switch yardstick {
    case .responder:
      return try ServerUnderTest(binaries + "/bare-responder", ["--port", "0"], cpus: serverCPU)
    case .issuer:
      databaseCounter += 1
      return try ServerUnderTest(
        binaries + "/bare-issuer",
        ["--db", work + "/bare-\(databaseCounter).sqlite", "--port", "0"], cpus: serverCPU)
    }
  }

  /// Starts a fresh server of each kind per run, so no run inherits another's queue.
  func eachServer<T>(
    against yardstick: Yardstick = .responder, _ body: (ServerUnderTest, Bool) throws -> T
  ) throws -> (antre: [T], bare: [T]) {
    var antre: [T] = []
    var bare: [T] = []
    for _ in 0..<settings.runs {
      for isAntre in [true, false] {
        let server = try isAntre ? startAntre() : startBare(yardstick)
        defer { server.stop() }
        let value = try body(server, isAntre)
        if isAntre { antre.append(value) } else { bare.append(value) }
      }
    }
    return (antre, bare)
  }

  func issueTickets(_ count: Int, port: Int) throws {
    for index in 0..<count {
      let service = ["A", "B"][index % 2]
      let reply = try httpRequest(
        port: port, method: "POST", path: "/api/tickets", token: "admin-secret",
        body: #"{"service":"\#(service)","priority":false}"#)
      guard reply.status == 201 else {
        throw BenchError.requestFailed("issuing a ticket: \(reply.status) \(reply.body)")
      }
    }
  }

  // MARK: - 1. Tickets

  func wrk(port: Int, connections: Int, seconds: Int) throws -> Child {
    try Child(
      "/usr/bin/wrk",
      [
        "-t1", "-c\(connections)", "-d\(seconds)s", "--latency", "-s", work + "/ticket.lua",
        "http://127.0.0.1:\(port)/api/tickets",
      ], cpus: loadCPU)
  }

  func measureTickets() throws {
    for connections in settings.ticketConnections {
      log("tickets: \(connections) connection(s)…")
      var batches: [CommitStats] = []
      let results = try eachServer(against: .issuer) { server, isAntre in
        let result = try parseWrk(
          wrk(port: server.port, connections: connections, seconds: settings.ticketSeconds).finish()
        )
        if isAntre { batches.append(try commitStats(port: server.port)) }
        return result
      }
      if let stats = batches.sorted(by: { $0.commits < $1.commits }).dropFirst(batches.count / 2)
        .first
      {
        notes.append(
          "tickets at \(connections) connection\(connections == 1 ? "" : "s"): \(stats.summary)")
      }
      let failures = results.antre.map(\.failures).reduce(0, +)
      if failures > 0 {
        notes.append("tickets at \(connections) connections: \(failures) failed requests")
      }
      let rate = (
        median(results.antre.map(\.requestsPerSecond)),
        median(results.bare.map(\.requestsPerSecond))
      )
      let isTarget = connections >= 16
      rows.append(
        Row(
          figure:
            "Tickets issued/s, \(connections) connection\(connections == 1 ? "" : "s") (vs the durable bare issuer)",
          antre: formatCount(rate.0), bare: formatCount(rate.1),
          ratio: formatRatio(rate.0 / rate.1),
          target: isTarget ? "≥ 0.5× issuer" : "", met: isTarget ? rate.0 >= 0.5 * rate.1 : nil))
      rows.append(latencyRow("  latency p50 / p99", results.antre, results.bare))
    }
    // The HTTP floor: the same load answered with a fixed 201 that stores nothing.
    let connections = settings.ticketConnections.last ?? 64
    log("tickets: HTTP floor, \(connections) connections…")
    var floor: [Double] = []
    for _ in 0..<settings.runs {
      let server = try startBare(.responder)
      defer { server.stop() }
      floor.append(
        try parseWrk(
          wrk(port: server.port, connections: connections, seconds: settings.ticketSeconds)
            .finish()
        ).requestsPerSecond)
    }
    rows.append(
      Row(
        figure:
          "HTTP floor: fixed 201, nothing stored, \(connections) connections (bare responder)",
        antre: "—", bare: formatCount(median(floor)), ratio: ""))
  }

  // MARK: - 1b. How issuing grows with the queue and the screens

  /// Tickets/s and p99 at 16 connections with a queue that was never called (100, 10,000 and
  /// 200,000 waiting), and with 1,000 screens connected while issuing. Compared with the
  /// smallest queue's figure in the same run: none may fall off a cliff.
  func measureGrowth() throws {
    let queues = settings.quick ? [100, 1_000] : [100, 10_000, 200_000]
    let screens = settings.quick ? 100 : 1_000
    var base: WrkResult?
    for waiting in queues {
      log("growth: \(formatCount(Double(waiting))) waiting…")
      let result = try withFreshAntre { server in
        try fill(server, waiting: waiting)
        return try parseWrk(
          wrk(port: server.port, connections: 16, seconds: settings.ticketSeconds).finish())
      }
      base = base ?? result
      rows.append(
        growthRow(
          "Tickets issued/s, 16 connections, \(formatCount(Double(waiting))) waiting", result, base!
        ))
    }
    log("growth: issuing with \(screens) screens connected…")
    let withScreens = try withFreshAntre { server in
      try fill(server, waiting: queues[0])
      let holder = try Child(
        binaries + "/bench-load",
        [
          "screens", "--port", "\(server.port)", "--screens", "\(screens)", "--hold",
          "\(settings.ticketSeconds + 2)",
        ], cpus: loadCPU)
      guard holder.waitForLine(where: { $0.hasPrefix("connected") }) != nil else {
        throw BenchError.requestFailed("screens did not connect")
      }
      let result = try parseWrk(
        wrk(port: server.port, connections: 16, seconds: settings.ticketSeconds).finish())
      let held = holder.finish().first { $0.hasPrefix("held") } ?? "held ?"
      notes.append(
        "growth: \(held.dropFirst(5)) of \(screens) screens still connected after issuing")
      return result
    }
    rows.append(
      growthRow(
        "Tickets issued/s, 16 connections, \(formatCount(Double(screens))) screens connected",
        withScreens, base!))
  }

  private func withFreshAntre<T>(_ body: (ServerUnderTest) throws -> T) throws -> T {
    var results: [T] = []
    for _ in 0..<settings.runs {
      let server = try startAntre()
      defer { server.stop() }
      results.append(try body(server))
    }
    // The run with the median rate stands for all (T is a WrkResult here).
    if let wrk = results as? [WrkResult] {
      return wrk.sorted { $0.requestsPerSecond < $1.requestsPerSecond }[wrk.count / 2] as! T
    }
    return results[results.count / 2]
  }

  /// Issues until `waiting` tickets wait (nobody calls in the bench hall's growth runs).
  private func fill(_ server: ServerUnderTest, waiting: Int) throws {
    while try waitingNow(port: server.port) < waiting {
      let missing = waiting - (try waitingNow(port: server.port))
      if missing < 2_000 {
        try issueTickets(missing, port: server.port)
      } else {
        _ = try wrk(port: server.port, connections: 64, seconds: 1).finish()
      }
    }
  }

  private func waitingNow(port: Int) throws -> Int {
    let reply = try httpRequest(port: port, method: "GET", path: "/metrics")
    return reply.body.split(separator: "\n").filter { $0.hasPrefix("antre_waiting{") }
      .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }.reduce(0, +)
  }

  private func growthRow(_ figure: String, _ r: WrkResult, _ base: WrkResult) -> Row {
    Row(
      figure: figure + "; p99",
      antre: "\(formatCount(r.requestsPerSecond)); \(formatMillis(r.p99))",
      bare: "—", ratio: formatRatio(r.requestsPerSecond / base.requestsPerSecond) + " of the first")
  }

  private func latencyRow(_ figure: String, _ antre: [WrkResult], _ bare: [WrkResult]) -> Row {
    let a = (median(antre.map(\.p50)), median(antre.map(\.p99)))
    let b = (median(bare.map(\.p50)), median(bare.map(\.p99)))
    return Row(
      figure: figure, antre: "\(formatMillis(a.0)) / \(formatMillis(a.1))",
      bare: "\(formatMillis(b.0)) / \(formatMillis(b.1))", ratio: "p99 " + formatRatio(a.1 / b.1))
  }

  // MARK: - 2. Call-next while issuing

  /// What one durable write costs on this disk, in the directory the databases live in: a
  /// 4 KiB write then fdatasync, as SQLite's WAL commit does at least once. No reply that
  /// waits for its commit can beat this.
  func measureDiskFloor() {
    let path = work + "/fsync-probe"
    let fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    defer {
      close(fd)
      unlink(path)
    }
    let page = [UInt8](repeating: 0x61, count: 4096)
    var samples: [Double] = []
    for index in 0..<(settings.quick ? 20 : 200) {
      let start = monotonicNow()
      _ = page.withUnsafeBytes { pwrite(fd, $0.baseAddress, 4096, off_t(index * 4096)) }
      fdatasync(fd)
      samples.append(monotonicNow() - start)
    }
    samples.sort()
    let p50 = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
    rows.append(
      Row(
        figure: "Disk: 4 KiB write + fdatasync p50 / p99 (floor of a durable reply)",
        antre: "\(formatMillis(p50)) / \(formatMillis(p99))", bare: "—", ratio: ""))
  }

  /// The server's own group-commit figures (GET /metrics), after a load.
  func commitStats(port: Int) throws -> CommitStats {
    let reply = try httpRequest(port: port, method: "GET", path: "/metrics")
    var stats = CommitStats()
    for line in reply.body.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 2, let value = Double(parts[1]) else { continue }
      switch parts[0] {
      case "antre_commit_seconds_sum": stats.seconds = value
      case "antre_commit_seconds_count": stats.commits = Int(value)
      case "antre_commit_batch_changes_total": stats.changes = Int(value)
      case "antre_commit_seconds_max": stats.maxSeconds = value
      default: break
      }
    }
    return stats
  }

  func measureCalls() throws {
    log("call-next on a quiet hall…")
    let quiet = try eachServer { server, _ -> CallsResult in
      // Fill the queues first (wrk, 1 s), then call with nothing else going on.
      _ = try wrk(port: server.port, connections: 16, seconds: 1).finish()
      usleep(300_000)
      return try parseCalls(
        run(
          binaries + "/bench-load",
          [
            "calls", "--port", "\(server.port)", "--seconds", "\(settings.callSeconds)",
            "--counters", "8", "--before-format", "/api/counters/%d/start",
          ],
          cpus: loadCPU))
    }
    let q = (median(quiet.antre.map(\.p50)), median(quiet.antre.map(\.p99)))
    let qb = (median(quiet.bare.map(\.p50)), median(quiet.bare.map(\.p99)))
    rows.append(
      Row(
        figure: "Call-next p50 / p99, quiet hall",
        antre: "\(formatMillis(q.0)) / \(formatMillis(q.1))",
        bare: "\(formatMillis(qb.0)) / \(formatMillis(qb.1))",
        ratio: "p99 " + formatRatio(q.1 / qb.1)))
    log("call-next while tickets are issued…")
    let results = try eachServer { server, isAntre -> (CallsResult, WrkResult) in
      if isAntre { try issueTickets(40, port: server.port) }
      let load = try wrk(port: server.port, connections: 16, seconds: settings.callSeconds + 1)
      usleep(500_000)
      let calls = try parseCalls(
        run(
          binaries + "/bench-load",
          [
            "calls", "--port", "\(server.port)", "--seconds", "\(settings.callSeconds)",
            "--counters", "8", "--before-format", "/api/counters/%d/start",
          ],
          cpus: loadCPU))
      let issued = try parseWrk(load.finish())
      return (calls, issued)
    }
    let a = (median(results.antre.map(\.0.p50)), median(results.antre.map(\.0.p99)))
    let b = (median(results.bare.map(\.0.p50)), median(results.bare.map(\.0.p99)))
    let callsPerRun = median(results.antre.map { Double($0.0.ok) })
    let emptyCalls = results.antre.map(\.0.nobody).reduce(0, +)
    let refused = results.antre.map(\.0.other).reduce(0, +)
    let issuing = median(results.antre.map(\.1.requestsPerSecond))
    notes.append(
      "call-next: \(formatCount(callsPerRun)) calls per \(settings.callSeconds) s run on one connection "
        + "(counters 1–8 in turn) while wrk issued \(formatCount(issuing)) tickets/s on 16 connections"
        + (emptyCalls > 0 ? "; \(emptyCalls) calls found nobody waiting (not counted)" : "")
        + (refused > 0 ? "; \(refused) calls refused" : ""))
    rows.append(
      Row(
        figure: "Call-next p50 / p99, tickets issuing",
        antre: "\(formatMillis(a.0)) / \(formatMillis(a.1))",
        bare: "\(formatMillis(b.0)) / \(formatMillis(b.1))", ratio: "p99 " + formatRatio(a.1 / b.1),
        target: "p99 ≤ 2 ms", met: a.1 <= 0.002))
  }

  // MARK: - 3 and 4. Screens and memory

  func measureScreens() throws {
    log("memory: idle server…")
    var idle: (antre: [Double], bare: [Double]) = ([], [])
    for _ in 0..<settings.runs {
      for isAntre in [true, false] {
        let server = try isAntre ? startAntre() : startBare()
        defer { server.stop() }
        _ = try httpRequest(port: server.port, method: "GET", path: isAntre ? "/api/hall" : "/")
        usleep(200_000)
        let kib = Double(server.residentKiB ?? 0)
        if isAntre { idle.antre.append(kib) } else { idle.bare.append(kib) }
      }
    }
    var largest: (antre: ScreensResult, bare: ScreensResult)?
    for count in settings.screenCounts {
      log("call-to-screen: \(formatCount(Double(count))) screens…")
      // Antre and the bare responder take turns, run after run, so a change in the machine's
      // load hits both; the latencies are medians over every timed call of every run.
      let runs = try eachServer { server, isAntre -> ScreensResult in
        guard isAntre else {
          return try screens(
            server, count: count,
            trigger: ["--trigger-path", "/fanout", "--trigger-body", callEventsForBare])
        }
        try issueTickets(settings.screenRounds + 3, port: server.port)
        // Counter 1 then holds a ticket, so every measured call finishes it and calls the
        // next: two events per screen (`finished`, `called`), as the bare responder sends.
        let first = try httpRequest(
          port: server.port, method: "POST", path: "/api/counters/1/call", token: "c1-secret")
        guard first.status == 200 else {
          throw BenchError.requestFailed("the first call: \(first.status) \(first.body)")
        }
        return try screens(
          server, count: count,
          trigger: [
            "--snapshot", "--trigger-path", "/api/counters/1/call", "--trigger-token", "c1-secret",
            // Started first: a second call within 5 s of an unstarted one only repeats it.
            "--before-path", "/api/counters/1/start",
          ])
      }
      let antre = ScreensResult.merged(runs.antre)
      let bare = ScreensResult.merged(runs.bare)
      for (name, result) in [("antre", antre), ("bare", bare)]
      where result.connected < count
        || result.rounds.contains(where: { $0.received < result.connected })
      {
        notes.append(
          "\(name), \(count) screens: \(result.connected) connected, received per round \(result.rounds.map(\.received))"
        )
      }
      let a = (
        median(antre.rounds.map(\.p50)), median(antre.rounds.map(\.p99)),
        median(antre.rounds.map(\.max))
      )
      let b = (
        median(bare.rounds.map(\.p50)), median(bare.rounds.map(\.p99)),
        median(bare.rounds.map(\.max))
      )
      var row = Row(
        figure: "Call-to-screen p50 / p99 / max, \(formatCount(Double(count))) screens",
        antre: "\(formatMillis(a.0)) / \(formatMillis(a.1)) / \(formatMillis(a.2))",
        bare: "\(formatMillis(b.0)) / \(formatMillis(b.1)) / \(formatMillis(b.2))",
        ratio: "p99 " + formatRatio(a.1 / b.1))
      if count == 1_000 {
        row.target = "p99 ≤ 25 ms"
        row.met = a.1 <= 0.025
      } else if count == 10_000 {
        row.target = "p99 ≤ 1.3× bare"
        row.met = a.1 <= 1.3 * b.1
      }
      rows.append(row)
      largest = (antre, bare)
    }
    let idleAntre = median(idle.antre)
    let idleBare = median(idle.bare)
    rows.append(
      Row(
        figure: "Resident memory, idle", antre: formatKiB(idleAntre), bare: formatKiB(idleBare),
        ratio: formatRatio(idleAntre / idleBare), target: "≤ 25 MB", met: idleAntre <= 25 * 1024))
    if let (antre, bare) = largest {
      let count = Double(antre.connected)
      let perAntre = Double(antre.residentAfterKiB - antre.residentBeforeKiB) / max(1, count)
      let perBare =
        Double(bare.residentAfterKiB - bare.residentBeforeKiB) / max(1, Double(bare.connected))
      rows.append(
        Row(
          figure: "Resident memory, \(formatCount(count)) screens",
          antre: formatKiB(Double(antre.residentAfterKiB)),
          bare: formatKiB(Double(bare.residentAfterKiB)),
          ratio: formatRatio(Double(antre.residentAfterKiB) / Double(bare.residentAfterKiB))))
      rows.append(
        Row(
          figure: "  per screen", antre: formatKiB(perAntre), bare: formatKiB(perBare),
          ratio: formatRatio(perAntre / perBare), target: "≤ 8 KB", met: perAntre <= 8))
    }
  }

  private func withServer<T>(antre: Bool, _ body: (ServerUnderTest) throws -> T) throws -> T {
    let server = try antre ? startAntre() : startBare()
    defer { server.stop() }
    return try body(server)
  }

  private func screens(_ server: ServerUnderTest, count: Int, trigger: [String]) throws
    -> ScreensResult
  {
    try parseScreens(
      run(
        binaries + "/bench-load",
        [
          "screens", "--port", "\(server.port)", "--screens", "\(count)", "--rounds",
          "\(settings.screenRounds)",
          "--pid", "\(server.pid)", "--timeout", "60",
        ] + trigger, cpus: loadCPU))
  }

  // MARK: - 5. Start-up with a year of history

  func measureStartUp() throws {
    let tickets = settings.historyTickets
    let cached = try historyFile(tickets: tickets)
    log("start-up with \(formatCount(Double(tickets))) tickets…")
    let database = work + "/history.sqlite"
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: cached + suffix)
    {
      try? FileManager.default.removeItem(atPath: database + suffix)
      try FileManager.default.copyItem(atPath: cached + suffix, toPath: database + suffix)
    }
    var antre: [(listening: Double, called: Double)] = []
    var bare: [(listening: Double, called: Double)] = []
    for run in 0..<settings.runs {
      let server = try startAntre(hall: work + "/history-hall.yaml", database: database)
      defer { server.stop() }
      let called = try firstCall(
        server, path: "/api/counters/\(run % 12 + 1)/call", token: "c\(run % 12 + 1)-secret")
      antre.append((server.listeningAfter, called))
      if run == 0 {
        let hall = try httpRequest(port: server.port, method: "GET", path: "/api/hall")
        guard hall.status == 200, hall.body.contains("\"counters\"") else {
          throw BenchError.requestFailed("GET /api/hall on the history database: \(hall.status)")
        }
      }
      let plain = try startBare()
      defer { plain.stop() }
      bare.append((plain.listeningAfter, try firstCall(plain, path: "/api/tickets", token: nil)))
    }
    let a = (median(antre.map(\.listening)), median(antre.map(\.called)))
    let b = (median(bare.map(\.listening)), median(bare.map(\.called)))
    let label = formatCount(Double(tickets))
    rows.append(
      Row(
        figure: "Start-up, \(label) tickets: until `listening on`", antre: formatMillis(a.0),
        bare: formatMillis(b.0), ratio: formatRatio(a.0 / b.0)))
    rows.append(
      Row(
        figure: "  until the first call succeeds", antre: formatMillis(a.1),
        bare: formatMillis(b.1),
        ratio: formatRatio(a.1 / b.1), target: tickets >= 1_000_000 ? "≤ 1 s" : "",
        met: tickets >= 1_000_000 ? a.1 <= 1 : nil))
  }

  /// Seconds from the server's start until a call (or, for the bare responder, any POST)
  /// is answered with success.
  private func firstCall(_ server: ServerUnderTest, path: String, token: String?) throws -> Double {
    let reply = try httpRequest(port: server.port, method: "POST", path: path, token: token)
    guard (200..<300).contains(reply.status) else {
      throw BenchError.requestFailed("first call \(path): \(reply.status) \(reply.body)")
    }
    return monotonicNow() - server.startedAt
  }

  /// A year of history from `store-bench history`, generated once per size and day and kept
  /// in the temporary directory between runs (it takes a minute or more for a million).
  private func historyFile(tickets: Int) throws -> String {
    let day = ISO8601DateFormatter.string(
      from: Date(), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
    let path = NSTemporaryDirectory() + "antre-bench-history-\(tickets)-\(day).sqlite"
    let done = path + ".complete"
    if FileManager.default.fileExists(atPath: done) { return path }
    // Earlier days' files of this size are stale (their "today" is over): about 1 GB each.
    let prefix = "antre-bench-history-\(tickets)-"
    let directory = NSTemporaryDirectory()
    for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    where name.hasPrefix(prefix) {
      try? FileManager.default.removeItem(atPath: directory + name)
    }
    log("generating \(formatCount(Double(tickets))) tickets of history (once; cached as \(path))…")
    let generator = try Child(
      binaries + "/store-bench", ["history", "--db", path, "--tickets", "\(tickets)"])
    let lines = generator.finish()
    guard generator.process.terminationStatus == 0 else {
      throw BenchError.unexpectedOutput(lines.joined(separator: "\n"))
    }
    _ = FileManager.default.createFile(atPath: done, contents: Data())
    return path
  }

  // MARK: - Table

  func render(elapsed: Double) -> String {
    var out = "### antre-bench\n\n"
    out += machineLine() + "\n\n"
    out +=
      "| Figure | Antre | Bare C (issuer for tickets, responder otherwise) | Antre ÷ bare | Target | Met |\n"
    out += "|---|---:|---:|---:|---|:---:|\n"
    for row in rows {
      let met = row.met.map { $0 ? "yes" : "**no**" } ?? ""
      out +=
        "| \(row.figure) | \(row.antre) | \(row.bare) | \(row.ratio) | \(row.target) | \(met) |\n"
    }
    out += "\n"
    let mode =
      settings.quick
      ? "`--quick` (tiny counts: checks that it works, not how fast)"
      : "median of \(settings.runs) runs"
    out +=
      "Each figure is the \(mode); server pinned to CPU \(serverCPU ?? "any"), load to CPU \(loadCPU ?? "any"). "
    out += "Tickets: `wrk` POST /api/tickets, each acknowledged after its commit. "
    out +=
      "Call-to-screen: from the call request to each screen's `called` frame, one monotonic clock. "
    out += "Took \(String(format: "%.0f", elapsed)) s.\n"
    for note in notes { out += "\n- \(note)" }
    if !notes.isEmpty { out += "\n" }
    return out
  }

  private func machineLine() -> String {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .map {
        $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) }
          ?? ""
      }
      ?? "unknown CPU"
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
    formatter.timeZone = TimeZone(identifier: "UTC")
    var uts = utsname()
    uname(&uts)
    let kernel = withUnsafeBytes(of: &uts.release) {
      String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
    }
    return "\(formatter.string(from: Date())) · \(model), nproc \(cores) · Linux \(kernel) · "
      + "load average at start: \(loadBefore) (the machine is shared)"
  }

  func log(_ message: String) {
    FileHandle.standardError.write(Data("antre-bench: \(message)\n".utf8))
  }
}
