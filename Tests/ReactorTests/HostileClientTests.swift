import HTTP
import Reactor
import Testing

/// Clients that break HTTP on purpose: each is answered and closed, and nothing reaches the
/// handler.
@Suite struct HostileClientTests {
  /// Sends `head` on a fresh connection and waits for the server to close it.
  private func answer(to head: String, limits: HTTPLimits = HTTPLimits()) throws -> (
    text: String, handled: Int
  ) {
    let loop = EventLoop()
    var handled = 0
    let server = try makeServer(loop, limits: limits) {
      handled += 1
      $0.respond(.noContent)
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    client.send(head)
    #expect(loop.run(until: { client.closeReason != nil }, timeout: 5))
    return (client.text, handled)
  }

  @Test func twoDifferentContentLengthsGet400() throws {
    let reply = try answer(
      to:
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}"
    )
    #expect(reply.text.hasPrefix("HTTP/1.1 400"))
    #expect(reply.text.contains(#""code":"bad_request""#))
    #expect(reply.handled == 0)
  }

  @Test func signedOrNonDecimalContentLengthGets400() throws {
    for length in ["+2", "-0", "0x2", "2 2", "two", ""] {
      let reply = try answer(
        to: "POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: \(length)\r\n\r\n{}")
      #expect(reply.text.hasPrefix("HTTP/1.1 400"), "Content-Length: \(length)")
      #expect(reply.handled == 0)
    }
  }

  @Test func contentLengthOverTheHardCapGets413BeforeAnyBody() throws {
    for length in ["100000000000000000000000", "2000000"] {
      let reply = try answer(
        to: "POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: \(length)\r\n\r\n")
      #expect(reply.text.hasPrefix("HTTP/1.1 413"), "Content-Length: \(length)")
      #expect(reply.text.contains(#""code":"payload_too_large""#))
      #expect(reply.handled == 0)
    }
  }

  @Test func unknownHTTPVersionsGet400() throws {
    for version in ["HTTP/1.2", "HTTP/-1.1", "HTTP/1.1.1", "HTTP/0.9", "http/1.1"] {
      let reply = try answer(to: "GET /healthz \(version)\r\nHost: x\r\n\r\n")
      #expect(reply.text.hasPrefix("HTTP/1.1 400"), "\(version)")
      #expect(reply.handled == 0)
    }
  }

  @Test func targetWithoutALeadingSlashGets400() throws {
    for target in ["healthz", "*", "http://x/healthz"] {
      let reply = try answer(to: "GET \(target) HTTP/1.1\r\nHost: x\r\n\r\n")
      #expect(reply.text.hasPrefix("HTTP/1.1 400"), "\(target)")
      #expect(reply.handled == 0)
    }
  }

  @Test func transferEncodingGets411() throws {
    let reply = try answer(
      to:
        "POST /api/tickets HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"
    )
    #expect(reply.text.hasPrefix("HTTP/1.1 411"))
    #expect(reply.handled == 0)
  }

  @Test func wellFormedKeepAliveRequestsStillPassInOneWrite() throws {
    let loop = EventLoop()
    var paths: [String] = []
    let server = try makeServer(loop) {
      paths.append($0.request.path)
      $0.respond(.noContent)
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    client.send(
      "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
        + "GET /b HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
    #expect(loop.run(until: { paths.count == 2 }, timeout: 5))
    #expect(paths == ["/a", "/b"])
    #expect(client.closeReason == nil)
  }

  @Test func requestTricklingInPastTheDeadlineGets408WhileOthersAreServed() throws {
    let loop = EventLoop()
    let server = try makeServer(loop, limits: HTTPLimits(requestDeadline: 0.6)) {
      $0.respond(.noContent)
    }
    let slow = RawClient(loop: loop, port: server.boundPort)
    let head = Array(
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Pad: aaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".utf8)
    var sent = 0
    let started = EventLoop.monotonicNow
    // One byte every 50 ms: each resets an idle timer, none resets the deadline.
    let drip = Timer(loop: loop, repeating: true) {
      guard sent < head.count else { return }
      slow.connection.write([head[sent]])
      sent += 1
    }
    drip.schedule(after: 0.05)
    #expect(loop.run(until: { sent >= 3 }, timeout: 5))
    let response = try fetch(loop, "http://127.0.0.1:\(server.boundPort)/healthz")?.get()
    #expect(response?.status == 204)
    #expect(loop.run(until: { slow.closeReason != nil }, timeout: 5))
    let elapsed = EventLoop.monotonicNow - started
    #expect(slow.text.hasPrefix("HTTP/1.1 408"))
    #expect(slow.text.contains(#""code":"request_timeout""#))
    #expect(elapsed >= 0.6 && elapsed < 1.5)
    drip.cancel()
  }

  @Test func anAddressOverItsConnectionCapGets503AndEarlierOnesStay() throws {
    let loop = EventLoop()
    var upgraded: [Connection] = []
    let limits = HTTPLimits(maxConnectionsPerAddress: 2, exemptsLoopback: false)
    let server = try makeServer(loop, limits: limits) { exchange in
      if let connection = exchange.takeOverConnection() { upgraded.append(connection) }
    }
    let first = RawClient(loop: loop, port: server.boundPort)
    let second = RawClient(loop: loop, port: server.boundPort)
    first.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    second.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(loop.run(until: { upgraded.count == 2 }, timeout: 5))
    let third = RawClient(loop: loop, port: server.boundPort)
    #expect(loop.run(until: { third.closeReason != nil }, timeout: 5))
    #expect(third.text.hasPrefix("HTTP/1.1 503"))
    #expect(third.text.contains(#""code":"too_many_connections""#))
    upgraded[0].write(Array("still served".utf8))
    #expect(loop.run(until: { first.text == "still served" }, timeout: 5))
    second.connection.close(afterFlush: false)
    #expect(loop.run(until: { server.connectionCount == 1 }, timeout: 5))
    let fourth = RawClient(loop: loop, port: server.boundPort)
    fourth.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(loop.run(until: { upgraded.count == 3 }, timeout: 5))
  }

  @Test func loopbackAndTrustedAddressesAreNotCapped() {
    let limits = HTTPLimits(maxConnectionsPerAddress: 1, unlimitedAddresses: ["10.0.0.2"])
    #expect(!limits.capsConnections(from: "127.0.0.1"))
    #expect(!limits.capsConnections(from: "::1"))
    #expect(!limits.capsConnections(from: "10.0.0.2"))
    #expect(limits.capsConnections(from: "10.0.0.3"))
  }

  @Test func writingPastTheOutputBoundClosesTheConnection() throws {
    let loop = EventLoop()
    var serverSide: Connection?
    var closed: Connection.CloseReason?
    let server = try makeServer(loop) { exchange in
      serverSide = exchange.takeOverConnection()
      serverSide?.maxPendingOutput = 64 * 1024
      serverSide?.onClose = { closed = $0 }
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    // The client never reads, so the kernel's buffers fill and the rest waits in ours.
    client.connection.onRead = { _ in }
    client.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(loop.run(until: { serverSide != nil }, timeout: 5))
    var writes = 0
    while closed == nil && writes < 100_000 {
      serverSide?.write([UInt8](repeating: 0x8A, count: 2))
      writes += 1
    }
    if case .error = closed {} else { Issue.record("closed: \(String(describing: closed))") }
    #expect(writes < 100_000)
    _ = server
  }
}
