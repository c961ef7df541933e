import HallWire
import QueueCore
import Storage

/// Synthetic but realistically sized rows: ids as long as the server's unguessable ids,
/// events as long as a real `issued` wire message.
enum Synthetic {
  static let services = ["A", "B", "C", "D", "E", "F"]

  /// A 22-character id that looks random, so index inserts land all over the b-tree as
  /// real unguessable ids do.
  static func ticketID(_ serial: Int) -> String {
    var state = UInt64(truncatingIfNeeded: serial) &+ 0x9E37_79B9_7F4A_7C15
    var id = ""
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    for _ in 0..<22 {
      state = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
      state = (state ^ (state >> 27)) &* 0x94D0_49BB_1331_11EB
      state ^= state >> 31
      id.append(alphabet[Int(state & 63)])
    }
    return id
  }

  static func ticket(
    serial: Int, day: String, service: String, seqNo: Int, at: Int64,
    state: TicketState = .waiting
  ) -> TicketRecord {
    TicketRecord(
      id: ticketID(serial), day: day, service: service,
      number: TicketRecord.number(service: service, seqNo: seqNo), seqNo: seqNo,
      priority: serial % 17 == 0,
      state: state, issuedAt: at, enqueuedAt: at, request: "req-\(serial)")
  }

  static func event(seq: Int64, type: String, ticket: TicketRecord, at: Int64) -> EventRow {
    let json =
      #"{"type":"\#(type)","seq":\#(seq),"ticket":{"id":"\#(ticket.id)","number":"\#(ticket.number)","#
      + #""service":"\#(ticket.service)","state":"\#(ticket.state.rawValue)","priority":\#(ticket.priority),"#
      + #""issued_at":"2026-11-28T09:15:02+07:00","called_at":null,"counter":null,"calls":0,"#
      + #""position":3,"eta_s":420},"waiting":{"A":5,"B":0,"C":2,"D":7,"E":1,"F":0}}"#
    return EventRow(seq: seq, at: at, type: type, json: json)
  }
}

/// Days as `YYYY-MM-DD` from days since 1970-01-01 (proleptic Gregorian, UTC).
func civilDay(_ daysSinceEpoch: Int) -> String {
  let z = daysSinceEpoch + 719_468
  let era = (z >= 0 ? z : z - 146_096) / 146_097
  let dayOfEra = z - era * 146_097
  let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
  let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
  let monthIndex = (5 * dayOfYear + 2) / 153
  let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
  let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
  let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
  func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
  return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
}
