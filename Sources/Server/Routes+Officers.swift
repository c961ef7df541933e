import HTTP
import HallWire
import QueueCore
import Reports
import Storage

struct OfficerBody: Decodable {
  var id: String
  var name: String
}

struct SignInBody: Decodable {
  var officer: String
  var pin: String
}

struct SurveyBody: Decodable {
  struct RespondentBody: Decodable {
    var gender: String?
    var age: String?
    var education: String?
    var occupation: String?
  }
  var u1: Int
  var u2: Int
  var u3: Int
  var u4: Int
  var u5: Int
  var u6: Int
  var u7: Int
  var u8: Int
  var u9: Int
  var comment: String?
  var respondent: RespondentBody?

  var answer: SurveyAnswer {
    SurveyAnswer(
      scores: [u1, u2, u3, u4, u5, u6, u7, u8, u9], comment: comment,
      respondent: respondent.map {
        Respondent(
          gender: $0.gender, age: $0.age, education: $0.education, occupation: $0.occupation)
      })
  }
}

extension HallApp {
  /// `GET|POST /api/officers`, `DELETE /api/officers/{id}`, `POST /api/officers/{id}/pin`.
  func officers(
    _ request: HTTPRequest, id: String?, pin: Bool, now: Millis,
    respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard try role(of: request) == .admin else {
      throw .forbidden("officers are managed with the admin token")
    }
    let indonesian = prefersIndonesian(request.headers)
    switch (request.method, id, pin) {
    case (.GET, nil, false):
      var json = JSONWriter()
      json.array(hall.officerList)
      respond(.jsonBytes(json.bytes))
    case (.POST, nil, false):
      let body: OfficerBody = try decodeBody(request.body)
      let newPIN = Self.randomPIN()
      perform(
        .addOfficer(id: body.id, name: body.name, pin: newPIN, salt: Self.randomSalt()), now: now,
        indonesian: indonesian
      ) { result in
        switch result {
        case .success(.officer(let o)):
          respond(.jsonBytes(status: 201, OfficerPIN(officer: o, pin: newPIN).jsonBytes))
        case .success: respond(HTTPError.internalError().response)
        case .failure(let e): respond(e.response)
        }
      }
    case (.POST, let id?, true):
      let newPIN = Self.randomPIN()
      perform(
        .resetPIN(officer: id, pin: newPIN, salt: Self.randomSalt()), now: now,
        indonesian: indonesian
      ) { result in
        switch result {
        case .success(.officer(let o)):
          respond(.jsonBytes(OfficerPIN(officer: o, pin: newPIN).jsonBytes))
        case .success: respond(HTTPError.internalError().response)
        case .failure(let e): respond(e.response)
        }
      }
    case (.DELETE, let id?, false):
      perform(.removeOfficer(id: id), now: now, for: request, replyTo: respond)
    default:
      throw .methodNotAllowed()
    }
  }

  /// `POST /api/tickets/{id}/survey`: the counter that served it or the admin; the visitor's
  /// ticket key once tickets carry one.
  func survey(
    _ request: HTTPRequest, id: String, now: Millis, respond: @escaping (HTTPResponse) -> Void
  ) throws(HTTPError) {
    guard let record = hall.record(id: id) else {
      throw .notFound("no ticket of today with that id; the survey is open on the day of service")
    }
    // The visitor answers with the ticket's key (the tracking link); staff with the token of
    // the counter that served it, or the admin's.
    let presented = request.query["key"] ?? request.headers["X-Ticket-Key"]
    if let presented {
      guard let expected = hall.ticketKey(id: id), constantTimeEquals(presented, expected) else {
        throw .forbidden("this is not the key of this ticket")
      }
    } else {
      switch try role(of: request) {
      case .admin: break
      case .counter(let n) where n == record.counter: break
      default: throw .forbidden("only the counter that served this ticket may send its survey")
      }
    }
    if request.body.count > 4096 { throw .payloadTooLarge() }
    let body: SurveyBody = try decodeBody(request.body)
    perform(.answerSurvey(ticketID: id, body.answer), now: now, for: request, replyTo: respond)
  }

  static func randomPIN() -> String {
    var rng = SystemRandomNumberGenerator()
    let n = Int.random(in: 0..<1_000_000, using: &rng)
    let digits = String(n)
    return String(repeating: "0", count: 6 - digits.count) + digits
  }

  static func randomSalt() -> [UInt8] {
    var rng = SystemRandomNumberGenerator()
    return (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
  }
}
