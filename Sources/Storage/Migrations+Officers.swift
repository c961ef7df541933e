extension Migrations {
  /// Issue 12. Reports over a year read a million ticket rows by day; `tickets_report`
  /// holds every column they read, in day order, so the scan never touches the table.
  static let officersAndSurvey = """
    CREATE TABLE officers (
      id TEXT NOT NULL PRIMARY KEY,
      name TEXT NOT NULL,
      active INTEGER NOT NULL,
      pin TEXT NOT NULL
    ) WITHOUT ROWID;
    ALTER TABLE tickets ADD COLUMN officer TEXT;
    ALTER TABLE counters ADD COLUMN officer TEXT;

    CREATE TABLE surveys (
      ticket_id TEXT NOT NULL PRIMARY KEY,
      day TEXT NOT NULL,
      service TEXT NOT NULL,
      counter INTEGER,
      officer TEXT,
      at INTEGER NOT NULL,
      u1 INTEGER NOT NULL CHECK (u1 BETWEEN 1 AND 4),
      u2 INTEGER NOT NULL CHECK (u2 BETWEEN 1 AND 4),
      u3 INTEGER NOT NULL CHECK (u3 BETWEEN 1 AND 4),
      u4 INTEGER NOT NULL CHECK (u4 BETWEEN 1 AND 4),
      u5 INTEGER NOT NULL CHECK (u5 BETWEEN 1 AND 4),
      u6 INTEGER NOT NULL CHECK (u6 BETWEEN 1 AND 4),
      u7 INTEGER NOT NULL CHECK (u7 BETWEEN 1 AND 4),
      u8 INTEGER NOT NULL CHECK (u8 BETWEEN 1 AND 4),
      u9 INTEGER NOT NULL CHECK (u9 BETWEEN 1 AND 4),
      comment TEXT,
      gender TEXT,
      age TEXT,
      education TEXT,
      occupation TEXT
    );
    CREATE INDEX surveys_by_day ON surveys (day);

    CREATE INDEX tickets_report ON tickets (
      day, service, number, state, issued_at, enqueued_at, first_called_at, called_at,
      started_at, finished_at, counter, officer);
    """
}
