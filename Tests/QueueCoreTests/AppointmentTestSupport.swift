import HallWire
import Testing

@testable import QueueCore
import HallYAML

/// A hall with bookings in A (Monday mornings, 15-minute slots of two places), remote
/// tickets in A (half the day's tickets) and in B (a fifth of a quota of 10), and C for
/// walk-ins only.
let appointmentYAML = """
  name: Test Hall
  timezone: Asia/Jakarta
  notify_webhook: https://gateway.example/antre
  services:
    - id: A
      name: Kependudukan
      target_wait_s: 900
      mean_service_s: 300
      hours: {mon: "08:00-15:00", tue: "08:00-15:00"}
      appointments: {slot_s: 900, per_slot: 2, days_ahead: 7, hours: {mon: "08:00-12:00", tue: "08:00-09:00"}}
      remote: {share: 0.5, notify_ahead: 3}
    - {id: B, name: Perizinan, target_wait_s: 600, mean_service_s: 240, quota: 10, remote: {share: 0.2}}
    - {id: C, name: Pajak, target_wait_s: 900, mean_service_s: 300}
  counters:
    - {id: 1, name: Loket 1, services: [A, C]}
    - {id: 2, name: Loket 2, services: [B]}
  kiosks:
    - {id: K1}
  """

/// Codes handed out in order: ABCDE2, ABCDE3, …
final class Codes {
  var next = 0
  func make() -> String {
    next += 1
    return "ABCDE" + String(BookingCode.alphabet[24 + next % 8])
  }
}

func makeAppointmentHall(now: Millis = at("2026-11-30", "07:00:00"), state: HallState? = nil)
  -> Hall
{
  let ids = IDs()
  let codes = Codes()
  return Hall(
    config: try! HallConfig.load(yaml: appointmentYAML), restoring: state, now: now,
    makeTicketID: ids.make, makeTicketKey: { "key-" + ids.make() }, makeBookingCode: codes.make)
}

extension Outcome {
  var booked: (Booking, String)? {
    if case .booked(let b, let key) = reply { return (b, key) }
    return nil
  }
}

extension Hall {
  /// Books `service` at `clock` on `date`; returns the booking.
  @discardableResult
  func book(
    _ clock: String, service: String = "A", date: String = "2026-11-30",
    phone: String = "0812 3456 7890", name: String = "Siti", at now: Millis
  ) throws(QueueError) -> Booking {
    try handle(
      .book(service: service, start: at(date, clock), name: name, phone: phone), at: now
    ).booked!.0
  }
}
