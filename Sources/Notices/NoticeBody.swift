import HallWire
import InitMacros
import Wording

/// What every notice body shares: the hall's name and clock, and the services' names for
/// the message text.
@PublicInit
public struct NoticeContext: Sendable, Equatable {
  public var hallName: String
  public var zone: HallZone
  /// Service id → its (Indonesian) name.
  public var serviceNames: [String: String]
}

// The body, in this key order (README "Notices" and docs/PROTOCOL.md document it):
//   {"id", "event", "hall", "at", "ticket": Ticket | "booking": Booking, "phone", "text"}
// `id` is stable across retries; `at` is when the hall change happened (RFC 3339, the
// hall's offset); `text` is a ready Indonesian message a gateway may forward as it is.
// The ticket never carries its `key`.

extension Notice {
  /// `notify_ahead` people or fewer are ahead of a remote ticket: once per ticket.
  public static func near(
    ticket: Ticket, phone: String, context: NoticeContext, at: Millis, expiresAt: Millis? = nil
  ) -> Notice {
    let ahead = ticket.peopleAhead ?? 0
    let service = context.serviceNames[ticket.service] ?? ticket.service
    var text = "\(context.hallName): nomor \(ticket.number) (\(service)), "
    if ahead == 0 {
      text += "Anda dipanggil berikutnya. Mohon segera ke ruang tunggu."
    } else {
      text += "\(ahead) orang lagi sebelum giliran Anda"
      if let eta = ticket.etaS { text += " (\(Wait.estimate(seconds: eta, .id)))" }
      text += ". Mohon menuju ruang tunggu."
    }
    return ticketNotice(
      .near, id: nearID(ticket: ticket.id), ticket: ticket, phone: phone, text: text,
      context: context, at: at, expiresAt: expiresAt)
  }

  /// The id of a ticket's one "near" notice.
  public static func nearID(ticket: String) -> String { "near-\(ticket)" }

  /// A remote ticket (or a checked-in appointment) was called; `seq` is the feed event of
  /// the call, so a ticket called again (after a transfer, or back from a no-show) gets a
  /// notice of its own.
  public static func called(
    ticket: Ticket, seq: Int64, counterName: String, phone: String, context: NoticeContext,
    at: Millis, expiresAt: Millis? = nil
  ) -> Notice {
    let text =
      "\(context.hallName): nomor \(ticket.number) dipanggil ke \(counterName). "
      + "Silakan menuju loket sekarang."
    return ticketNotice(
      .called, id: "called-\(ticket.id)-\(seq)", ticket: ticket, phone: phone, text: text,
      context: context, at: at, expiresAt: expiresAt)
  }

  /// The evening before a booking's day: once per booking. `booking` is the Booking object
  /// as the API shows it; `code`, `service` and `start` make the text. It expires when the
  /// slot begins.
  public static func bookingReminder(
    bookingID: String, booking: some JSONWritable, code: String, service: String,
    start: Millis, phone: String, context: NoticeContext, at: Millis
  ) -> Notice {
    let local = context.zone.local(start)
    let (year, month, day) = civil(fromDays: local.dayNumber)
    let when =
      "\(local.weekday.indonesianName), \(day) \(indonesianMonths[month - 1]) \(year) "
      + "pukul \(pad2(local.secondOfDay / 3600)).\(pad2(local.secondOfDay / 60 % 60))"
    let serviceName = context.serviceNames[service] ?? service
    let text =
      "\(context.hallName): pengingat janji temu \(serviceName) besok, \(when). "
      + "Kode: \(code). Lapor kedatangan di kios dengan kode ini antara 30 menit sebelum "
      + "dan 15 menit sesudah jadwal."
    let body = envelope(
      .bookingReminder, id: "booking_reminder-\(bookingID)", context: context, at: at,
      phone: phone, text: text
    ) { json in
      json.key("booking")
      booking.write(to: &json)
    }
    return Notice(
      id: "booking_reminder-\(bookingID)", subject: bookingID, event: .bookingReminder,
      body: body, createdAt: at, expiresAt: start)
  }

  private static func ticketNotice(
    _ event: NoticeEvent, id: String, ticket: Ticket, phone: String, text: String,
    context: NoticeContext, at: Millis, expiresAt: Millis?
  ) -> Notice {
    var ticket = ticket
    ticket.key = nil
    let body = envelope(event, id: id, context: context, at: at, phone: phone, text: text) {
      json in
      json.key("ticket")
      ticket.write(to: &json)
    }
    return Notice(
      id: id, subject: ticket.id, event: event, body: body, createdAt: at, expiresAt: expiresAt)
  }

  private static func envelope(
    _ event: NoticeEvent, id: String, context: NoticeContext, at: Millis, phone: String,
    text: String, subject: (inout JSONWriter) -> Void
  ) -> [UInt8] {
    var json = JSONWriter(capacity: 512)
    json.beginObject()
    json.key("id")
    json.string(id)
    json.key("event")
    json.string(event.rawValue)
    json.key("hall")
    json.string(context.hallName)
    json.key("at")
    json.string(context.zone.rfc3339(at))
    subject(&json)
    json.key("phone")
    json.string(phone)
    json.key("text")
    json.string(text)
    json.endObject()
    return json.bytes
  }
}

private let indonesianMonths = [
  "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
  "Oktober", "November", "Desember",
]
