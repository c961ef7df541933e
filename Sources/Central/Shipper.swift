import HallWire
import Logging
import Postgres
import QueueCore
import Reactor
import Storage

#if canImport(Glibc)
  import Glibc
#endif

// Why a thread of its own, not libpq's asynchronous API on the hall's loop:
// - The hall's loop must never wait for PostgreSQL. libpq's asynchronous calls still resolve
//   host names inside PQconnectStart (getaddrinfo, which can take seconds on a flaky WAN),
//   and catching up after an outage means reading tens of thousands of events from SQLite;
//   on the loop both would take time from issuing and calling.
// - On its own thread the shipper can be written as plain sequential code with blocking
//   libpq calls and its own read-only SQLite connection. SQLite's WAL mode lets that reader
//   run beside the loop's writer without either waiting for the other.
// - The thread and the loop share exactly one small value, `ShipperStatus`, behind a mutex
//   (`ShipperBoard`); the loop reads it for /metrics and /healthz. Nothing else crosses.

/// Where and what a hall ships (PROTOCOL 1.1, "Regional aggregation").
public struct ShipperSettings: Sendable {
  public var url: String
  public var hall: String
  public var databasePath: String
  public var hallName: String
  public var utcOffsetSeconds: Int
  /// `[{"id","name","target_wait_s"}]` and `[{"id","name"}]`, stored with the hall centrally.
  public var servicesJSON: String
  public var countersJSON: String
  /// Events per INSERT; each batch is one statement, so one transaction.
  public var batchSize = 1000
  /// How often an idle shipper looks for new events.
  public var pollInterval = 0.1
  /// How long to wait before connecting again after a failure.
  public var retryInterval = 1.0
  /// How often the hall tells PostgreSQL it is alive (and its lag) while idle.
  public var heartbeatInterval = 5.0

  public init(url: String, hall: String, databasePath: String, config: HallConfig) {
    self.url = url
    self.hall = hall
    self.databasePath = databasePath
    hallName = config.name
    utcOffsetSeconds = config.zone.secondsFromUTC
    var services = JSONWriter()
    services.objects(config.services) { json, s in
      json.field("id", s.id)
      json.field("name", s.name)
      json.field("target_wait_s", s.targetWaitS)
    }
    servicesJSON = String(decoding: services.bytes, as: UTF8.self)
    var counters = JSONWriter()
    counters.objects(config.counters) { json, c in
      json.field("id", c.id)
      json.field("name", c.name)
    }
    countersJSON = String(decoding: counters.bytes, as: UTF8.self)
  }
}

/// Ships the hall's event log to the central PostgreSQL from a thread of its own. Owned by
/// the hall's loop, which reads `status`; the thread owns its connections.
public final class Shipper {
  public let settings: ShipperSettings
  private let board: ShipperBoard
  private let logger: Logger
  private var started = false

  public init(settings: ShipperSettings, logger: Logger) {
    self.settings = settings
    self.board = ShipperBoard(hall: settings.hall)
    self.logger = logger
  }

  deinit { stop() }

  /// A copy of what the shipper's thread last published.
  public var status: ShipperStatus { board.snapshot }

  /// Starts the thread. A URL that does not parse is reported (log, status) without one.
  public func start() {
    guard !started else { return }
    do {
      try PostgresConnection.validate(url: settings.url)
    } catch {
      logger.error("central: \(error.message); not shipping")
      board.update {
        $0.state = .badURL
        $0.error = error.message
      }
      return
    }
    let started = startDetachedThread { [settings, board, logger] in
      ShippingWorker(settings: settings, board: board, logger: logger).run()
    }
    if case .failure(let error) = started {
      logger.error("central: cannot start the shipping thread (\(error.message))")
      return
    }
    self.started = true
  }

  /// Asks the thread to stop after its current statement. Does not wait: a hall shutting down
  /// must not hang on a PostgreSQL that does not answer.
  public func stop() {
    board.stopRequested.store(true, ordering: .relaxed)
  }

  /// Waits until the thread has ended (tests), at most `seconds`.
  public func waitUntilStopped(seconds: Double) -> Bool {
    stop()
    var waited = 0.0
    while board.running.load(ordering: .acquiring) {
      guard waited < seconds else { return false }
      usleep(10_000)
      waited += 0.01
    }
    return true
  }
}
