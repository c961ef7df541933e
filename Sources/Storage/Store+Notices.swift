import Notices

extension Store {
  /// Stores a new notice; false (and nothing changes) when one with its id is already
  /// stored, delivered or not: a notice that must go once ("near") is made at most once.
  @discardableResult
  public func enqueue(_ notice: Notice) throws(StorageError) -> Bool {
    let s = try connection.prepare(
      """
      INSERT INTO notices (id, subject, event, body, created_at, expires_at, attempts, next_at)
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
      ON CONFLICT (id) DO NOTHING RETURNING seq
      """)
    s.bind(
      notice.id, notice.subject, notice.event.rawValue,
      String(decoding: notice.body, as: UTF8.self), notice.createdAt, notice.expiresAt, 0,
      notice.createdAt)
    return try !s.rows { $0.int64(0) }.isEmpty
  }

  /// Every notice neither delivered nor given up, in the order they were made, for the
  /// outbox. Here and below, a notice whose event this build does not know (written by a
  /// newer Antre) is left out.
  public func pendingNotices() throws(StorageError) -> [Outbox.Pending] {
    try connection.prepare(
      """
      SELECT id, subject, event, body, created_at, expires_at, attempts, next_at, last_error,
        delivered_at, given_up_at
      FROM notices INDEXED BY notices_pending
      WHERE delivered_at IS NULL AND given_up_at IS NULL ORDER BY seq
      """
    ).rows(Self.notice).compactMap { $0?.pending }
  }

  /// The notice with `id`, in whatever state: pending, or when delivered or given up.
  public func notice(id: String) throws(StorageError) -> StoredNotice? {
    let s = try connection.prepare(
      """
      SELECT id, subject, event, body, created_at, expires_at, attempts, next_at, last_error,
        delivered_at, given_up_at
      FROM notices WHERE id = ?1
      """)
    s.bind(id)
    return try s.rows(Self.notice).first.flatMap { $0 }
  }

  /// Ids of the notices made at or after `since`, whatever their state.
  public func noticeIDs(since: Int64) throws(StorageError) -> [String] {
    let s = try connection.prepare("SELECT id FROM notices WHERE created_at >= ?1")
    s.bind(since)
    return try s.rows { $0.text(0) }
  }

  public func markNoticeDelivered(id: String, at: Int64) throws(StorageError) {
    let s = try connection.prepare(
      "UPDATE notices SET delivered_at = ?2 WHERE id = ?1 AND delivered_at IS NULL")
    try s.run(id, at)
  }

  public func markNoticeGivenUp(id: String, at: Int64) throws(StorageError) {
    let s = try connection.prepare(
      """
      UPDATE notices SET given_up_at = ?2
      WHERE id = ?1 AND delivered_at IS NULL AND given_up_at IS NULL
      """)
    try s.run(id, at)
  }

  /// A failed attempt: how many so far, when the next is due, and why (never the body).
  public func recordNoticeAttempt(id: String, attempts: Int, nextAt: Int64, error: String)
    throws(StorageError)
  {
    let s = try connection.prepare(
      "UPDATE notices SET attempts = ?2, next_at = ?3, last_error = ?4 WHERE id = ?1")
    try s.run(id, attempts, nextAt, error)
  }

  /// Deletes delivered and given-up notices made before `before`, phone numbers with them;
  /// returns how many went.
  @discardableResult
  public func pruneNotices(before: Int64) throws(StorageError) -> Int {
    let s = try connection.prepare(
      """
      DELETE FROM notices
      WHERE created_at < ?1 AND (delivered_at IS NOT NULL OR given_up_at IS NOT NULL)
      RETURNING seq
      """)
    s.bind(before)
    return try s.rows { $0.int64(0) }.count
  }

  /// Nil for an event this build does not know.
  private static func notice(_ r: Statement) -> StoredNotice? {
    guard let event = NoticeEvent(rawValue: r.text(2)) else { return nil }
    let notice = Notice(
      id: r.text(0), subject: r.text(1), event: event, body: Array(r.text(3).utf8),
      createdAt: r.int64(4), expiresAt: r.optionalInt64(5))
    return StoredNotice(
      pending: Outbox.Pending(notice: notice, attempts: r.int(6), nextAt: r.int64(7)),
      lastError: r.optionalText(8), deliveredAt: r.optionalInt64(9),
      givenUpAt: r.optionalInt64(10))
  }
}

/// A notice as the outbox left it: what it still has to do, or when it stopped.
public struct StoredNotice: Sendable, Equatable {
  public var pending: Outbox.Pending
  /// Why the latest attempt failed (never the body).
  public var lastError: String?
  public var deliveredAt: Int64?
  public var givenUpAt: Int64?
}
