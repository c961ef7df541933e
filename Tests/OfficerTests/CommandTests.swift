import ArgumentParser
import FoundationEssentials
import Testing

@testable import Officer

private let env = [
  "ANTRE_SERVER": "http://hall.local:8080", "ANTRE_COUNTER": "3", "ANTRE_TOKEN": "tok3",
]

private func run(
  _ command: some OfficerCommand, _ transport: FakeTransport, environment: [String: String] = env
) -> (status: Int32, out: Captured) {
  let captured = Captured()
  let status = command.execute(
    transport: { _ in transport }, environment: environment,
    now: Timestamp.parse("2026-11-28T09:19:14+07:00")!, output: captured.output)
  return (status, captured)
}

@Test func nextPostsCallAndPrintsTheCalledTicketWithWaiting() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("A012", state: "called"))
  fake.reply("/api/hall", status: 200, Fixture.hall)
  let (status, out) = run(try Next.parse([]), fake)
  #expect(status == 0)
  #expect(out.lines == ["Memanggil A012 ke Loket 3 — 4 orang menunggu"])
  #expect(
    fake.sent[0] == .init(method: "POST", path: "/api/counters/3/call", body: nil, token: "tok3"))
}

@Test func nextWithServiceSendsItInTheBody() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 200, Fixture.ticket("B004", state: "called"))
  _ = run(try Next.parse(["--service", "b"]), fake)
  #expect(fake.sent[0].body == #"{"service":"B"}"#)
  _ = run(try Next.parse(["--number", "a012"]), fake)
  #expect(fake.sent.last { $0.path.hasSuffix("call") }?.body == #"{"number":"A012"}"#)
}

@Test func nextWhenNobodyWaitsExitsZeroWithAPlainMessageOrNull() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/call", status: 204, "")
  let (status, out) = run(try Next.parse(["--lang", "en"]), fake)
  #expect(status == 0 && out.lines == ["Nobody is waiting"] && out.errors.isEmpty)
  let (_, json) = run(try Next.parse(["--json"]), fake)
  #expect(json.lines == ["null"])
}

@Test func jsonPrintsTheServersResponseObject() throws {
  let fake = FakeTransport()
  let body = Fixture.ticket("A012", state: "called", calls: 2)
  fake.reply("/api/counters/3/recall", status: 200, body)
  let (status, out) = run(try Recall.parse(["--json"]), fake)
  #expect(status == 0 && out.lines == [body])
}

@Test func serverErrorsGoToStderrInTheOfficersLanguageAndExitOne() throws {
  let fake = FakeTransport()
  fake.reply(
    "/api/counters/3/done", status: 409,
    Fixture.error("no_current_ticket", "counter 3 has no ticket"))
  let (status, out) = run(try Done.parse([]), fake)
  #expect(status == 1 && out.lines.isEmpty)
  #expect(
    out.errors == [
      "Loket 3 tidak sedang memanggil atau melayani nomor apa pun. Panggil nomor berikutnya dengan `antre next`."
    ])
}

@Test func unreachableServerNamesTheURLTried() throws {
  let fake = FakeTransport()
  fake.fail(
    "/api/counters/3/start",
    .unreachable(url: "http://hall.local:8080/api/counters/3/start", reason: "Connection refused"))
  let (status, out) = run(try Start.parse(["--lang", "en"]), fake)
  #expect(status == 1)
  #expect(
    out.errors[0].hasPrefix(
      "Cannot connect to the server http://hall.local:8080/api/counters/3/start: Connection refused."
    ))
}

@Test func eachCommandHitsItsPath() throws {
  let fake = FakeTransport()
  let commands: [(any OfficerCommand, String)] = [
    (try Recall.parse([]), "POST /api/counters/3/recall"),
    (try Start.parse([]), "POST /api/counters/3/start"),
    (try Done.parse([]), "POST /api/counters/3/done"),
    (try NoShow.parse([]), "POST /api/counters/3/noshow"),
    (try Transfer.parse(["B"]), "POST /api/counters/3/transfer"),
    (try Pause.parse(["--reason", "makan siang"]), "POST /api/counters/3/pause"),
    (try Resume.parse([]), "POST /api/counters/3/resume"),
    (try Open.parse([]), "POST /api/counters/3/open"),
    (try Close.parse([]), "POST /api/counters/3/close"),
    (try Status.parse([]), "GET /api/hall"),
  ]
  for (command, expected) in commands {
    _ = run(command, fake)
    #expect(fake.sent.last.map { "\($0.method) \($0.path)" } == expected)
  }
  #expect(fake.sent.first { $0.path.hasSuffix("transfer") }?.body == #"{"service":"B"}"#)
  #expect(fake.sent.first { $0.path.hasSuffix("pause") }?.body == #"{"reason":"makan siang"}"#)
}

@Test func pausePrintsTheReason() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/pause", status: 200, Fixture.counter(3, state: "paused"))
  let (_, out) = run(try Pause.parse(["--reason", "makan siang"]), fake)
  #expect(out.lines == ["Loket 3 istirahat: makan siang"])
}

@Test func transferOfUnknownServiceTellsToLookAtStatus() throws {
  let fake = FakeTransport()
  fake.reply(
    "/api/counters/3/transfer", status: 404, Fixture.error("unknown_service", "no service Z"))
  let (status, out) = run(try Transfer.parse(["Z"]), fake)
  #expect(status == 1)
  #expect(
    out.errors == ["Layanan tidak dikenal: no service Z. Lihat kode layanan dengan `antre status`."]
  )
}

@Test func statusPrintsTheCounterAndTheHall() throws {
  let fake = FakeTransport()
  fake.reply("/api/hall", status: 200, Fixture.hall)
  let (status, out) = run(try Status.parse(["--lang", "en"]), fake)
  #expect(status == 0)
  #expect(out.lines.first == "Loket 3 — open — A012 serving for 4 min 12 s")
  #expect(out.lines.contains("Loket 3 *  open       A012   A B"))
}

@Test func missingSettingsAreAUsageErrorWithExitTwo() throws {
  let fake = FakeTransport()
  let (status, out) = run(try Next.parse([]), fake, environment: ["HOME": "/nonexistent-home"])
  #expect(status == 2 && fake.sent.isEmpty)
  #expect(
    out.errors == [
      "Alamat server belum diatur. Berikan --server URL, setel ANTRE_SERVER, atau jalankan `antre login`."
    ])
}

@Test func invalidArgumentsAreRejectedByTheParser() {
  #expect(throws: (any Error).self) { try Next.parse(["--service", "B", "--number", "A012"]) }
  #expect(throws: (any Error).self) { try Next.parse(["--service", "ABC"]) }
  #expect(throws: (any Error).self) { try Next.parse(["--number", "12"]) }
  #expect(throws: (any Error).self) { try Transfer.parse([]) }
  #expect(throws: (any Error).self) { try Next.parse(["--lang", "fr"]) }
  #expect(throws: (any Error).self) { try Next.parse(["--counter", "tiga"]) }
}

@Test func nextHelpIsStable() {
  #expect(
    Next.helpMessage(columns: 80) == """
      OVERVIEW: Call the next ticket to this counter.

      Finishes the counter's current ticket first. Without options the hall's call
      policy picks among this counter's services.

      USAGE: next [--server <url>] [--counter <n>] [--token <token>] [--lang <lang>] [--json] [--service <id>] [--number <number>]

      OPTIONS:
        --server <url>          The Antre server, e.g. http://192.168.1.10:8080.
              Else ANTRE_SERVER, else the file `antre login` wrote.
        --counter <n>           This counter's number.
              Else ANTRE_COUNTER, else the login file.
        --token <token>         This counter's token.
              Else ANTRE_TOKEN, else the login file.
        --lang <lang>           Language of the messages: id or en. (values: id, en;
                                default: id)
        --json                  Print the server's response object as JSON instead of
                                a sentence.
        --service <id>          Call the next ticket of this service only.
        --number <number>       Call this ticket, e.g. a transferred or no-show one.
        -h, --help              Show help information.

      """)
}

@Test func usageErrorsAreInTheChosenLanguage() {
  func message(_ arguments: [String]) -> String {
    do {
      _ = try Next.parse(arguments)
      return "parsed"
    } catch {
      return Next.message(for: error)
    }
  }
  #expect(
    message(["--service", "ABC"])
      == "--service berisi kode layanan satu atau dua huruf, misalnya B.")
  #expect(
    message(["--service", "ABC", "--lang", "en"])
      == "--service takes a service id of one or two letters, such as B.")
  #expect(
    message(["--service", "A", "--number", "A1"])
      == "Berikan --service atau --number, jangan keduanya.")
  #expect(message(["--number", "12"]) == "--number berisi nomor antrean, misalnya A012.")
}
