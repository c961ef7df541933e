/// Reads the event log from a connection of its own, opened read-only, for a reader that
/// runs beside the server's loop (the regional shipper's thread). In WAL mode readers and the
/// one writer do not block each other, so this never delays a group commit.
///
/// Owned by one thread; not `Sendable`. Each read is its own short transaction, so the
/// writer's checkpoints are not held back.
public final class EventLogReader {
  private let connection: Connection
  private let lastSeqStatement: Statement
  private let eventsAfterStatement: Statement

  /// Opens the database at `path`, which `Store` must already have created and migrated.
  public init(path: String, busyTimeoutMilliseconds: Int = 1000) throws(StorageError) {
    connection = try Connection(path: path, mode: .readOnly)
    connection.setBusyTimeout(milliseconds: busyTimeoutMilliseconds)
    lastSeqStatement = try connection.prepare("SELECT max(seq) FROM events")
    eventsAfterStatement = try connection.prepare(
      "SELECT seq, at, type, box, json FROM events WHERE seq > ?1 ORDER BY seq LIMIT ?2")
  }

  /// The highest `seq` in the log; 0 when it is empty.
  public func lastSeq() throws(StorageError) -> Int64 {
    try lastSeqStatement.rows { $0.optionalInt64(0) }.first.flatMap { $0 } ?? 0
  }

  /// At most `limit` events with `seq` greater than `seq`, ascending.
  public func events(after seq: Int64, limit: Int) throws(StorageError) -> [EventRow] {
    eventsAfterStatement.bind(seq, limit)
    return try eventsAfterStatement.rows { row in
      EventRow(
        seq: row.int64(0), at: row.int64(1), type: row.text(2), box: row.optionalText(3),
        json: row.text(4))
    }
  }
}
