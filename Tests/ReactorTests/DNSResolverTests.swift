import HTTP
import Reactor
import Testing

@Suite struct DNSResolverTests {
  /// `localhost` comes from /etc/hosts through evdns, so the loop never waits on a lookup.
  @Test func theClientReachesAHostByNameThroughTheAsynchronousResolver() throws {
    let loop = EventLoop()
    let server = try makeServer(loop) { $0.respond(HTTPResponse(status: 204)) }
    let resolver = try #require(DNSResolver(loop: loop))
    var result: Result<HTTPResponse, HTTPClientError>?
    HTTPClient.send(
      on: loop, method: .POST, url: "http://localhost:\(server.boundPort)/hook", body: [1],
      resolver: resolver
    ) { result = $0 }
    loop.run(until: { result != nil }, timeout: 5)
    #expect(try result?.get().status == 204)
  }

  @Test func aNameThatDoesNotResolveFailsAsUnreachable() throws {
    let loop = EventLoop()
    let resolver = try #require(DNSResolver(loop: loop))
    var result: Result<HTTPResponse, HTTPClientError>?
    HTTPClient.send(
      on: loop, url: "http://no-such-host.invalid/", timeout: 2, resolver: resolver
    ) { result = $0 }
    loop.run(until: { result != nil }, timeout: 10)
    guard case .failure(let error)? = result else {
      Issue.record("expected a failure, got \(String(describing: result))")
      return
    }
    #expect(
      error == .unreachable(url: "http://no-such-host.invalid/")
        || error == .timeout(url: "http://no-such-host.invalid/"))
  }
}
