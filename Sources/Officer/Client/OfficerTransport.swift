import HallWire
import InitMacros
/// What an officer command needs from the network: one HTTP request to the configured
/// server, answered or failed. The real one sits on Reactor's `HTTPClient`; tests use
/// canned replies.
public protocol OfficerTransport {
  /// Sends `method path` to the server with `Authorization: Bearer token` and, when a body
  /// is given, `Content-Type: application/json`. Throws `.unreachable`, `.timeout` or
  /// `.invalidServerURL`; any HTTP status is a normal return.
  func send(method: String, path: String, body: [UInt8]?, token: String) throws(OfficerError)
    -> OfficerResponse
}

/// The same request for the console, which must not block its event loop: `completion`
/// runs later, on the loop, with the answer or the failure.
public protocol AsyncOfficerTransport {
  func send(
    method: String, path: String, body: [UInt8]?, token: String,
    completion: @escaping (Result<OfficerResponse, OfficerError>) -> Void)
}

@PublicInit
public struct OfficerResponse: Equatable, Sendable {
  public var status: Int
  public var body: [UInt8]
}
