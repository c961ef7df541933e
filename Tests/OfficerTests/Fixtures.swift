import HallWire
@testable import Officer

/// Canned answers in PROTOCOL's shapes.
enum Fixture {
  static func ticket(
    _ number: String, state: String, calls: Int = 1, counter: Int? = 3,
    calledAt: String? = "2026-11-28T09:15:02+07:00"
  ) -> String {
    let service = String(number.prefix { $0.isLetter })
    let counterJSON = counter.map(String.init) ?? "null"
    let called = calledAt.map { "\"\($0)\"" } ?? "null"
    return """
      {"id":"t-\(number)","number":"\(number)","service":"\(service)","state":"\(state)",\
      "priority":false,"issued_at":"2026-11-28T09:01:00+07:00","called_at":\(called),\
      "counter":\(counterJSON),"calls":\(calls),"position":null,"eta_s":null}
      """
  }

  static func counter(_ id: Int, state: String, ticket: String? = nil) -> String {
    """
    {"id":\(id),"name":"Loket \(id)","services":["A","B"],"state":"\(state)",\
    "ticket":\(ticket ?? "null")}
    """
  }

  static let hall = """
    {"name":"Mal Pelayanan Publik Banyuwangi","date":"2026-11-28",
     "services":[
      {"id":"A","name":"Kependudukan","open":true,"waiting":3,"issued":37,"quota":200,
       "target_wait_s":900,"eta_s":540},
      {"id":"B","name":"Perizinan","open":true,"waiting":1,"issued":5,"quota":null,
       "target_wait_s":900,"eta_s":60},
      {"id":"C","name":"Pajak Kendaraan","open":false,"waiting":7,"issued":9,"quota":null,
       "target_wait_s":600,"eta_s":null}],
     "counters":[
      {"id":1,"name":"Loket 1","services":["C"],"state":"paused","ticket":null},
      {"id":3,"name":"Loket 3","services":["A","B"],"state":"open",
       "ticket":\(ticket("A012", state: "serving"))}]}
    """

  static func error(_ code: String, _ message: String) -> String {
    #"{"error":{"code":"\#(code)","message":"\#(message)"}}"#
  }
}

/// Answers each path with a canned reply and records what was sent. As the console's
/// transport it holds answers until `answerPending()`, as a real loop would.
final class FakeTransport: OfficerTransport, AsyncOfficerTransport {
  struct Sent: Equatable {
    var method: String
    var path: String
    var body: String?
    var token: String
  }

  var replies: [String: Result<OfficerResponse, OfficerError>] = [:]
  private(set) var sent: [Sent] = []

  func reply(_ path: String, status: Int, _ body: String) {
    replies[path] = .success(OfficerResponse(status: status, body: Array(body.utf8)))
  }

  func fail(_ path: String, _ error: OfficerError) {
    replies[path] = .failure(error)
  }

  func send(method: String, path: String, body: [UInt8]?, token: String) throws(OfficerError)
    -> OfficerResponse
  {
    sent.append(
      Sent(
        method: method, path: path, body: body.map { String(decoding: $0, as: UTF8.self) },
        token: token))
    guard let reply = replies[path] else {
      return OfficerResponse(status: 404, body: Array(Fixture.error("not_found", "no route").utf8))
    }
    return try reply.get()
  }

  private var pending: [() -> Void] = []

  func send(
    method: String, path: String, body: [UInt8]?, token: String,
    completion: @escaping (Result<OfficerResponse, OfficerError>) -> Void
  ) {
    let result = Result { () throws(OfficerError) in
      try send(method: method, path: path, body: body, token: token)
    }
    pending.append { completion(result) }
  }

  /// Delivers the answers held so far, in order.
  func answerPending() {
    let work = pending
    pending = []
    for item in work { item() }
  }
}

/// Collects what a command prints.
final class Captured {
  var lines: [String] = []
  var errors: [String] = []

  var output: CommandOutput {
    CommandOutput(line: { self.lines.append($0) }, error: { self.errors.append($0) })
  }
}
