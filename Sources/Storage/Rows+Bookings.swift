/// A booking as stored (schema 5). `name` and `phone` are personal data.
public struct BookingRow: Equatable, Sendable {
  public var id: String
  public var code: String
  public var key: String
  public var service: String
  public var day: String
  public var startAt: Int64
  public var name: String
  public var phone: String
  public var state: String
  public var ticketID: String?
  public var createdAt: Int64
  public var changedAt: Int64

  public init(
    id: String, code: String, key: String, service: String, day: String, startAt: Int64,
    name: String, phone: String, state: String, ticketID: String?, createdAt: Int64,
    changedAt: Int64
  ) {
    self.id = id
    self.code = code
    self.key = key
    self.service = service
    self.day = day
    self.startAt = startAt
    self.name = name
    self.phone = phone
    self.state = state
    self.ticketID = ticketID
    self.createdAt = createdAt
    self.changedAt = changedAt
  }
}

/// Booking no-shows of one day and service, for the period reports.
public struct BookingCountRow: Equatable, Sendable {
  public var day: String
  public var service: String
  public var booked: Int
  public var checkedIn: Int
  public var cancelled: Int
  public var missed: Int

  public init(
    day: String, service: String, booked: Int, checkedIn: Int, cancelled: Int, missed: Int
  ) {
    self.day = day
    self.service = service
    self.booked = booked
    self.checkedIn = checkedIn
    self.cancelled = cancelled
    self.missed = missed
  }
}
