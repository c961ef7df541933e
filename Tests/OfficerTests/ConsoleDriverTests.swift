import HallWire
import FoundationEssentials
@testable import Terminal
import Testing

@testable import Officer

private func makeDriver(
  _ fake: FakeTransport, language: Language = .en, write: @escaping (String) -> Void
) -> ConsoleDriver {
  ConsoleDriver(
    model: ConsoleModel(counter: 3, language: language, now: Date(timeIntervalSince1970: 0)),
    transport: fake, token: "tok3", size: TerminalSize(columns: 80, rows: 24), write: write)
}

@Test func driverSendsTheCallAndDrawsTheAnswerWhenItComes() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("A013", state: "called"))
  var written = ""
  let driver = makeDriver(fake) { written += $0 }
  driver.start()
  #expect(written.contains(ANSI.clearScreen) && written.contains("connecting…"))
  driver.feedConnected()
  driver.feedMessage(
    #"{"type":"snapshot","seq":1,"hall":\#(Fixture.hall),"recent_calls":[]}"#)
  written = ""
  driver.keyboard([0x6E])
  #expect(fake.sent.map(\.path) == ["/api/counters/3/call"])
  #expect(driver.isBusy && !written.contains("Calling"))
  fake.answerPending()
  #expect(!driver.isBusy)
  #expect(written.contains("Calling A013 to Loket 3"))
  #expect(driver.model.currentTicket?.number == "A013")
  var finished = false
  driver.onFinish = { finished = true }
  driver.keyboard([0x71])
  #expect(driver.isFinished && finished)
}

@Test func aSecondPressWhileACommandIsOutIsDropped() {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("A013", state: "called"))
  let driver = makeDriver(fake) { _ in }
  driver.start()
  driver.keyboard(Array("nn ".utf8))
  fake.answerPending()
  #expect(fake.sent.count == 1)
  driver.keyboard(Array("n".utf8))
  #expect(fake.sent.count == 2)
}

@Test func feedKeepsFlowingWhileACommandIsOut() {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("A013", state: "called"))
  var written = ""
  let driver = makeDriver(fake) { written += $0 }
  driver.start()
  driver.feedMessage(#"{"type":"snapshot","seq":1,"hall":\#(Fixture.hall),"recent_calls":[]}"#)
  driver.keyboard([0x6E])
  written = ""
  driver.feedMessage(
    #"{"type":"issued","seq":2,"ticket":\#(Fixture.ticket("A020", state: "waiting", counter: nil, calledAt: nil)),"waiting":{"A":9,"B":1}}"#
  )
  #expect(driver.model.waiting("A") == 9)
  #expect(written.contains("9"))
}

@Test func errorsInTheConsoleNameAKeyAndWrap() {
  let fake = FakeTransport()
  fake.reply(
    "/api/counters/3/call", status: 409,
    Fixture.error("conflict", "Loket 3 sedang istirahat; lanjutkan dulu sebelum memanggil."))
  var written = ""
  let driver = makeDriver(fake, language: .id) { written += $0 }
  driver.start()
  driver.feedMessage(#"{"type":"snapshot","seq":1,"hall":\#(Fixture.hall),"recent_calls":[]}"#)
  driver.keyboard([0x20])
  fake.answerPending()
  let screen = driver.model.render(width: 80, height: 24)
  #expect(
    screen[20...21].joined(separator: " ")
      == "! Tidak dapat dilakukan sekarang: Loket 3 sedang istirahat; lanjutkan dulu sebelum memanggil."
  )
  #expect(screen.allSatisfy { $0.terminalWidth <= 80 })
}

@Test func driverRedrawsEverythingAfterAResize() {
  var written = ""
  let driver = makeDriver(FakeTransport(), language: .id) { written += $0 }
  driver.start()
  written = ""
  driver.resize(TerminalSize(columns: 60, rows: 20))
  #expect(written.hasPrefix(ANSI.reset + ANSI.clearScreen))
  #expect(!written.contains(ANSI.moveTo(row: 21, column: 1)))
}

@Test func feedURLIsTheServersOwnPortAtWS() throws {
  let settings = OfficerSettings(server: "http://hall.local:8080", counter: 3, token: "a b/c")
  let url = try #require(Console.feedURL(settings: settings))
  #expect(url.host == "hall.local" && url.port == 8080 && url.target == "/ws")
  #expect(Console.feedURL(settings: .init(server: "https://hall", counter: 3, token: "t")) == nil)
  #expect(
    Console.feedURL(settings: .init(server: "http://hall/antre", counter: 3, token: "t")) == nil)
}
