import HallWire

/// A booking as stored (PROTOCOL 1.1 "Appointments and remote tickets"). Storage persists
/// exactly these fields.
public struct BookingRecord: Sendable, Equatable {
  public var id: String
  /// Six characters of `BookingCode.alphabet`, typed at a box as `#CODE`.
  public var code: String
  /// Views and cancels it; only the one who booked ever sees it.
  public var key: String
  public var service: String
  /// The slot's service day, `YYYY-MM-DD` in the hall's zone.
  public var day: String
  public var start: Millis
  /// Personal data: never on the wire, in logs or in CSV.
  public var name: String
  /// Normalised, `+628…`. Personal data, as `name`.
  public var phone: String
  public var state: BookingState
  /// The ticket issued at check-in.
  public var ticketID: String?
  public var createdAt: Millis
  /// When it entered its state (booked: `createdAt`).
  public var changedAt: Millis

  public init(
    id: String, code: String, key: String, service: String, day: String, start: Millis,
    name: String, phone: String, state: BookingState = .booked, ticketID: String? = nil,
    createdAt: Millis, changedAt: Millis? = nil
  ) {
    self.id = id
    self.code = code
    self.key = key
    self.service = service
    self.day = day
    self.start = start
    self.name = name
    self.phone = phone
    self.state = state
    self.ticketID = ticketID
    self.createdAt = createdAt
    self.changedAt = changedAt ?? createdAt
  }
}

extension Booking {
  /// The wire view: no name, no phone, no key.
  public init(record b: BookingRecord, zone: HallZone) {
    self.init(
      id: b.id, code: b.code, service: b.service, start: zone.rfc3339(b.start), state: b.state,
      ticket: b.ticketID)
  }
}

/// Indonesian mobile numbers (SMS and WhatsApp reach only these).
public enum PhoneNumber {
  /// `0812-3456-7890`, `+62 812 3456 7890`, `6281234567890` → `+6281234567890`; nil for
  /// anything else. Spaces, dashes, dots and brackets are ignored.
  public static func normalise(_ text: String) -> String? {
    guard text.utf8.count <= 40 else { return nil }
    var s = Substring(text.filter { !" -.()\t".contains($0) })
    if s.hasPrefix("+62") {
      s = s.dropFirst(3)
    } else if s.hasPrefix("62") {
      s = s.dropFirst(2)
    } else if s.hasPrefix("0") {
      s = s.dropFirst(1)
    } else {
      return nil
    }
    guard s.first == "8", (9...12).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    return "+62" + s
  }
}
