import HallWire
import Logging
import Postgres
import QueueCore
import Storage

#if canImport(Glibc)
  import Glibc
#endif

/// The shipper's thread: plain sequential code. It reads the hall's log through its own
/// read-only SQLite connection, writes batches to PostgreSQL, and publishes its status to
/// the board after every step.
final class ShippingWorker {
  private let settings: ShipperSettings
  private let board: ShipperBoard
  private let logger: Logger
  private var reader: EventLogReader?
  private var connection: PostgresConnection?
  /// The last seq PostgreSQL holds for this hall, as of this connection.
  private var shippedSeq: Int64?
  private var lastHeartbeat = -Double.infinity
  private var refused = false
  private var reportedUnreachable = false

  init(settings: ShipperSettings, board: ShipperBoard, logger: Logger) {
    self.settings = settings
    self.board = board
    self.logger = logger
  }

  private var stopRequested: Bool { board.stopRequested.load(ordering: .relaxed) }

  func run() {
    board.running.store(true, ordering: .releasing)
    defer {
      connection = nil
      board.running.store(false, ordering: .releasing)
    }
    while !stopRequested {
      let pause = step()
      if pause > 0 { sleep(seconds: pause) }
    }
  }

  /// One round; answers how long to pause before the next.
  private func step() -> Double {
    do {
      let reader = try openReader()
      let hallSeq = try reader.lastSeq()
      board.update { $0.hallSeq = hallSeq }
      if refused {
        return settings.retryInterval * 10
      }
      guard let connection = try connect(hallSeq: hallSeq) else {
        return settings.retryInterval * 10
      }
      let from = shippedSeq ?? 0
      let batch = try reader.events(after: from, limit: settings.batchSize)
      guard !batch.isEmpty else {
        board.update {
          $0.state = .caughtUp
          $0.oldestUnshippedAt = nil
          $0.error = nil
        }
        if monotonicSeconds() - lastHeartbeat >= settings.heartbeatInterval {
          try heartbeat(connection, hallSeq: hallSeq)
        }
        return settings.pollInterval
      }
      board.update {
        $0.state = .shipping
        $0.oldestUnshippedAt = batch[0].at
      }
      try ship(batch, over: connection, hallSeq: hallSeq)
      return 0
    } catch let error as PostgresError {
      lost(error.message)
      noteOldestUnshipped()
      return settings.retryInterval
    } catch let error as StorageError {
      // The hall's database could not be read (busy, or not yet created): try again.
      logger.warning("central: reading the event log: \(error.message)")
      reader = nil
      return settings.retryInterval
    } catch {
      lost("\(error)")
      return settings.retryInterval
    }
  }

  private func openReader() throws(StorageError) -> EventLogReader {
    if let reader { return reader }
    let fresh = try EventLogReader(path: settings.databasePath)
    reader = fresh
    return fresh
  }

  /// Connects, migrates, registers the hall, and learns where to resume. Nil when the
  /// central database holds more of this hall than the hall itself has (refused).
  private func connect(hallSeq: Int64) throws(PostgresError) -> PostgresConnection? {
    if let connection, connection.isHealthy { return connection }
    connection = nil
    let fresh = try PostgresConnection(
      url: settings.url, applicationName: "antre hall \(settings.hall)")
    try CentralMigrations.migrate(fresh)
    try fresh.execute(
      """
      INSERT INTO halls (hall, name, utc_offset_s, services, counters)
      VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)
      ON CONFLICT (hall) DO UPDATE SET name = EXCLUDED.name,
        utc_offset_s = EXCLUDED.utc_offset_s, services = EXCLUDED.services,
        counters = EXCLUDED.counters
      """,
      [
        settings.hall, settings.hallName, String(settings.utcOffsetSeconds),
        settings.servicesJSON, settings.countersJSON,
      ])
    let stored =
      Int64(
        try fresh.execute("SELECT max(seq) FROM events WHERE hall = $1", [settings.hall]).scalar
          ?? "0") ?? 0
    if stored > hallSeq {
      refused = true
      let message =
        "central PostgreSQL holds seq \(stored) for hall \(settings.hall), but this hall's "
        + "log ends at \(hallSeq): a restored or swapped database. Refusing to ship; "
        + "nothing was overwritten."
      logger.critical("central: \(message)")
      board.update {
        $0.state = .refused
        $0.error = message
        $0.shippedSeq = stored
      }
      return nil
    }
    shippedSeq = stored
    connection = fresh
    if reportedUnreachable {
      logger.notice("central: connected again; resuming after seq \(stored)")
    } else {
      logger.info("central: connected; resuming after seq \(stored)")
    }
    reportedUnreachable = false
    board.update {
      $0.shippedSeq = stored
      $0.error = nil
    }
    return fresh
  }

  /// One batch, one statement: the events in seq order (duplicates ignored), and the hall's
  /// high-water mark and heartbeat with them.
  private func ship(_ batch: [EventRow], over connection: PostgresConnection, hallSeq: Int64)
    throws(PostgresError)
  {
    var json = JSONWriter(capacity: batch.count * 512)
    json.objects(batch) { json, event in
      json.field("seq", event.seq)
      json.field("at", event.at)
      json.field("type", event.type)
      json.field("box", event.box)
      json.field("body", event.json)
    }
    let last = batch[batch.count - 1]
    let result = try connection.execute(
      """
      WITH batch AS (
        SELECT (e->>'seq')::bigint AS seq,
               to_timestamp((e->>'at')::bigint / 1000.0) AS at,
               e->>'type' AS type, e->>'box' AS box, (e->>'body')::jsonb AS body
        FROM jsonb_array_elements($2::jsonb) AS e
      ), stored AS (
        INSERT INTO events (hall, seq, at, type, box, body)
        SELECT $1, seq, at, type, box, body FROM batch ORDER BY seq
        ON CONFLICT (hall, seq) DO NOTHING
        RETURNING seq
      )
      UPDATE halls SET
        last_seq = greatest(last_seq, $3::bigint),
        last_at = CASE WHEN $3::bigint >= last_seq THEN to_timestamp($4::bigint / 1000.0)
                  ELSE last_at END,
        head_seq = greatest($5::bigint, $3::bigint), lag_s = $6::integer, heartbeat_at = now()
      WHERE hall = $1
      RETURNING (SELECT count(*) FROM stored) AS stored
      """,
      [
        settings.hall, String(decoding: json.bytes, as: UTF8.self), String(last.seq),
        String(last.at), String(hallSeq),
        // What is left behind after this batch: none once caught up, else at least the age
        // of the last event shipped.
        String(last.seq >= hallSeq ? 0 : Int(lagSeconds(since: last.at))),
      ])
    let stored = result.int(0, "stored") ?? 0
    shippedSeq = last.seq
    lastHeartbeat = monotonicSeconds()
    board.update {
      $0.shippedSeq = last.seq
      $0.shippedEvents += stored
      $0.oldestUnshippedAt = last.seq < hallSeq ? $0.oldestUnshippedAt : nil
    }
  }

  private func heartbeat(_ connection: PostgresConnection, hallSeq: Int64) throws(PostgresError) {
    try connection.execute(
      "UPDATE halls SET head_seq = $2, lag_s = 0, heartbeat_at = now() WHERE hall = $1",
      [settings.hall, String(hallSeq)])
    lastHeartbeat = monotonicSeconds()
  }

  private func lost(_ message: String) {
    connection = nil
    if !reportedUnreachable {
      logger.warning("central: PostgreSQL unreachable, the hall keeps working: \(message)")
      reportedUnreachable = true
    }
    board.update {
      $0.state = .unreachable
      $0.error = message
    }
  }

  /// While PostgreSQL is away the lag still grows; keep the figure honest.
  private func noteOldestUnshipped() {
    guard let reader else { return }
    let first = try? reader.events(after: shippedSeq ?? 0, limit: 1).first
    let hallSeq = try? reader.lastSeq()
    board.update {
      $0.oldestUnshippedAt = first?.at
      if let hallSeq { $0.hallSeq = hallSeq }
    }
  }

  private func lagSeconds(since at: Millis) -> Double {
    Double(max(0, wallClockMilliseconds() - at)) / 1000
  }

  private func sleep(seconds: Double) {
    var left = seconds
    while left > 0, !stopRequested {
      let slice = min(left, 0.05)
      usleep(UInt32(slice * 1_000_000))
      left -= slice
    }
  }
}

func monotonicSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_MONOTONIC, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func wallClockMilliseconds() -> Millis {
  var t = timespec()
  clock_gettime(CLOCK_REALTIME, &t)
  return Millis(t.tv_sec) * 1000 + Millis(t.tv_nsec) / 1_000_000
}
