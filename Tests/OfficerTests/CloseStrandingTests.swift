import ArgumentParser
import FoundationEssentials
import Testing

@testable import Officer

private let env = [
  "ANTRE_SERVER": "http://hall.local:8080", "ANTRE_COUNTER": "3", "ANTRE_TOKEN": "tok3",
]

private func run(_ command: some OfficerCommand, _ transport: FakeTransport) -> (
  status: Int32, out: Captured
) {
  let captured = Captured()
  let status = command.execute(
    transport: { _ in transport }, environment: env,
    now: Timestamp.parse("2026-11-28T09:19:14+07:00")!, output: captured.output)
  return (status, captured)
}

private let strandBody =
  #"{"error":{"code":"would_strand","message":"Counter 3 is the last one serving B","services":["B"]}}"#

@Test func closeThatWouldStrandVisitorsExplainsAndOffersForce() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/close", status: 409, strandBody)
  let (status, out) = run(try Close.parse([]), fake)
  #expect(status == 1)
  #expect(out.lines.isEmpty)
  #expect(
    out.errors == [
      "Loket 3 tidak ditutup: masih ada pengunjung yang menunggu layanan B, dan tidak ada loket lain yang buka untuk melayaninya. Jika ditutup, mereka tetap menunggu tanpa perkiraan waktu sampai ada loket yang buka. Untuk tetap menutup, jalankan `antre close --force`."
    ])
  #expect(fake.sent[0].body == nil)
  let (_, english) = run(try Close.parse(["--lang", "en"]), fake)
  #expect(english.errors.first?.contains("`antre close --force`") == true)
  #expect(english.errors.first?.hasPrefix("Loket 3 was not closed") == true)
}

@Test func closeWithForceSendsForceTrue() throws {
  let fake = FakeTransport()
  fake.reply("/api/counters/3/close", status: 200, Fixture.counter(3, state: "closed"))
  let (status, _) = run(try Close.parse(["--force"]), fake)
  #expect(status == 0)
  #expect(
    fake.sent[0]
      == .init(
        method: "POST", path: "/api/counters/3/close", body: #"{"force":true}"#, token: "tok3"))
}

@Test func wouldStrandMapsBothWays() {
  let e = OfficerError(status: 409, code: "would_strand", message: "m", services: ["A", "B"])
  #expect(e == .wouldStrand(services: ["A", "B"], message: "m"))
  #expect(e.wire! == (409, "would_strand"))
}
