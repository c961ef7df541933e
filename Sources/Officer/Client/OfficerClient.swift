import HallWire
import FoundationEssentials
import InitMacros

/// Runs officer requests for one counter over a transport and decodes the answers.
@PublicInit
public struct OfficerClient {
  public let transport: any OfficerTransport
  public let counter: Int
  public let token: String

  /// The decoded outcome and the response object as the server sent it (`null` for 204).
  public struct Reply: Equatable, Sendable {
    public var outcome: CommandOutcome
    public var json: [UInt8]
  }

  public func perform(_ request: OfficerRequest) throws(OfficerError) -> Reply {
    let response = try transport.send(
      method: request.method, path: request.path(counter: counter), body: request.body,
      token: token)
    return try Self.reply(to: request, response)
  }

  /// Sends `request` without waiting; `completion` gets the decoded reply or the error.
  public static func perform(
    _ request: OfficerRequest, counter: Int, token: String,
    over transport: any AsyncOfficerTransport,
    completion: @escaping (Result<Reply, OfficerError>) -> Void
  ) {
    transport.send(
      method: request.method, path: request.path(counter: counter), body: request.body,
      token: token
    ) { result in
      completion(
        result.flatMap { response in
          Result { () throws(OfficerError) in try reply(to: request, response) }
        })
    }
  }

  /// What the server's answer to `request` means.
  public static func reply(to request: OfficerRequest, _ response: OfficerResponse)
    throws(OfficerError) -> Reply
  {
    if response.status == 204, case .call = request {
      return Reply(outcome: .nobodyWaiting, json: Array("null".utf8))
    }
    guard (200..<300).contains(response.status) else {
      throw error(from: response)
    }
    let outcome: CommandOutcome
    switch request {
    case .call: outcome = .called(try decode(Ticket.self, response))
    case .recall: outcome = .recalled(try decode(Ticket.self, response))
    case .start: outcome = .started(try decode(Ticket.self, response))
    case .done: outcome = .done(try decode(Ticket.self, response))
    case .noShow: outcome = .noShow(try decode(Ticket.self, response))
    case .transfer: outcome = .transferred(try decode(Ticket.self, response))
    case .pause(let reason):
      outcome = .paused(try decode(Counter.self, response), reason: reason)
    case .resume: outcome = .resumed(try decode(Counter.self, response))
    case .open: outcome = .opened(try decode(Counter.self, response))
    case .close, .forceClose: outcome = .closed(try decode(Counter.self, response))
    case .status: outcome = .status(try decode(HallView.self, response))
    case .signIn: outcome = .signedIn(try decode(Counter.self, response))
    case .signOut: outcome = .signedOut(try decode(Counter.self, response))
    }
    return Reply(outcome: outcome, json: response.body)
  }

  /// `GET /api/hall`, for the waiting counts and names shown after a command.
  public func hall() throws(OfficerError) -> HallView {
    guard case .status(let hall) = try perform(.status).outcome else {
      throw .unexpectedResponse(status: 200, detail: "hall")
    }
    return hall
  }

  private static func decode<T: Decodable>(_ type: T.Type, _ response: OfficerResponse)
    throws(OfficerError) -> T
  {
    do {
      return try JSONDecoder().decode(type, from: Data(response.body))
    } catch {
      throw .unexpectedResponse(status: response.status, detail: "\(T.self): \(error)")
    }
  }

  static func error(from response: OfficerResponse) -> OfficerError {
    if let body = try? JSONDecoder().decode(ErrorReply.self, from: Data(response.body)) {
      return OfficerError(
        status: response.status, code: body.error.code, message: body.error.message,
        services: body.error.services)
    }
    let text = String(decoding: response.body.prefix(200), as: UTF8.self)
    return .unexpectedResponse(status: response.status, detail: text)
  }
}
