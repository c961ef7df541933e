import FoundationEssentials
import Testing

@testable import Officer

private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
  try JSONDecoder().decode(type, from: Data(json.utf8))
}

private let id = Messages(language: .id)
private let en = Messages(language: .en)

@Test func callLineNamesTicketCounterAndWaitingInBothLanguages() throws {
  let ticket = try decode(TicketInfo.self, Fixture.ticket("A012", state: "called"))
  let hall = try decode(HallInfo.self, Fixture.hall)
  #expect(
    id.line(for: .called(ticket), counter: 3, hall: hall)
      == "Memanggil A012 ke Loket 3 — 4 orang menunggu")
  #expect(
    en.line(for: .called(ticket), counter: 3, hall: hall) == "Calling A012 to Loket 3 — 4 waiting")
}

@Test func callLineWithoutHallLeavesOutTheWaitingCount() throws {
  let ticket = try decode(TicketInfo.self, Fixture.ticket("A012", state: "called"))
  #expect(id.line(for: .called(ticket), counter: 3, hall: nil) == "Memanggil A012 ke Loket 3")
}

@Test func nobodyWaitingIsAPlainSentence() {
  #expect(id.line(for: .nobodyWaiting, counter: 3, hall: nil) == "Tidak ada antrean yang menunggu")
  #expect(en.line(for: .nobodyWaiting, counter: 3, hall: nil) == "Nobody is waiting")
}

@Test func recallLineCountsTheCalls() throws {
  let ticket = try decode(TicketInfo.self, Fixture.ticket("A012", state: "called", calls: 2))
  #expect(
    id.line(for: .recalled(ticket), counter: 3, hall: nil)
      == "Memanggil ulang A012 (panggilan ke-2)")
  #expect(en.line(for: .recalled(ticket), counter: 3, hall: nil) == "Calling A012 again (call 2)")
}

@Test func startDoneAndNoShowLines() throws {
  let ticket = try decode(TicketInfo.self, Fixture.ticket("A012", state: "serving"))
  let hall = try decode(HallInfo.self, Fixture.hall)
  #expect(id.line(for: .started(ticket), counter: 3, hall: nil) == "Mulai melayani A012")
  #expect(en.line(for: .started(ticket), counter: 3, hall: nil) == "Now serving A012")
  #expect(id.line(for: .done(ticket), counter: 3, hall: nil) == "A012 selesai dilayani")
  #expect(en.line(for: .done(ticket), counter: 3, hall: hall) == "A012 served — 4 waiting")
  #expect(id.line(for: .noShow(ticket), counter: 3, hall: nil) == "A012 tidak hadir")
  #expect(en.line(for: .noShow(ticket), counter: 3, hall: nil) == "A012 did not show up")
}

@Test func transferLineNamesTheNewService() throws {
  let ticket = try decode(TicketInfo.self, Fixture.ticket("A012", state: "waiting", counter: nil))
  var moved = ticket
  moved.service = "B"
  let hall = try decode(HallInfo.self, Fixture.hall)
  #expect(
    id.line(for: .transferred(moved), counter: 3, hall: hall)
      == "A012 dipindahkan ke layanan B (Perizinan)")
  #expect(
    en.line(for: .transferred(moved), counter: 3, hall: hall)
      == "A012 transferred to service B (Perizinan)")
}

@Test func counterStateLines() throws {
  let paused = try decode(CounterInfo.self, Fixture.counter(3, state: "paused"))
  let open = try decode(CounterInfo.self, Fixture.counter(3, state: "open"))
  let closed = try decode(CounterInfo.self, Fixture.counter(3, state: "closed"))
  #expect(
    id.line(for: .paused(paused, reason: "makan siang"), counter: 3, hall: nil)
      == "Loket 3 istirahat: makan siang")
  #expect(en.line(for: .paused(paused, reason: nil), counter: 3, hall: nil) == "Loket 3 on a break")
  #expect(id.line(for: .resumed(open), counter: 3, hall: nil) == "Loket 3 kembali melayani")
  #expect(en.line(for: .opened(open), counter: 3, hall: nil) == "Loket 3 is open")
  #expect(id.line(for: .closed(closed), counter: 3, hall: nil) == "Loket 3 ditutup")
}

@Test func statusShowsThisCounterThenTheHallWithinEightyColumns() throws {
  let hall = try decode(HallInfo.self, Fixture.hall)
  let now = Timestamp.parse("2026-11-28T09:19:14+07:00")
  let lines = id.status(hall: hall, counter: 3, now: now)
  #expect(lines[0] == "Loket 3 — buka — A012 dilayani sejak 4 mnt 12 dtk")
  #expect(lines[1] == "Mal Pelayanan Publik Banyuwangi, 2026-11-28")
  #expect(lines.contains("Loket 1    istirahat  -      C"))
  #expect(lines.contains("Loket 3 *  buka       A012   A B"))
  #expect(lines.contains { $0.hasPrefix("C  Pajak Kendaraan (tutup)") && $0.hasSuffix(" 7") })
  #expect(lines.last?.hasPrefix("Jumlah") == true && lines.last?.hasSuffix(" 11") == true)
  #expect(lines.allSatisfy { $0.count <= 80 })
  let english = en.status(hall: hall, counter: 3, now: now)
  #expect(english[0] == "Loket 3 — open — A012 serving for 4 min 12 s")
}

@Test func errorsSayWhatToDoInBothLanguages() {
  #expect(
    id.error(.unreachable(url: "http://10.0.0.5:8080", reason: "Connection refused"), counter: 3)
      .hasPrefix(
        "Tidak dapat terhubung ke server http://10.0.0.5:8080: Connection refused. Periksa"))
  #expect(
    en.error(.unreachable(url: "http://10.0.0.5:8080", reason: "Connection refused"), counter: 3)
      .hasPrefix("Cannot connect to the server http://10.0.0.5:8080: Connection refused."))
  #expect(
    id.error(.unauthorized(message: "unknown token"), counter: 3)
      == "Token ditolak: server tidak mengenal token ini. Periksa --token atau ANTRE_TOKEN, atau masuk lagi dengan `antre login`."
  )
  #expect(
    en.error(.forbidden(message: "token is for counter 1"), counter: 3)
      == "This token is not valid for Loket 3. Use your own counter's token, or check --counter."
  )
  #expect(
    id.error(
      .conflict(message: "Loket 3 sedang istirahat; lanjutkan dulu sebelum memanggil."), counter: 3)
      == "Tidak dapat dilakukan sekarang: Loket 3 sedang istirahat; lanjutkan dulu sebelum memanggil."
  )
  #expect(
    en.error(.noCurrentTicket(message: "no ticket"), counter: 3)
      == "Loket 3 has no ticket called or being served. Call the next one with `antre next`.")
  #expect(
    id.error(.unknownService(message: "Layanan \"Z\" tidak ada."), counter: 3)
      == "Layanan tidak dikenal: Layanan \"Z\" tidak ada. Lihat kode layanan dengan `antre status`."
  )
  #expect(
    en.error(.unknownService(message: "no service Z"), counter: 3)
      == "Unknown service: no service Z. See the service codes with `antre status`.")
  #expect(
    id.error(.conflict(message: ""), counter: 3)
      == "Tidak dapat dilakukan sekarang. Jika loket sedang istirahat atau tutup, jalankan `antre resume` atau `antre open` dulu."
  )
  #expect(
    en.error(.missingSetting(.token), counter: nil)
      == "No token. Pass --token T, set ANTRE_TOKEN, or run `antre login`.")
}

@Test func serverErrorRepliesMapToTheirCases() {
  #expect(
    OfficerError(status: 401, code: "unauthorized", message: "m") == .unauthorized(message: "m"))
  #expect(OfficerError(status: 403, code: "forbidden", message: "m") == .forbidden(message: "m"))
  #expect(OfficerError(status: 409, code: "conflict", message: "m") == .conflict(message: "m"))
  #expect(
    OfficerError(status: 409, code: "no_current_ticket", message: "m")
      == .noCurrentTicket(message: "m"))
  #expect(
    OfficerError(status: 404, code: "unknown_service", message: "m")
      == .unknownService(message: "m"))
  #expect(
    OfficerError(status: 503, code: "x", message: "m")
      == .server(status: 503, code: "x", message: "m"))
  #expect(OfficerError.conflict(message: "").wire! == (409, "conflict"))
}

@Test func timestampsParseWithTheirOffset() {
  let a = Timestamp.parse("2026-11-28T09:15:02+07:00")
  let b = Timestamp.parse("2026-11-28T02:15:02Z")
  #expect(a != nil && a == b)
  #expect(Timestamp.parse("2026-11-28T02:15:02.500Z")!.timeIntervalSince(b!) == 0.5)
  #expect(Timestamp.parse("yesterday") == nil)
  #expect(Timestamp.clock("2026-11-28T09:15:02+07:00") == "09:15")
}

@Test func statusShowsWhyThisCounterIsPaused() throws {
  var hall = try decode(HallInfo.self, Fixture.hall)
  let paused = CounterInfo(
    id: 3, name: "Loket 3", services: ["A", "B"], state: "paused", reason: "Salat zuhur")
  hall.counters[1] = paused
  #expect(
    id.status(hall: hall, counter: 3, now: nil)[0]
      == "Loket 3 — istirahat: Salat zuhur — tidak ada nomor")
  #expect(
    en.status(hall: hall, counter: 3, now: nil)[0] == "Loket 3 — on break: Salat zuhur — no ticket")
  let decoded = try decode(
    CounterInfo.self,
    #"{"id":3,"name":"Loket 3","services":["A"],"state":"paused","reason":"rapat","ticket":null}"#)
  #expect(decoded.reason == "rapat")
}

@Test func statusSaysEachOpenServicesWaitAsPaperAndPagesDo() throws {
  let hall = try decode(HallInfo.self, Fixture.hall)
  let lines = id.status(hall: hall, counter: 3, now: nil)
  #expect(lines.contains { $0.hasPrefix("Layanan") && $0.hasSuffix("Menunggu  Perkiraan tunggu") })
  #expect(lines.contains { $0.hasPrefix("A  Kependudukan") && $0.hasSuffix(" 3  \u{00B1}9 menit") })
  #expect(lines.contains { $0.hasPrefix("B  Perizinan") && $0.hasSuffix(" 1  \u{00B1}1 menit") })
  // Closed: no estimate at all.
  #expect(lines.contains { $0.hasPrefix("C  Pajak Kendaraan (tutup)") && $0.hasSuffix(" 7") })
  let english = en.status(hall: hall, counter: 3, now: nil)
  #expect(english.contains { $0.hasPrefix("A  Kependudukan") && $0.hasSuffix(" 3  about 9 min") })
  #expect(lines.allSatisfy { $0.count <= 80 })
}
