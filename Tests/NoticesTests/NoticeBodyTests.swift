import HallWire
import Testing

@testable import Notices

private let context = NoticeContext(
  hallName: "MPP Banyuwangi", zone: HallZone(parsing: "Asia/Jakarta")!,
  serviceNames: ["A": "Kependudukan"])

/// 2026-12-01 09:15:02 WIB.
private let at: Millis = 1_796_091_302_000

private func ticket(position: Int?, etaS: Int?, state: TicketState = .waiting, counter: Int? = nil)
  -> Ticket
{
  Ticket(
    id: "tk-9f3c", number: "A012", service: "A", state: state,
    issuedAt: "2026-12-01T08:40:00+07:00",
    calledAt: state == .called ? "2026-12-01T09:15:02+07:00" : nil, counter: counter,
    calls: state == .called ? 1 : 0, position: position, etaS: etaS, key: "secret-key")
}

/// A stand-in for the API's Booking object: the body embeds whatever the object writes.
private struct FakeBooking: JSONWritable {
  func write(to json: inout JSONWriter) {
    json.beginObject()
    json.key("id")
    json.string("bk-1")
    json.key("code")
    json.string("K7MQ2C")
    json.endObject()
  }
}

@Suite struct NoticeBodyTests {
  @Test func nearCarriesTheTicketThePhoneAndAnIndonesianText() {
    let n = Notice.near(
      ticket: ticket(position: 4, etaS: 420), phone: "+6281234567890", context: context, at: at)
    #expect(n.id == "near-tk-9f3c")
    #expect(n.subject == "tk-9f3c")
    #expect(n.event == .near)
    #expect(n.createdAt == at)
    #expect(
      String(decoding: n.body, as: UTF8.self)
        == #"{"id":"near-tk-9f3c","event":"near","hall":"MPP Banyuwangi","at":"2026-12-01T09:15:02+07:00","ticket":{"id":"tk-9f3c","number":"A012","service":"A","state":"waiting","priority":false,"issued_at":"2026-12-01T08:40:00+07:00","called_at":null,"started_at":null,"counter":null,"calls":0,"position":4,"eta_s":420,"officer":null,"remote":false,"appointment":null},"phone":"+6281234567890","text":"MPP Banyuwangi: nomor A012 (Kependudukan), 3 orang lagi sebelum giliran Anda (±7 menit). Mohon menuju ruang tunggu."}"#
    )
  }

  @Test func nearWithNobodyAheadSaysYouAreNext() {
    let n = Notice.near(
      ticket: ticket(position: 1, etaS: 30), phone: "081234567890", context: context, at: at)
    #expect(
      String(decoding: n.body, as: UTF8.self).contains(
        #""text":"MPP Banyuwangi: nomor A012 (Kependudukan), Anda dipanggil berikutnya. Mohon segera ke ruang tunggu."}"#
      ))
  }

  @Test func calledNamesTheCounterAndIsUniquePerCall() {
    let t = ticket(position: nil, etaS: nil, state: .called, counter: 3)
    let first = Notice.called(
      ticket: t, seq: 812, counterName: "Loket 3", phone: "+6281234567890", context: context,
      at: at, expiresAt: at + 3_600_000)
    let again = Notice.called(
      ticket: t, seq: 977, counterName: "Loket 3", phone: "+6281234567890", context: context,
      at: at)
    #expect(first.id == "called-tk-9f3c-812")
    #expect(again.id != first.id)
    #expect(first.expiresAt == at + 3_600_000)
    #expect(
      String(decoding: first.body, as: UTF8.self)
        == #"{"id":"called-tk-9f3c-812","event":"called","hall":"MPP Banyuwangi","at":"2026-12-01T09:15:02+07:00","ticket":{"id":"tk-9f3c","number":"A012","service":"A","state":"called","priority":false,"issued_at":"2026-12-01T08:40:00+07:00","called_at":"2026-12-01T09:15:02+07:00","started_at":null,"counter":3,"calls":1,"position":null,"eta_s":null,"officer":null,"remote":false,"appointment":null},"phone":"+6281234567890","text":"MPP Banyuwangi: nomor A012 dipanggil ke Loket 3. Silakan menuju loket sekarang."}"#
    )
  }

  @Test func theTicketsKeyNeverLeavesInANotice() {
    let n = Notice.near(
      ticket: ticket(position: 2, etaS: 60), phone: "+628111", context: context, at: at)
    #expect(!String(decoding: n.body, as: UTF8.self).contains("secret-key"))
  }

  @Test func bookingReminderSaysTheDayTheTimeAndTheCode() {
    // Wednesday 2026-12-02 09:00 WIB, reminded on the evening before.
    let start: Millis = 1_796_176_800_000
    let n = Notice.bookingReminder(
      bookingID: "bk-1", booking: FakeBooking(), code: "K7MQ2C", service: "A", start: start,
      phone: "+6281234567890", context: context, at: 1_796_122_800_000)
    #expect(n.id == "booking_reminder-bk-1")
    #expect(n.subject == "bk-1")
    #expect(n.expiresAt == start)
    #expect(
      String(decoding: n.body, as: UTF8.self)
        == #"{"id":"booking_reminder-bk-1","event":"booking_reminder","hall":"MPP Banyuwangi","at":"2026-12-01T18:00:00+07:00","booking":{"id":"bk-1","code":"K7MQ2C"},"phone":"+6281234567890","text":"MPP Banyuwangi: pengingat janji temu Kependudukan besok, Rabu, 2 Desember 2026 pukul 09.00. Kode: K7MQ2C. Lapor kedatangan di kios dengan kode ini antara 30 menit sebelum dan 15 menit sesudah jadwal."}"#
    )
  }

  @Test func quotesAndControlCharactersInNamesAreEscaped() {
    let odd = NoticeContext(
      hallName: "MPP \"Kota\"\n", zone: context.zone, serviceNames: [:])
    let n = Notice.near(ticket: ticket(position: 3, etaS: nil), phone: "+62", context: odd, at: at)
    #expect(String(decoding: n.body, as: UTF8.self).contains(#""hall":"MPP \"Kota\"\n""#))
  }
}
