import HallWire
import FoundationEssentials
import Terminal
import Testing

@testable import Officer

private let start = Timestamp.parse("2026-11-28T09:19:14+07:00")!

private func snapshot() -> String {
  #"{"type":"snapshot","seq":40,"hall":\#(Fixture.hall),"recent_calls":[{"number":"C007","counter":1,"at":"2026-11-28T09:10:00+07:00"}]}"#
}

private func console(_ language: Language = .id) throws -> ConsoleModel {
  var model = ConsoleModel(counter: 3, language: language, now: start)
  _ = model.update(.feedConnected)
  _ = model.update(.event(try FeedMessage(parsing: snapshot())))
  return model
}

@Test func pressingNOrSpaceSendsACall() throws {
  var model = try console()
  #expect(model.update(.key(.character("n"))).contains(.send(.call(service: nil, number: nil))))
  #expect(model.update(.key(.space)).contains(.send(.call(service: nil, number: nil))))
}

@Test func eachActionKeySendsItsRequest() throws {
  var model = try console()
  let keys: [(Character, OfficerRequest)] = [
    ("r", .recall), ("S", .start), ("d", .done), ("x", .noShow),
  ]
  for (key, request) in keys {
    #expect(model.update(.key(.character(key))).contains(.send(request)))
  }
  #expect(model.update(.key(.character("q"))) == [.quit])
  #expect(model.update(.key(.ctrlC)) == [.quit])
  #expect(model.update(.key(.character("z"))) == [])
}

@Test func transferPromptsForTheServiceThenSends() throws {
  var model = try console()
  _ = model.update(.key(.character("t")))
  #expect(model.prompt == .transfer(""))
  #expect(
    model.render(width: 80, height: 24).contains { $0.hasPrefix("Pindah ke layanan (A, B, C): _") })
  _ = model.update(.key(.character("b")))
  #expect(model.update(.key(.enter)).contains(.send(.transfer(service: "B"))))
  #expect(model.prompt == nil)
}

@Test func pausePromptsForAReasonAndEscapeCancels() throws {
  var model = try console()
  _ = model.update(.key(.character("p")))
  for key in KeyDecoder.keys(in: Array("makan siang".utf8)) { _ = model.update(.key(key)) }
  #expect(model.render(width: 80, height: 24).contains("Alasan istirahat: makan siang_"))
  #expect(model.update(.key(.enter)).contains(.send(.pause(reason: "makan siang"))))
  _ = model.update(.key(.character("p")))
  _ = model.update(.key(.escape))
  #expect(model.prompt == nil)
}

@Test func pOnAPausedCounterResumes() throws {
  var model = try console()
  let paused = #"{"type":"counter","seq":41,"counter":\#(Fixture.counter(3, state: "paused"))}"#
  _ = model.update(.event(try FeedMessage(parsing: paused)))
  #expect(model.update(.key(.character("P"))).contains(.send(.resume)))
}

@Test func issuedEventUpdatesTheWaitingCounts() throws {
  var model = try console()
  let issued =
    #"{"type":"issued","seq":41,"ticket":\#(Fixture.ticket("B002", state: "waiting", counter: nil)),"waiting":{"A":3,"B":2,"C":7}}"#
  #expect(model.update(.event(try FeedMessage(parsing: issued))) == [.redraw])
  #expect(model.waiting("B") == 2 && model.waitingHere == 5 && model.waitingInHall == 12)
  let screen = model.render(width: 80, height: 24)
  #expect(screen.contains { $0.hasPrefix("  B  Perizinan") && $0.hasSuffix(" 2") })
  #expect(screen.contains { $0.hasPrefix("Menunggu di seluruh aula:") && $0.hasSuffix(" 12") })
}

@Test func calledEventForThisCounterShowsTheTicket() throws {
  var model = try console()
  let called = """
    {"type":"called","seq":41,"ticket":\(Fixture.ticket("A013", state: "called", calledAt: "2026-11-28T09:19:00+07:00")),\
    "counter":{"id":3,"name":"Loket 3"},"recall":false,"waiting":{"A":2,"B":1,"C":7}}
    """
  _ = model.update(.event(try FeedMessage(parsing: called)))
  #expect(model.currentTicket?.number == "A013")
  #expect(model.render(width: 80, height: 24).contains("Nomor sekarang: A013  dipanggil · 14 dtk"))
  #expect(
    model.recentCalls.first
      == RecentCall(number: "A013", counter: 3, at: "2026-11-28T09:19:00+07:00"))
}

@Test func calledEventForAnotherCounterOnlyListsTheCall() throws {
  var model = try console()
  let called = """
    {"type":"called","seq":41,"ticket":\(Fixture.ticket("C008", state: "called", counter: 1)),\
    "counter":{"id":1,"name":"Loket 1"},"recall":false,"waiting":{"C":6}}
    """
  _ = model.update(.event(try FeedMessage(parsing: called)))
  #expect(model.currentTicket?.number == "A012")
  #expect(model.render(width: 80, height: 24).contains { $0.hasPrefix("  C008   → Loket 1") })
}

@Test func finishedEventClearsTheCurrentTicketAndOldEventsAreIgnored() throws {
  var model = try console()
  let finished =
    #"{"type":"finished","seq":41,"ticket":\#(Fixture.ticket("A012", state: "done")),"waiting":{"A":3}}"#
  _ = model.update(.event(try FeedMessage(parsing: finished)))
  #expect(model.currentTicket == nil)
  let replayed =
    #"{"type":"issued","seq":41,"ticket":\#(Fixture.ticket("A020", state: "waiting")),"waiting":{"A":9}}"#
  #expect(model.update(.event(try FeedMessage(parsing: replayed))) == [])
  #expect(model.waiting("A") == 3 && model.lastSeq == 41)
}

@Test func disconnectShowsTheConnectionMessage() throws {
  var model = try console()
  #expect(model.render(width: 80, height: 24)[0].hasSuffix("tersambung "))
  _ = model.update(.feedDisconnected(reason: "closed"))
  #expect(model.render(width: 80, height: 24)[0].contains("terjadi gangguan koneksi"))
  _ = model.update(.feedConnected)
  #expect(!model.render(width: 80, height: 24)[0].contains("gangguan"))
}

@Test func commandResultsShowAsNoticeOrError() throws {
  var model = try console()
  let ticket = try JSONDecoder().decode(
    Ticket.self, from: Data(Fixture.ticket("A013", state: "called").utf8))
  _ = model.update(.result(.call(service: nil, number: nil), .success(.called(ticket))))
  #expect(model.currentTicket?.number == "A013")
  #expect(model.render(width: 80, height: 24).contains("Memanggil A013 ke Loket 3"))
  _ = model.update(.result(.recall, .failure(.conflict(message: "counter 3 is paused"))))
  #expect(
    model.render(width: 80, height: 24).contains {
      $0.hasPrefix("! Tidak dapat dilakukan sekarang: counter 3 is paused.")
    })
}

@Test func keysAreShownOnScreenInTheChosenLanguage() throws {
  let id = try console().render(width: 80, height: 24).joined(separator: "\n")
  #expect(
    id.contains("[Spasi/N] Panggil") && id.contains("[Q] Keluar") && id.contains("[T] Pindah"))
  let en = try console(.en).render(width: 80, height: 24).joined(separator: "\n")
  #expect(en.contains("[Space/N] Next") && en.contains("[X] No-show") && en.contains("[P] Pause"))
}

@Test func renderFitsEveryWindowSize() throws {
  var model = try console()
  for n in 0..<12 {
    let called = """
      {"type":"called","seq":\(41 + n),"ticket":\(Fixture.ticket("C0\(10 + n)", state: "called", counter: 1)),\
      "counter":{"id":1,"name":"Loket 1"},"recall":false,"waiting":{"C":6}}
      """
    _ = model.update(.event(try FeedMessage(parsing: called)))
  }
  _ = model.update(
    .result(
      .recall,
      .failure(
        .unreachable(
          url: "http://hall.local:8080/api/counters/3/recall", reason: "Connection refused"))))
  for (width, height) in [(80, 24), (60, 20), (40, 10), (120, 40), (20, 5)] {
    let lines = model.render(width: width, height: height)
    #expect(lines.count == height, "\(width)x\(height)")
    #expect(lines.allSatisfy { $0.terminalWidth <= width }, "\(width)x\(height)")
    #expect(lines.last?.contains("[") == true, "keys stay visible at \(width)x\(height)")
  }
}

@Test func consoleScreenAtEightyByTwentyFourIsStable() throws {
  let lines = try console().render(width: 80, height: 24)
  #expect(
    Array(lines.prefix(13)) == [
      " Loket 3 · Mal Pelayanan Publik Banyuwangi                           tersambung ",
      "",
      "Status loket: buka",
      "",
      "Nomor sekarang: A012  dilayani · 4 mnt 12 dtk",
      "",
      "Menunggu di loket ini:",
      "  A  Kependudukan                 3",
      "  B  Perizinan                    1",
      "Menunggu di seluruh aula:        11",
      "",
      "Panggilan terakhir:",
      "  C007   → Loket 1  09:10",
    ])
  #expect(
    Array(lines.suffix(2)) == [
      " [Spasi/N] Panggil  [R] Ulang  [S] Mulai  [D] Selesai  [X] Tidak hadir",
      " [T] Pindah  [P] Istirahat  [O] Petugas masuk  [Q] Keluar",
    ])
}

@Test func aRecallMovesTheNumberToTheTopOfTheLastCalls() throws {
  var model = try console()
  for (seq, recall) in [(41, false), (42, true)] {
    let event = """
      {"type":"called","seq":\(seq),"ticket":\(Fixture.ticket("C007", state: "called", counter: 1)),\
      "counter":{"id":1,"name":"Loket 1"},"recall":\(recall),"waiting":{"C":6}}
      """
    _ = model.update(.event(try FeedMessage(parsing: event)))
  }
  #expect(model.recentCalls.map(\.number) == ["C007"])
}

@Test func recentCallsAreInTimeOrderAndARecallMovesUpAtTheTimeOfTheRecall() throws {
  var model = ConsoleModel(counter: 3, language: .id, now: start)
  // A snapshot listing oldest first still shows newest first.
  let snapshot =
    #"{"type":"snapshot","seq":40,"hall":\#(Fixture.hall),"recent_calls":[{"number":"C006","counter":1,"at":"2026-11-28T09:05:00+07:00"},{"number":"C007","counter":1,"at":"2026-11-28T09:10:00+07:00"}]}"#
  _ = model.update(.event(try FeedMessage(parsing: snapshot)))
  #expect(model.recentCalls.map(\.number) == ["C007", "C006"])
  let called = """
    {"type":"called","seq":41,"ticket":\(Fixture.ticket("A013", state: "called", calledAt: "2026-11-28T09:19:00+07:00")),\
    "counter":{"id":3,"name":"Loket 3"},"recall":false,"waiting":{"A":2}}
    """
  _ = model.update(.event(try FeedMessage(parsing: called)))
  // C006 called again at 09:19:14: its ticket still says it was first called at 09:05.
  let recalled = """
    {"type":"called","seq":42,"ticket":\(Fixture.ticket("C006", state: "called", calls: 2, counter: 1, calledAt: "2026-11-28T09:05:00+07:00")),\
    "counter":{"id":1,"name":"Loket 1"},"recall":true,"waiting":{"C":7},"at":"2026-11-28T09:19:14+07:00"}
    """
  _ = model.update(.event(try FeedMessage(parsing: recalled)))
  #expect(model.recentCalls.map(\.number) == ["C006", "A013", "C007"])
  #expect(model.recentCalls.first?.at == "2026-11-28T09:19:14+07:00")
  let screen = model.render(width: 80, height: 24)
  let listed = screen.filter { $0.contains("→ Loket") }
  #expect(
    listed == [
      "  C006   → Loket 1  09:19", "  A013   → Loket 3  09:19", "  C007   → Loket 1  09:10",
    ])
}

@Test func aConnectionErrorLineClearsWhenTheFeedReconnectsAndOtherErrorsStay() throws {
  var model = try console()
  _ = model.update(
    .result(
      .recall, .failure(.unreachable(url: "http://hall:8080/api/counters/3/recall", reason: ""))))
  #expect(model.notice?.isError == true)
  _ = model.update(.feedDisconnected(reason: "eof"))
  _ = model.update(.feedConnected)
  #expect(model.notice == nil)
  #expect(!model.render(width: 80, height: 24).contains { $0.hasPrefix("! ") })
  _ = model.update(
    .result(.call(service: nil, number: nil), .failure(.conflict(message: "Loket 3 tutup."))))
  _ = model.update(.feedConnected)
  #expect(model.notice?.text == "Tidak dapat dilakukan sekarang: Loket 3 tutup.")
}

@Test func aPauseMadeElsewhereShowsItsReason() throws {
  var model = try console()
  let paused =
    #"{"type":"counter","seq":41,"counter":{"id":3,"name":"Loket 3","services":["A","B"],"state":"paused","reason":"rapat","ticket":null}}"#
  _ = model.update(.event(try FeedMessage(parsing: paused)))
  #expect(model.render(width: 80, height: 24).contains("Status loket: istirahat — rapat"))
}

@Test func anOfficerSignsInWithOAndAPINThatIsNeverShown() throws {
  var model = try console()
  #expect(model.update(.key(.character("o"))) == [.redraw])
  #expect(model.prompt == .officer(""))
  for c in "sari/ 01" { _ = model.update(.key(.character(c))) }
  // Only [0-9A-Za-z._-] are kept: "/" and the space are refused.
  #expect(model.prompt == .officer("sari01"))
  _ = model.update(.key(.enter))
  #expect(model.prompt == .pin(officer: "sari01", pin: ""))
  for c in "48291x" { _ = model.update(.key(.character(c))) }
  let screen = model.render(width: 80, height: 24)
  #expect(screen.contains { $0.hasPrefix("PIN sari01: •••••_") })
  #expect(!screen.contains { $0.contains("48291") })
  // Five digits: Enter does not send, it says what a PIN is.
  #expect(model.update(.key(.enter)) == [.redraw])
  #expect(model.notice?.text == "PIN terdiri dari 6 angka.")
  _ = model.update(.key(.character("3")))
  #expect(
    model.update(.key(.enter)) == [.redraw, .send(.signIn(officer: "sari01", pin: "482913"))])
  #expect(model.prompt == nil)
}

@Test func aSignedInOfficerShowsOnTheConsoleAndOSignsOut() throws {
  var model = try console()
  let counter = try JSONDecoder().decode(
    Counter.self,
    from: Data(
      #"{"id":3,"name":"Loket 3","services":["A","B"],"state":"open","ticket":null,"officer":{"id":"sari01","name":"Sari Dewi"}}"#
        .utf8))
  _ = model.update(.result(.signIn(officer: "sari01", pin: "482913"), .success(.signedIn(counter))))
  let screen = model.render(width: 80, height: 24)
  #expect(screen.contains("Status loket: buka · Petugas: Sari Dewi"))
  #expect(screen.contains { $0.contains("[O] Petugas keluar") })
  #expect(model.notice?.text == "Sari Dewi masuk di Loket 3")
  #expect(model.update(.key(.character("O"))) == [.redraw, .send(.signOut)])
}

@Test func aWrongPINSaysSoInTheOfficersLanguage() throws {
  var model = try console(.en)
  _ = model.update(
    .result(
      .signIn(officer: "sari01", pin: "000000"),
      .failure(OfficerError(status: 401, code: "bad_pin", message: "wrong PIN"))))
  #expect(model.notice?.text == "Unknown officer or wrong PIN. Check your id and PIN.")
  #expect(
    OfficerRequest.signIn(officer: "sari01", pin: "482913").path(counter: 3)
      == "/api/counters/3/signin")
  #expect(
    OfficerRequest.signIn(officer: "sari01", pin: "482913").body
      == Array(#"{"officer":"sari01","pin":"482913"}"#.utf8))
}
