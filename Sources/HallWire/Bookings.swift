// Appointments and remote tickets as they travel (PROTOCOL 1.1 "Appointments and remote
// tickets"). A booking's name and phone number are personal data: no wire object carries
// them.

import InitMacros

public enum BookingState: String, Sendable, Equatable, Codable, CaseIterable {
  case booked
  case checkedIn = "checked_in"
  case cancelled
  /// Not checked in by 15 minutes after its slot.
  case missed
}

/// `{"id", "code", "service", "start", "state", "ticket"}`.
@PublicInit
public struct Booking: Sendable, Equatable, Decodable {
  public var id: String
  /// Six characters of `[A-Z2-9]` without O and I, typed at a box as `#CODE`.
  public var code: String
  public var service: String
  /// The slot's start, RFC 3339.
  public var start: String
  public var state: BookingState
  /// The ticket issued at check-in.
  public var ticket: String?
}

/// `POST /api/bookings`'s answer: the booking and the key that views or cancels it, shown once.
@PublicInit
public struct BookingCreated: Sendable, Equatable, Decodable {
  public var booking: Booking
  public var key: String
}

/// One bookable slot of `GET /api/slots`: `{"start", "free"}`.
@PublicInit
public struct Slot: Sendable, Equatable, Decodable {
  public var start: String
  public var free: Int
}

/// A service's `appointments`: `{"slot_s", "per_slot", "days_ahead", "hours"}`, `hours`
/// mapping the weekdays it books (`mon` … `sun`) to ranges as the hall file writes them.
@PublicInit
public struct AppointmentOffer: Sendable, Equatable, Decodable {
  public var slotS: Int
  public var perSlot: Int
  public var daysAhead: Int
  public var hours: [String: String]

  enum CodingKeys: String, CodingKey {
    case slotS = "slot_s", perSlot = "per_slot", daysAhead = "days_ahead", hours
  }
}

/// A service's `remote`: `{"share", "notify_ahead"}`.
@PublicInit
public struct RemoteOffer: Sendable, Equatable, Decodable {
  public var share: Double
  public var notifyAhead: Int

  enum CodingKeys: String, CodingKey { case share, notifyAhead = "notify_ahead" }
}

/// Booking codes: short enough to type at a box, from an alphabet without the look-alikes
/// 0/O and 1/I.
public enum BookingCode {
  public static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
  public static let length = 6

  /// 30 random bits; the hall makes sure no two live bookings share one.
  public static func random() -> String {
    var rng = SystemRandomNumberGenerator()
    return String((0..<length).map { _ in alphabet[Int(rng.next() as UInt64 % 32)] })
  }

  /// A code as typed: case, spaces, dashes and a leading `#` are forgiven; nil when it
  /// cannot be a code.
  public static func parse(_ typed: String) -> String? {
    var s = typed.uppercased().filter { $0 != " " && $0 != "-" }
    if s.hasPrefix("#") { s.removeFirst() }
    guard s.count == length, s.allSatisfy(alphabet.contains) else { return nil }
    return s
  }
}
