extension Migrations {
  /// Issue 18: the outbox of notices for the hall's `notify_webhook`. A notice is inserted in
  /// the same transaction as the hall change that caused it, and marked (never deleted) when
  /// delivered or given up, so a kill -9 neither loses one nor sends a delivered one again.
  /// `seq` keeps the order they were made in; `body` is the exact JSON POSTed, phone number
  /// included, so finished rows are pruned after a week.
  static let noticesOutbox = """
    CREATE TABLE notices (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      subject TEXT NOT NULL,
      event TEXT NOT NULL,
      body TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL,
      last_error TEXT,
      delivered_at INTEGER,
      given_up_at INTEGER
    );
    CREATE INDEX notices_pending ON notices (seq)
      WHERE delivered_at IS NULL AND given_up_at IS NULL;
    CREATE INDEX notices_by_created ON notices (created_at);
    """
}
