/// The schema, as numbered migrations. Migration `n` (counting from 1) brings the file from
/// `PRAGMA user_version` n-1 to n. Each is applied in its own transaction.
///
/// Never edit or reorder a migration once it has shipped: databases in halls already ran it.
/// Change the schema by appending a new one.
enum Migrations {
  static let all: [String] = [
    // 1: the initial schema.
    """
    CREATE TABLE tickets (
      id TEXT NOT NULL PRIMARY KEY,
      day TEXT NOT NULL,
      service TEXT NOT NULL,
      number TEXT NOT NULL,
      seq_no INTEGER NOT NULL,
      priority INTEGER NOT NULL,
      state TEXT NOT NULL,
      issued_at INTEGER NOT NULL,
      enqueued_at INTEGER NOT NULL,
      called_at INTEGER,
      started_at INTEGER,
      finished_at INTEGER,
      counter INTEGER,
      calls INTEGER NOT NULL,
      request TEXT,
      box TEXT
    );
    CREATE INDEX tickets_by_day ON tickets (day);
    -- Start-up looks for tickets of earlier days still in the hall; a partial index keeps
    -- that lookup proportional to those few tickets, not to a year of history.
    CREATE INDEX tickets_unfinished ON tickets (state, day)
      WHERE state IN ('waiting', 'called', 'serving');
    -- A retried issue (same request id, same day) must find its ticket, never make a second.
    CREATE UNIQUE INDEX tickets_by_request ON tickets (day, request) WHERE request IS NOT NULL;

    CREATE TABLE counters (
      id INTEGER NOT NULL PRIMARY KEY,
      state TEXT NOT NULL,
      reason TEXT,
      ticket_id TEXT,
      since INTEGER NOT NULL
    );

    CREATE TABLE numbers (
      day TEXT NOT NULL,
      service TEXT NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (day, service)
    ) WITHOUT ROWID;

    -- Append-only: the feed's history, replayed to screens that reconnect with `since`.
    CREATE TABLE events (
      seq INTEGER NOT NULL PRIMARY KEY,
      at INTEGER NOT NULL,
      type TEXT NOT NULL,
      box TEXT,
      json TEXT NOT NULL
    );

    CREATE TABLE print_jobs (
      job TEXT NOT NULL PRIMARY KEY,
      box TEXT NOT NULL,
      ticket_id TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      printed_at INTEGER
    );
    CREATE INDEX print_jobs_unprinted ON print_jobs (created_at) WHERE printed_at IS NULL;

    CREATE TABLE meta (
      key TEXT NOT NULL PRIMARY KEY,
      value TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
    // 2 (issue 12): officers, who served each ticket, survey answers, and an index for
    // reports over a year.
    Migrations.officersAndSurvey,
  ]
}
