import HallWire
@testable import TicketBox

let snapshotJSON = """
  {"type":"snapshot","seq":7,"hall":{"name":"Mal Pelayanan Publik Banyuwangi","date":"2026-11-28",
  "services":[{"id":"A","name":"Kependudukan","name_en":"Civil registry","open":true,"waiting":2,
  "issued":5,"quota":null,"target_wait_s":900,"eta_s":540},
  {"id":"B","name":"Perizinan","name_en":"Licensing","open":true,"waiting":0,"issued":0,
  "quota":3,"target_wait_s":900,"eta_s":0}],
  "counters":[{"id":1,"name":"Loket 1","services":["A","B"],"state":"open","ticket":null},
  {"id":2,"name":"Loket 2","services":["B"],"state":"open","ticket":null},
  {"id":3,"name":"Loket 3","services":["A"],"state":"closed","ticket":null}],
  "boxes":[{"id":"K1","connected":true,"printer":"ok"}],"utc_offset":"+07:00","ticker":null,
  "footer":"Terima kasih","voice":["id"],"public_url":"https://antre.example.id/"},
  "recent_calls":[]}
  """

func ticketJSON(id: String = "t0ken", number: String = "A012", position: Int? = 3) -> String {
  """
  {"id":"\(id)","number":"\(number)","service":"A","state":"waiting","priority":false,
  "issued_at":"2026-11-28T09:15:02+07:00","called_at":null,"counter":null,"calls":0,
  "position":\(position.map(String.init) ?? "null"),"eta_s":540}
  """
}

func ticketReply(request: String, number: String = "A012") -> String {
  #"{"type":"ticket","request":"\#(request)","ticket":\#(ticketJSON(number: number))}"#
}

func printJob(_ job: String, number: String = "A013") -> String {
  #"{"type":"print","seq":12,"job":"\#(job)","ticket":\#(ticketJSON(number: number)),"box":"K1"}"#
}

/// A core with request ids r1, r2, … and the snapshot already received.
func connectedCore() -> TicketBoxCore {
  var n = 0
  var core = TicketBoxCore(serverURL: "http://10.0.0.2:8080") {
    n += 1
    return "r\(n)"
  }
  _ = core.handle(.connected)
  _ = core.handle(.received(snapshotJSON))
  return core
}

extension Array where Element == TicketBoxCore.Action {
  var sent: [KioskRequest] {
    compactMap { if case .send(let m) = $0 { m } else { nil } }
  }
  var printed: [PrintTask] {
    compactMap { if case .print(let t) = $0 { t } else { nil } }
  }
  var warnings: [String] {
    compactMap { if case .warn(let w) = $0 { w } else { nil } }
  }
}

/// The hall of a snapshot message, as the box keeps it.
func hall(of text: String) throws -> HallView {
  guard case .snapshot(let snapshot) = try FeedMessage(parsing: text) else {
    throw TicketBoxError.malformedMessage(text)
  }
  return snapshot.hall
}

/// The job and ticket of a print message.
func printJob(of text: String) throws -> (job: String, ticket: Ticket) {
  guard case .event(let event) = try FeedMessage(parsing: text),
    case .print(let job, _, let ticket) = event.body
  else { throw TicketBoxError.malformedMessage(text) }
  return (job, ticket)
}
