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

    // 2 (issue 19, correct numbers): a ticket's first call in its service (the end of
    // its wait, kept when a no-show is called back), its latest announcement (so the hall's
    // recent calls survive a restart), the services it was transferred out of, and a
    // guard so that no (day, number) is ever stored for two tickets.
    """
    ALTER TABLE tickets ADD COLUMN first_called_at INTEGER;
    ALTER TABLE tickets ADD COLUMN announced_at INTEGER;
    ALTER TABLE tickets ADD COLUMN announced_counter INTEGER;
    ALTER TABLE tickets ADD COLUMN announced_seq INTEGER;
    -- The recent calls of the latest day, as well as they can be known from before.
    UPDATE tickets SET announced_at = called_at, announced_counter = counter, announced_seq = 0
      WHERE called_at IS NOT NULL AND counter IS NOT NULL
        AND day = (SELECT max(day) FROM tickets);

    CREATE TABLE ticket_legs (
      ticket_id TEXT NOT NULL,
      leg INTEGER NOT NULL,
      service TEXT NOT NULL,
      counter INTEGER NOT NULL,
      enqueued_at INTEGER NOT NULL,
      first_called_at INTEGER NOT NULL,
      called_at INTEGER NOT NULL,
      started_at INTEGER,
      transferred_at INTEGER NOT NULL,
      PRIMARY KEY (ticket_id, leg)
    ) WITHOUT ROWID;

    -- A trigger, not a unique index: a database written before this fix may already hold a
    -- repeated number, and the migration must not fail on it.
    CREATE INDEX tickets_by_number ON tickets (day, number);
    CREATE TRIGGER tickets_number_once BEFORE INSERT ON tickets
    WHEN EXISTS (SELECT 1 FROM tickets WHERE day = NEW.day AND number = NEW.number AND id <> NEW.id)
    BEGIN
      SELECT RAISE(ABORT, 'UNIQUE constraint failed: ticket number already issued that day');
    END;
    """,

    // 3 (issue 12): officers, who served each ticket, survey answers, and an index for
    // reports over a year.
    Migrations.officersAndSurvey,

    // 4 (issue 10), ticket keys: every ticket gets one, those issued before the upgrade too (128 random
    // bits as hex, which is URL-safe), so staff and their holders can still cancel them.
    """
    ALTER TABLE tickets ADD COLUMN key TEXT;
    UPDATE tickets SET key = lower(hex(randomblob(16))) WHERE key IS NULL;
    """,

    // 5 (issue 18): bookings, appointment and remote tickets.
    Migrations.appointments,

    // 6 (issue 18): the outbox of notices for the hall's `notify_webhook`.
    Migrations.noticesOutbox,

    // 7 (issue 16): two fewer B-trees written by every ticket change.
    Migrations.slimmerTicketIndexes,
  ]
}
