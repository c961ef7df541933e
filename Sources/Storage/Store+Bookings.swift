import HallWire
import QueueCore

extension Store {
  private static let bookingColumns = """
    id, code, key, service, day, start_at, name, phone, state, ticket_id, created_at, changed_at
    """

  /// Inserts the booking or replaces every field of the stored one with the same id.
  public func upsert(_ booking: BookingRecord) throws(StorageError) {
    let s = try connection.prepare(
      """
      INSERT INTO bookings (\(Self.bookingColumns))
      VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
      ON CONFLICT (id) DO UPDATE SET
        code = excluded.code, key = excluded.key, service = excluded.service,
        day = excluded.day, start_at = excluded.start_at, name = excluded.name,
        phone = excluded.phone, state = excluded.state, ticket_id = excluded.ticket_id,
        created_at = excluded.created_at, changed_at = excluded.changed_at
      """)
    try s.run(
      booking.id, booking.code, booking.key, booking.service, booking.day, booking.start,
      booking.name, booking.phone, booking.state.rawValue, booking.ticketID, booking.createdAt,
      booking.changedAt)
  }

  /// Bookings of `day` and later, then those of earlier days still `booked`: what the hall
  /// holds (QueueCore's `HallState.bookings`). Here and below, a booking whose state this
  /// build does not know (written by a newer Antre) is left out.
  public func heldBookings(day: String) throws(StorageError) -> [BookingRecord] {
    let s = try connection.prepare(
      """
      SELECT \(Self.bookingColumns) FROM bookings WHERE day >= ?1
      UNION ALL
      SELECT \(Self.bookingColumns) FROM bookings WHERE day < ?1 AND state = 'booked'
      """)
    s.bind(day)
    return try s.rows(Self.booking).compactMap { $0 }.sorted {
      ($0.start, $0.id) < ($1.start, $1.id)
    }
  }

  /// Any stored booking, of any day.
  public func booking(id: String) throws(StorageError) -> BookingRecord? {
    let s = try connection.prepare(
      "SELECT \(Self.bookingColumns) FROM bookings WHERE id = ?1")
    s.bind(id)
    return try s.rows(Self.booking).first.flatMap { $0 }
  }

  /// The phone to notify about a ticket of any day: a remote ticket's own, an appointment
  /// ticket's booking's; nil for others. Personal data: for the notice sender only.
  public func phone(ofTicket id: String) throws(StorageError) -> String? {
    let s = try connection.prepare(
      """
      SELECT coalesce(t.phone, b.phone) FROM tickets t
      LEFT JOIN bookings b ON b.id = t.booking_id WHERE t.id = ?1
      """)
    s.bind(id)
    return try s.rows { $0.optionalText(0) }.first.flatMap { $0 }
  }

  /// Per slot day and service of `from`…`to` (inclusive), how the bookings ended.
  public func bookingCounts(from: String, to: String) throws(StorageError) -> [ReportBookings] {
    let s = try connection.prepare(
      """
      SELECT day, service, count(*),
        sum(state = 'checked_in'), sum(state = 'cancelled'), sum(state = 'missed')
      FROM bookings WHERE day BETWEEN ?1 AND ?2
      GROUP BY day, service ORDER BY day, service
      """)
    s.bind(from, to)
    return try s.rows {
      ReportBookings(
        day: $0.text(0), service: $0.text(1), booked: $0.int(2), checkedIn: $0.int(3),
        cancelled: $0.int(4), missed: $0.int(5))
    }
  }

  /// Nil for a state this build does not know.
  private static func booking(_ row: Statement) -> BookingRecord? {
    guard let state = BookingState(rawValue: row.text(8)) else { return nil }
    return BookingRecord(
      id: row.text(0), code: row.text(1), key: row.text(2), service: row.text(3),
      day: row.text(4), start: row.int64(5), name: row.text(6), phone: row.text(7),
      state: state, ticketID: row.optionalText(9), createdAt: row.int64(10),
      changedAt: row.int64(11))
  }
}
