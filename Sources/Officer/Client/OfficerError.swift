import HallWire
/// Everything that can stop an officer command. Server replies map one-to-one from
/// PROTOCOL's status and error code (`init(status:code:message:)`), and back (`wire`).
public enum OfficerError: Error, Equatable, Sendable {
  /// No TCP connection to the server (refused, no route, name not found).
  case unreachable(url: String, reason: String)
  /// Connected, but no answer in time.
  case timeout(url: String)
  case invalidServerURL(String)

  /// 400 `bad_request`.
  case badRequest(message: String)
  /// 401 `unauthorized`: the token is not known.
  case unauthorized(message: String)
  /// 403 `forbidden`: a valid token of another counter or role.
  case forbidden(message: String)
  /// 404 `unknown_service`.
  case unknownService(message: String)
  /// 404 `unknown_counter`.
  case unknownCounter(message: String)
  /// 404 `not_found` (a ticket number that does not exist today, say).
  case notFound(message: String)
  /// 409 `no_current_ticket`.
  case noCurrentTicket(message: String)
  /// 409 `conflict`: the counter is paused or closed, or the ticket is in the wrong state.
  case conflict(message: String)
  /// 429 `rate_limited`.
  case rateLimited(message: String)
  /// 409 `would_strand`: closing would leave these services' waiting visitors without a
  /// counter.
  case wouldStrand(services: [String], message: String)
  /// 401 `bad_pin`: an unknown officer or a wrong PIN at sign-in.
  case badPIN
  /// Any other error reply.
  case server(status: Int, code: String, message: String)
  /// A reply that is not what PROTOCOL promises.
  case unexpectedResponse(status: Int, detail: String)

  /// Server, counter or token given nowhere (flags, environment, config file).
  case missingSetting(OfficerSetting)
  case invalidSetting(name: String, value: String)
  case configFile(path: String, reason: String)

  public init(status: Int, code: String, message: String, services: [String]? = nil) {
    switch (status, code) {
    case (409, "would_strand"): self = .wouldStrand(services: services ?? [], message: message)
    case (400, _): self = .badRequest(message: message)
    case (401, "bad_pin"): self = .badPIN
    case (401, _): self = .unauthorized(message: message)
    case (403, _): self = .forbidden(message: message)
    case (404, "unknown_service"): self = .unknownService(message: message)
    case (404, "unknown_counter"): self = .unknownCounter(message: message)
    case (404, "not_found"): self = .notFound(message: message)
    case (409, "no_current_ticket"): self = .noCurrentTicket(message: message)
    case (409, "conflict"): self = .conflict(message: message)
    case (429, _): self = .rateLimited(message: message)
    default: self = .server(status: status, code: code, message: message)
    }
  }

  /// The HTTP status and error code this error stands for, when it came from the server.
  public var wire: (status: Int, code: String)? {
    switch self {
    case .badRequest: return (400, "bad_request")
    case .unauthorized: return (401, "unauthorized")
    case .forbidden: return (403, "forbidden")
    case .unknownService: return (404, "unknown_service")
    case .unknownCounter: return (404, "unknown_counter")
    case .notFound: return (404, "not_found")
    case .noCurrentTicket: return (409, "no_current_ticket")
    case .conflict: return (409, "conflict")
    case .rateLimited: return (429, "rate_limited")
    case .wouldStrand: return (409, "would_strand")
    case .badPIN: return (401, "bad_pin")
    case .server(let status, let code, _): return (status, code)
    default: return nil
    }
  }

  /// 2 for a command line that cannot work as given, 1 for everything else.
  public var exitCode: Int32 {
    switch self {
    case .missingSetting, .invalidSetting, .invalidServerURL: return 2
    default: return 1
    }
  }
}

public enum OfficerSetting: String, Sendable {
  case server, counter, token
}
