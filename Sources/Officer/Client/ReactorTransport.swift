import HallWire
import HTTP
import Reactor

/// The officer tools' transport over Reactor's HTTP client: the commands block on it (a
/// private loop per request); the console sends on its own loop and gets the answer later,
/// so the feed and the keyboard keep going meanwhile.
public struct ReactorTransport: OfficerTransport, AsyncOfficerTransport {
  /// The server's base URL, as `OfficerSettings` normalised it (`http://host:port`).
  public let server: String
  /// The loop `send(…, completion:)` runs on; the blocking `send` does not need one.
  public let loop: EventLoop?
  /// Seconds before a request counts as unanswered.
  public let timeout: Double

  /// Sent as `Accept-Language`, so the server words its refusals in the officer's language.
  public let language: Language

  public init(
    server: String, loop: EventLoop? = nil, timeout: Double = 10, language: Language = .id
  ) {
    self.language = language
    self.server = server
    self.loop = loop
    self.timeout = timeout
  }

  public func send(method: String, path: String, body: [UInt8]?, token: String)
    throws(OfficerError) -> OfficerResponse
  {
    let url = server + path
    let response: HTTPResponse
    do {
      response = try HTTPClient.send(
        method: Self.method(method), url: url,
        headers: Self.headers(token: token, body: body, language: language),
        body: body ?? [], timeout: timeout)
    } catch {
      throw mapped(error)
    }
    return OfficerResponse(status: response.status, body: response.body)
  }

  public func send(
    method: String, path: String, body: [UInt8]?, token: String,
    completion: @escaping (Result<OfficerResponse, OfficerError>) -> Void
  ) {
    guard let loop else {
      preconditionFailure("ReactorTransport.send(…, completion:) needs a loop")
    }
    HTTPClient.send(
      on: loop, method: Self.method(method), url: server + path,
      headers: Self.headers(token: token, body: body, language: language), body: body ?? [],
      timeout: timeout
    ) { result in
      completion(
        result.map { OfficerResponse(status: $0.status, body: $0.body) }.mapError(mapped))
    }
  }

  func mapped(_ error: HTTPClientError) -> OfficerError {
    switch error {
    // Only plain http:// is spoken; an https:// server lands here too.
    case .invalidURL: return .invalidServerURL(server)
    // evhttp does not say why a connection failed, so there is no reason to show.
    case .unreachable(let url): return .unreachable(url: url, reason: "")
    case .timeout(let url): return .timeout(url: url)
    }
  }

  static func method(_ name: String) -> HTTPMethod {
    HTTPMethod(rawValue: name) ?? .GET
  }

  static func headers(token: String, body: [UInt8]?, language: Language) -> HTTPHeaders {
    var headers = HTTPHeaders()
    headers.add("Authorization", "Bearer " + token)
    headers.add("Accept", "application/json")
    headers.add("Accept-Language", language.rawValue)
    if body != nil { headers.add("Content-Type", "application/json") }
    return headers
  }
}
