extension Migrations {
  /// Issue 18. Bookings live in their own table; start-up loads those of today and later
  /// and the few still `booked` from earlier days, both through indexes, never the year.
  static let appointments = """
    CREATE TABLE bookings (
      id TEXT NOT NULL PRIMARY KEY,
      code TEXT NOT NULL,
      key TEXT NOT NULL,
      service TEXT NOT NULL,
      day TEXT NOT NULL,
      start_at INTEGER NOT NULL,
      name TEXT NOT NULL,
      phone TEXT NOT NULL,
      state TEXT NOT NULL,
      ticket_id TEXT,
      created_at INTEGER NOT NULL,
      changed_at INTEGER NOT NULL
    );
    CREATE INDEX bookings_by_day ON bookings (day, service, state);
    CREATE INDEX bookings_booked ON bookings (day) WHERE state = 'booked';

    ALTER TABLE tickets ADD COLUMN appointment_at INTEGER;
    ALTER TABLE tickets ADD COLUMN booking_id TEXT;
    ALTER TABLE tickets ADD COLUMN remote INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE tickets ADD COLUMN phone TEXT;
    """
}
