import HallWire
import Foundation
import Testing

@testable import QueueCore

/// What the server writes, the clients read back: every wire object survives a round trip
/// through `JSONWriter` and its `Decodable` conformance.
@Suite struct JSONWriterTests {
  let zone = HallZone(parsing: "Asia/Jakarta")!

  func sameObject<T: JSONWritable & Decodable & Equatable>(
    _ value: T, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let decoded = try? JSONDecoder().decode(T.self, from: Data(value.jsonBytes))
    #expect(
      decoded == value, "\(String(decoding: value.jsonBytes, as: UTF8.self))",
      sourceLocation: sourceLocation)
  }

  func ticket(
    id: String = "t-1", service: String = "A", state: TicketState = .waiting,
    calledAt: Millis? = nil, counter: Int? = nil, position: Int? = 1, eta: Int? = 75
  ) -> Ticket {
    let record = TicketRecord(
      id: id, day: "2026-11-30", service: service, number: service + "012", seqNo: 12,
      priority: true, state: state, issuedAt: monday9, enqueuedAt: monday9, calledAt: calledAt,
      counter: counter, calls: calledAt == nil ? 0 : 2)
    return Ticket(record: record, zone: zone, position: position, etaS: eta)
  }

  var waiting: WaitingCounts { WaitingCounts(counts: [("A", 3), ("B", 0), ("Ç\"", 12)]) }

  @Test func ticketsEncodeToTheSameObject() {
    sameObject(ticket())
    sameObject(
      ticket(state: .called, calledAt: monday9 + 5000, counter: 3, position: nil, eta: nil))
    sameObject(ticket(id: "quote\"back\\slash\u{1}\n\t/é😀", service: "Ünï"))
  }

  @Test func countersEncodeToTheSameObject() {
    sameObject(
      Counter(
        id: 4, name: "Loket \"4\" — Ñ", services: ["A", "B"], state: .paused, reason: "istirahat\n",
        ticket: nil))
    sameObject(
      Counter(
        id: 1, name: "Loket 1", services: [], state: .open, reason: nil,
        ticket: ticket(state: .serving, calledAt: monday9, counter: 1)))
  }

  @Test func everyEventEncodesToTheSameObject() throws {
    let t = ticket()
    let bodies: [Event.Body] = [
      .issued(ticket: t, waiting: waiting),
      .called(
        ticket: t, counter: CounterRef(id: 2, name: "Loket \\2"), recall: true, waiting: waiting),
      .finished(ticket: t, waiting: WaitingCounts(counts: [])),
      .transferred(ticket: t, from: "B", waiting: waiting),
      .counter(
        Counter(id: 2, name: "Loket 2", services: ["A"], state: .closed, reason: nil, ticket: nil)),
      .print(job: "J17", box: "kiosk-\"1\"", ticket: t),
    ]
    for (i, body) in bodies.enumerated() {
      let event = Event(
        seq: Int64(i) + 9_000_000_000, at: monday9, atText: zone.rfc3339(monday9), body: body)
      #expect(try FeedMessage(parsing: event.jsonString) == .event(event), "\(event.jsonString)")
    }
  }

  @Test func stringsAreEscapedAsJSONEncoderDoes() {
    var w = JSONWriter()
    w.string("a\"b\\c\n\r\t\u{8}\u{c}\u{1}\u{1f}é/😀\u{7f}")
    #expect(
      String(decoding: w.bytes, as: UTF8.self) == #""a\"b\\c\n\r\t\b\f\u0001\u001fé/😀\#u{7f}""#)
  }

  @Test func integersCoverTheirWholeRange() {
    for n: Int64 in [0, 7, -7, 10, 1_000_000, .max, .min] {
      var w = JSONWriter()
      w.int(n)
      #expect(String(decoding: w.bytes, as: UTF8.self) == String(n))
    }
  }
}
