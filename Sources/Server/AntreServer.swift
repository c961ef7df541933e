import Central
import HallWire
import FoundationEssentials
import HTTP
import Logging
import QueueCore
import Reactor
import Storage
import WebSocket
import HallYAML

/// Why `antre serve` could not start; each case has its own exit status.
public enum ServerError: Error, CustomStringConvertible {
  case config(String)
  case storage(StorageError)
  case listen(HTTPServerError)

  public var description: String {
    switch self {
    case .config(let message): "hall file: \(message)"
    case .storage(let e): "database: \(e)"
    case .listen(let e): "cannot listen: \(e)"
    }
  }

  public var exitCode: Int32 {
    switch self {
    case .config: 78  // EX_CONFIG
    case .storage: 74  // EX_IOERR
    case .listen: 69  // EX_UNAVAILABLE
    }
  }
}

/// `antre serve`: one libevent loop on one thread runs HTTP, the feed and the group commit.
public final class AntreServer {
  public let loop: EventLoop
  public let boundPort: Int
  public let host: String
  private let http: HTTPServer
  let app: HallApp
  let options: ServerOptions
  private var logger: Logger
  var peers: [ObjectIdentifier: WebSocketPeer] = [:]
  private var commitTrigger: Trigger?
  private var commitTimer: Timer?
  private var counterCommit: Trigger?
  private var reports: ReportThreads?
  private var timers: [Timer] = []
  private var signals: SignalWatcher?
  private var backups: BackupSchedule?
  private var shipper: Shipper?
  /// Booking reminders' evening timer (AntreServer+Notices.swift); nil without a webhook.
  private var noticeReminders: ReminderTimer?
  private(set) var stopping = false
  /// Tokens generated at this start, to print once.
  public private(set) var generatedTokens: TokenTable?
  public let tokens: TokenTable
  /// Held while the server runs: `antre restore` and a second server are refused.
  private let databaseLock: DatabaseLock

  public init(options: ServerOptions, logger: Logger) throws(ServerError) {
    self.options = options
    self.logger = logger
    let config = try Self.loadConfig(options.configPath)
    let store: Store
    do {
      databaseLock = try DatabaseLock(databasePath: options.databasePath)
      store = try Store(path: options.databasePath)
      (tokens, generatedTokens) = try TokenTable.load(config: config, store: store)
    } catch {
      throw .storage(error)
    }
    _ = raiseOpenFileLimit()
    loop = EventLoop(priorities: 3)
    do {
      app = try HallApp(
        config: config, store: store, tokens: tokens, limits: options.limits,
        resourceRoot: options.resourceRoot, now: wallClockMillis(), logger: logger)
    } catch {
      throw .storage(error)
    }
    var httpLimits = options.limits.http
    httpLimits.unlimitedAddresses.formUnion(config.trusted)
    do {
      http = try HTTPServer(
        loop: loop, host: options.host, port: options.port,
        limits: httpLimits)
    } catch {
      throw .listen(error)
    }
    host = options.host
    boundPort = http.boundPort
    if let target = options.central ?? config.central {
      shipper = Shipper(
        settings: ShipperSettings(
          url: target.url, hall: target.hall, databasePath: options.databasePath, config: config),
        logger: logger)
    }
    wire()
  }

  /// The hall's tokens as `antre serve` would use them, for `antre tokens`. Generates and
  /// stores the missing ones exactly as a first start would.
  public static func tokens(configPath: String, databasePath: String) throws(ServerError)
    -> TokenTable
  {
    let config = try loadConfig(configPath)
    do {
      return try TokenTable.load(config: config, store: try Store(path: databasePath)).0
    } catch {
      throw .storage(error)
    }
  }

  static func loadConfig(_ path: String) throws(ServerError) -> HallConfig {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .config("cannot read \(path)")
    }
    do {
      return try HallConfig.load(yaml: String(decoding: data, as: UTF8.self))
    } catch {
      throw .config("\(path): \(error)")
    }
  }

  private func wire() {
    let commitTrigger = Trigger(loop: loop, priority: EventLoop.idlePriority) { [unowned self] in
      self.app.commit()
    }
    let commitTimer = Timer(loop: loop, priority: EventLoop.urgentPriority) { [unowned self] in
      self.app.commit()
    }
    self.commitTrigger = commitTrigger
    self.commitTimer = commitTimer
    app.onBatchOpened = {
      commitTrigger.fire()
      commitTimer.schedule(after: 0.001)
    }
    let counterCommit = Trigger(loop: loop, priority: EventLoop.urgentPriority) {
      [unowned self] in self.app.commit()
    }
    self.counterCommit = counterCommit
    app.onCounterAction = { counterCommit.fire() }
    if let reports = ReportThreads(loop: loop, databasePath: options.databasePath) {
      self.reports = reports
      app.runReport = { work, done in reports.run(work, completion: done) }
    }
    http.onRequest = { [unowned self] exchange in self.handle(exchange) }
    app.httpConnections = { [unowned self] in self.http.connectionCount }

    let ping = Timer(loop: loop, repeating: true) { [unowned self] in self.pingPeers() }
    ping.schedule(after: options.limits.pingInterval)
    let rollover = Timer(loop: loop, repeating: true) { [unowned self] in
      self.app.rolloverIfNeeded(now: wallClockMillis())
    }
    rollover.schedule(after: 15)
    var expected = EventLoop.monotonicNow + 1
    let lag = Timer(loop: loop, repeating: true) { [unowned self] in
      let now = EventLoop.monotonicNow
      let late = max(0, now - expected)
      self.app.metrics.loopLagSeconds = late
      self.app.metrics.loopLagMaxSeconds = max(self.app.metrics.loopLagMaxSeconds, late)
      expected = now + 1
    }
    lag.schedule(after: 1)
    // While commits fail for the disk, try again every second so writes resume (and
    // /healthz turns 200) within seconds of space returning, traffic or not.
    let storageRetry = Timer(loop: loop, repeating: true) { [unowned self] in
      self.app.retryStorageIfFailing()
    }
    storageRetry.schedule(after: 1)
    timers = [ping, rollover, lag, storageRetry]
    signals = SignalWatcher(loop: loop) { [unowned self] _ in self.shutdown() }
    if let backup = app.config.backup {
      let schedule = BackupSchedule(
        config: backup, zone: app.config.zone, databasePath: options.databasePath, loop: loop,
        logger: logger)
      schedule.start(now: wallClockMillis())
      backups = schedule
      app.backupReport = { [unowned schedule] in schedule.report }
    }
    // Expire what an earlier day left waiting before anyone sees the hall.
    app.rolloverIfNeeded(now: wallClockMillis())
    app.commit()
    app.centralStatus = { [shipper] in shipper?.status }
    shipper?.start()
    noticeReminders = startNotices()
  }

  /// Runs until SIGINT or SIGTERM.
  public func run() {
    loop.run()
  }

  /// Stops accepting, closes screens with 1001, commits what is pending, and lets the last
  /// bytes drain before the loop ends (well within 2 s).
  public func shutdown() {
    guard !stopping else { return }
    stopping = true
    logger.info("shutting down")
    app.commit()
    shipper?.stop()
    app.noticeSender?.stop()
    noticeReminders?.cancel()
    for peer in Array(peers.values) { peer.close(.goingAway, reason: "server shutting down") }
    // The listener closes last: closing it also cuts taken-over sockets, and the 1001 frames
    // and the last replies need a moment to leave. Requests meanwhile get 503.
    let drain = Timer(loop: loop, priority: EventLoop.urgentPriority) { [unowned self] in
      self.http.close()
      self.loop.stop()
    }
    drain.schedule(after: 0.3)
    timers.append(drain)
  }

  // MARK: - Requests

  private func handle(_ exchange: HTTPExchange) {
    let request = exchange.request
    if request.path == "/ws" || (options.echo && request.path == "/ws/echo"),
      request.headers["Upgrade"] != nil
    {
      upgrade(exchange)
      return
    }
    guard !stopping else {
      exchange.respond(
        HTTPError(status: 503, code: "shutting_down", message: "the server is stopping"))
      return
    }
    let counterAction = app.handle(
      request, now: wallClockMillis(), monotonic: EventLoop.monotonicNow
    ) { response in
      exchange.respond(response)
    }
    if counterAction { exchange.serveConnectionFirst() }
  }
}
