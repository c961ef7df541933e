import FoundationEssentials
import Terminal
import Testing

@testable import Officer

@Test func driverSendsTheCallAndDrawsTheAnswer() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("A013", state: "called"))
  var written = ""
  let driver = ConsoleDriver(
    model: ConsoleModel(counter: 3, language: .en, now: Date(timeIntervalSince1970: 0)),
    client: OfficerClient(transport: fake, counter: 3, token: "tok3"),
    size: TerminalSize(columns: 80, rows: 24), write: { written += $0 })
  driver.start()
  #expect(written.contains(ANSI.clearScreen) && written.contains("connecting…"))
  driver.feedConnected()
  driver.feedMessage(
    #"{"type":"snapshot","seq":1,"hall":\#(Fixture.hall),"recent_calls":[]}"#)
  written = ""
  driver.keyboard([0x6E])
  #expect(fake.sent.map(\.path) == ["/api/counters/3/call"])
  #expect(written.contains("Calling A013 to Loket 3"))
  #expect(driver.model.currentTicket?.number == "A013")
  driver.keyboard([0x71])
  #expect(driver.isFinished)
}

@Test func driverRedrawsEverythingAfterAResize() {
  var written = ""
  let driver = ConsoleDriver(
    model: ConsoleModel(counter: 3, language: .id, now: Date(timeIntervalSince1970: 0)),
    client: OfficerClient(transport: FakeTransport(), counter: 3, token: "t"),
    size: TerminalSize(columns: 80, rows: 24), write: { written += $0 })
  driver.start()
  written = ""
  driver.resize(TerminalSize(columns: 60, rows: 20))
  #expect(written.hasPrefix(ANSI.reset + ANSI.clearScreen))
  #expect(!written.contains(ANSI.moveTo(row: 21, column: 1)))
}

@Test func feedURLUsesTheWebSocketSchemeTokenAndSince() {
  let settings = OfficerSettings(server: "http://hall.local:8080", counter: 3, token: "a b/c")
  #expect(
    Console.feedURL(settings: settings, since: nil) == "ws://hall.local:8080/ws?token=a%20b%2Fc")
  let secure = OfficerSettings(server: "https://hall", counter: 3, token: "t")
  #expect(Console.feedURL(settings: secure, since: 41) == "wss://hall/ws?token=t&since=41")
}
