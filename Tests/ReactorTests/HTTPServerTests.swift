import HTTP
import Reactor
import Testing

@Suite struct HTTPServerTests {
  @Test func serverOnPortZeroAnswersAGetThroughTheClient() throws {
    let loop = EventLoop()
    let server = try makeServer(loop) { exchange in
      #expect(exchange.request.path == "/api/hall")
      #expect(exchange.request.query["date"] == "2026-11-28")
      #expect(exchange.request.remoteAddress == "127.0.0.1")
      exchange.respond(.json(["status": "ok"]))
    }
    #expect(server.boundPort > 0)
    let response = try fetch(loop, "http://127.0.0.1:\(server.boundPort)/api/hall?date=2026-11-28")?
      .get()
    #expect(response?.status == 200)
    #expect(response?.headers["Content-Type"] == "application/json; charset=utf-8")
    #expect(response.map { String(decoding: $0.body, as: UTF8.self) } == #"{"status":"ok"}"#)
    server.close()
  }

  @Test func responseGivenLaterFromATimerReachesTheClient() throws {
    let loop = EventLoop()
    var held: HTTPExchange?
    let timer = Timer(loop: loop) { held?.respond(.text("later")) }
    let server = try makeServer(loop) { exchange in
      held = exchange
      timer.schedule(after: 0.01)
    }
    let response = try fetch(loop, "http://127.0.0.1:\(server.boundPort)/slow")?.get()
    #expect(response?.status == 200)
    #expect(response.map { String(decoding: $0.body, as: UTF8.self) } == "later")
    #expect(held?.isPending == false)
  }

  @Test func clientLeavingBeforeADeferredResponseIsHarmless() throws {
    let loop = EventLoop()
    var held: HTTPExchange?
    let server = try makeServer(loop) { exchange in
      if exchange.request.path == "/again" { exchange.respond(.noContent) } else { held = exchange }
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    client.send("POST /api/tickets HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
    #expect(loop.run(until: { held != nil }, timeout: 5))
    client.connection.close(afterFlush: false)
    // evhttp 2.1.12 pauses reading while a request waits, so it notices only when it writes.
    loop.run(until: { false }, timeout: 0.05)
    held?.respond(.json(status: 201, ["id": "x"]))
    held = nil
    #expect(loop.run(until: { server.connectionCount == 0 }, timeout: 5))
    // The server still serves.
    let response = try fetch(loop, "http://127.0.0.1:\(server.boundPort)/again")?.get()
    #expect(response?.status == 204)
  }

  @Test func exchangeDroppedWithoutAResponseAnswers500() throws {
    let loop = EventLoop()
    let server = try makeServer(loop) { _ in }
    let response = try fetch(loop, "http://127.0.0.1:\(server.boundPort)/forgotten")?.get()
    #expect(response?.status == 500)
  }

  @Test func closingTheServerWithPendingWorkIsSafe() throws {
    let loop = EventLoop()
    var held: HTTPExchange?
    var socket: Connection?
    var socketClosed: Connection.CloseReason?
    let server = try makeServer(loop) { exchange in
      if exchange.request.path == "/ws" {
        socket = exchange.takeOverConnection()
        socket?.onClose = { socketClosed = $0 }
      } else {
        held = exchange
      }
    }
    let waiting = RawClient(loop: loop, port: server.boundPort)
    waiting.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
    let upgraded = RawClient(loop: loop, port: server.boundPort)
    upgraded.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(loop.run(until: { held != nil && socket != nil }, timeout: 5))
    server.close()
    #expect(socketClosed == .closedLocally)
    held?.respond(.noContent)
    #expect(held?.isClientConnected == false)
    #expect(
      loop.run(until: { waiting.closeReason != nil && upgraded.closeReason != nil }, timeout: 5))
  }

  @Test func bodyOverTheLimitGets413WithTheProtocolsJSONError() throws {
    let loop = EventLoop()
    var handled = 0
    let server = try makeServer(loop, limits: HTTPLimits(maxBodyBytes: 1024)) {
      handled += 1
      $0.respond(.noContent)
    }
    let url = "http://127.0.0.1:\(server.boundPort)/api/tickets"
    let response = try fetch(loop, .POST, url, body: Array(repeating: 65, count: 2000))?.get()
    #expect(response?.status == 413)
    #expect(
      response.map { String(decoding: $0.body, as: UTF8.self) }
        == #"{"error":{"code":"payload_too_large","message":"the request body is over the limit of 1024 bytes"}}"#
    )
    #expect(handled == 0)
  }

  @Test func bodyOverTheHardCapGetsEvhttpsOwn413() throws {
    let loop = EventLoop()
    let server = try makeServer(
      loop, limits: HTTPLimits(maxBodyBytes: 1024, hardBodyCapBytes: 4096)
    ) { $0.respond(.noContent) }
    let url = "http://127.0.0.1:\(server.boundPort)/api/tickets"
    let response = try fetch(loop, .POST, url, body: Array(repeating: 65, count: 10_000))?.get()
    #expect(response?.status == 413)
  }

  @Test func headersOverTheLimitAreRefusedByEvhttp() throws {
    let loop = EventLoop()
    var handled = 0
    let server = try makeServer(loop, limits: HTTPLimits(maxHeaderBytes: 1024)) {
      handled += 1
      $0.respond(.noContent)
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    let padding = String(repeating: "a", count: 2000)
    client.send("GET / HTTP/1.1\r\nHost: x\r\nX-Pad: \(padding)\r\n\r\n")
    #expect(loop.run(until: { client.closeReason != nil }, timeout: 5))
    #expect(client.text.hasPrefix("HTTP/1.1 400"))
    #expect(handled == 0)
  }

  @Test func connectionsOverTheLimitGet503AndAreClosed() throws {
    let loop = EventLoop()
    let server = try makeServer(loop, limits: HTTPLimits(maxConnections: 2)) {
      $0.respond(.noContent)
    }
    let first = RawClient(loop: loop, port: server.boundPort)
    let second = RawClient(loop: loop, port: server.boundPort)
    #expect(loop.run(until: { server.connectionCount == 2 }, timeout: 5))
    let third = RawClient(loop: loop, port: server.boundPort)
    #expect(loop.run(until: { third.closeReason != nil }, timeout: 5))
    #expect(third.text.hasPrefix("HTTP/1.1 503"))
    #expect(third.text.contains(#""code":"too_many_connections""#))
    #expect(server.connectionCount == 2)
    first.connection.close(afterFlush: false)
    #expect(loop.run(until: { server.connectionCount == 1 }, timeout: 5))
    _ = second
  }

  @Test func secondServerOnTheSamePortReportsAddressInUse() throws {
    let loop = EventLoop()
    let server = try makeServer(loop) { $0.respond(.noContent) }
    #expect(throws: HTTPServerError.addressInUse(host: "127.0.0.1", port: server.boundPort)) {
      _ = try HTTPServer(loop: loop, host: "127.0.0.1", port: server.boundPort)
    }
  }

  @Test func takenOverConnectionEchoesRawBytesBothWays() throws {
    let loop = EventLoop()
    var serverSide: Connection?
    let server = try makeServer(loop) { exchange in
      guard let connection = exchange.takeOverConnection() else { return }
      serverSide = connection
      connection.write(Array("HTTP/1.1 101 Switching Protocols\r\n\r\n".utf8))
      connection.onRead = { [unowned connection] in connection.write($0) }
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    client.send("GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n\r\n")
    #expect(loop.run(until: { client.text.hasSuffix("\r\n\r\n") }, timeout: 5))
    client.received = []
    client.send("hello \u{0}\u{1}\u{2}")
    #expect(loop.run(until: { client.received.count == 9 }, timeout: 5))
    #expect(client.received == Array("hello \u{0}\u{1}\u{2}".utf8))
    #expect(server.connectionCount == 1)
    serverSide?.close()
    #expect(loop.run(until: { client.closeReason != nil }, timeout: 5))
    #expect(client.closeReason == .eof)
    #expect(loop.run(until: { server.connectionCount == 0 }, timeout: 5))
  }

  @Test func takenOverConnectionOutlivesTheIdleTimeout() throws {
    let loop = EventLoop()
    var serverSide: Connection?
    let server = try makeServer(loop, limits: HTTPLimits(idleTimeout: 1)) { exchange in
      serverSide = exchange.takeOverConnection()
      serverSide?.write(Array("HTTP/1.1 101 Switching Protocols\r\n\r\n".utf8))
    }
    let client = RawClient(loop: loop, port: server.boundPort)
    client.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    #expect(loop.run(until: { client.text.hasSuffix("\r\n\r\n") }, timeout: 5))
    #expect(!loop.run(until: { client.closeReason != nil }, timeout: 1.5))
    serverSide?.write(Array("still here".utf8))
    #expect(loop.run(until: { client.text.hasSuffix("still here") }, timeout: 5))
  }

  @Test func sharedBytesWrittenToAHundredConnectionsArriveIntact() throws {
    let loop = EventLoop()
    var serverSides: [Connection] = []
    let server = try makeServer(loop) { exchange in
      if let connection = exchange.takeOverConnection() { serverSides.append(connection) }
    }
    let clients = (0..<100).map { _ in RawClient(loop: loop, port: server.boundPort) }
    for client in clients { client.send("GET /ws HTTP/1.1\r\nHost: x\r\n\r\n") }
    #expect(loop.run(until: { serverSides.count == 100 }, timeout: 10))
    let payload = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    do {
      let shared = SharedBytes(payload)
      for connection in serverSides { connection.write(shared) }
    }
    #expect(serverSides.allSatisfy { $0.pendingOutputBytes <= payload.count })
    #expect(
      loop.run(until: { clients.allSatisfy { $0.received.count >= payload.count } }, timeout: 20))
    #expect(clients.allSatisfy { $0.received == payload })
  }
}
