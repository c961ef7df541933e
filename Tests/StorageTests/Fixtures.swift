import HallWire
import QueueCore

@testable import Storage

enum Fixtures {
  static func ticket(
    _ id: String, day: String = "2026-11-28", service: String = "A", seqNo: Int = 1,
    state: TicketState = .waiting, request: String? = nil
  ) -> TicketRecord {
    TicketRecord(
      id: id, day: day, service: service, number: "\(service)\(seqNo)", seqNo: seqNo,
      priority: false, state: state, issuedAt: 1_700_000_000_000 + Int64(seqNo),
      enqueuedAt: 1_700_000_000_000 + Int64(seqNo), request: request)
  }

  static func event(_ seq: Int64, type: String = "issued", box: String? = nil) -> EventRow {
    EventRow(
      seq: seq, at: 1_700_000_000_000 + seq, type: type, box: box,
      json: #"{"type":"\#(type)","seq":\#(seq)}"#)
  }
}
