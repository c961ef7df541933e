import HTTP
import Reactor
import Testing

@Suite struct ClientTests {
  @Test func unreachableServerIsReportedWithTheURL() {
    let url = "http://127.0.0.1:1/api/hall"
    #expect(throws: HTTPClientError.unreachable(url: url)) {
      try HTTPClient.send(url: url, timeout: 2)
    }
  }

  @Test func malformedURLIsRejected() {
    #expect(throws: HTTPClientError.invalidURL("ftp://x/")) { try HTTPClient.send(url: "ftp://x/") }
    #expect(throws: HTTPClientError.invalidURL("http://:80/")) {
      try HTTPClient.send(url: "http://:80/")
    }
  }

  @Test func silentServerTimesOut() throws {
    let loop = EventLoop()
    var held: [HTTPExchange] = []
    let server = try makeServer(loop) { held.append($0) }
    let result = fetch(loop, "http://127.0.0.1:\(server.boundPort)/slow", timeout: 1)
    #expect(result.map { if case .failure(.timeout) = $0 { true } else { false } } == true)
  }

  @Test func refusedConnectReportsRefused() {
    let loop = EventLoop()
    var outcome: Result<Connection, Connection.ConnectError>?
    Connection.connect(loop: loop, host: "127.0.0.1", port: 1) { outcome = $0 }
    #expect(loop.run(until: { outcome != nil }, timeout: 5))
    if case .failure(let error) = outcome {
      #expect(error == .refused(host: "127.0.0.1", port: 1))
    } else {
      Issue.record("expected a failure, got \(String(describing: outcome))")
    }
  }
}
