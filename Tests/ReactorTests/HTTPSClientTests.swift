import HTTP
import Reactor
import Testing

@Suite struct HTTPSClientTests {
  @Test func anHTTPSURLWithoutATLSContextIsRefusedBeforeConnecting() {
    let loop = EventLoop()
    var result: Result<HTTPResponse, HTTPClientError>?
    HTTPClient.send(on: loop, url: "https://127.0.0.1:9/hook") { result = $0 }
    loop.run(until: { result != nil }, timeout: 2)
    guard case .failure(let error)? = result else {
      Issue.record("expected a refusal, got \(String(describing: result))")
      return
    }
    #expect(error == .invalidURL("https://127.0.0.1:9/hook"))
  }

  /// A plain-HTTP server is no TLS peer: the handshake fails, and it is a failed attempt.
  @Test func aServerThatSpeaksNoTLSIsUnreachable() throws {
    let loop = EventLoop()
    let server = try makeServer(loop) { $0.respond(HTTPResponse(status: 204)) }
    let tls = try #require(TLSContext())
    var result: Result<HTTPResponse, HTTPClientError>?
    HTTPClient.send(
      on: loop, method: .POST, url: "https://localhost:\(server.boundPort)/hook", body: [1],
      timeout: 2, resolver: DNSResolver(loop: loop), tls: tls
    ) { result = $0 }
    loop.run(until: { result != nil }, timeout: 5)
    guard case .failure(let error)? = result else {
      Issue.record("expected a failure, got \(String(describing: result))")
      return
    }
    let url = "https://localhost:\(server.boundPort)/hook"
    #expect(error == .unreachable(url: url) || error == .timeout(url: url))
  }
}
