import HallWire
import InitMacros

/// What a notice tells the visitor (PROTOCOL 1.1 "Notices"); the raw value is the body's `event`.
public enum NoticeEvent: String, Sendable, Equatable, CaseIterable {
  /// `notify_ahead` people or fewer remain ahead of a remote ticket (or a checked-in appointment).
  case near
  /// The ticket was called to a counter.
  case called
  /// The evening before a booking's day.
  case bookingReminder = "booking_reminder"
}

/// One notice for the hall's `notify_webhook`: its body is made once, when the hall change
/// that caused it is recorded, and POSTed byte for byte on every attempt, so a retry is the
/// same message and a gateway can drop repeats by `id`.
@PublicInit
public struct Notice: Sendable, Equatable {
  /// Stable and unique: `near-<ticket>`, `called-<ticket>-<seq>`, `booking_reminder-<booking>`.
  public var id: String
  /// The ticket or booking it is about: notices of one subject are delivered in order.
  public var subject: String
  public var event: NoticeEvent
  /// The JSON POSTed (NoticeBody.swift). It holds the visitor's phone number.
  public var body: [UInt8]
  public var createdAt: Millis
  /// After this it is no use to the visitor (a ticket's day is over, a booking's slot has
  /// begun): it is given up rather than sent late. Nil: only the policy's `maxAge` applies.
  public var expiresAt: Millis?
}
