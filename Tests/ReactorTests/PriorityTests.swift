import HTTP
import Reactor
import Testing

/// Issue 16: a counter's call must not queue behind a rush of ticket requests.
@Suite struct PriorityTests {
  @Test func aConnectionServedFirstIsReadBeforeRequestsThatArrivedWithIt() throws {
    let loop = EventLoop()
    var order: [String] = []
    let server = try makeServer(loop) { exchange in
      order.append(exchange.request.path)
      if exchange.request.path.hasPrefix("/counter") { exchange.serveConnectionFirst() }
      exchange.respond(.noContent)
    }
    let counter = RawClient(loop: loop, port: server.boundPort)
    counter.send("POST /counter HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
    #expect(loop.run(until: { counter.text.contains("204") }, timeout: 5))
    let kiosks = (0..<10).map { _ in RawClient(loop: loop, port: server.boundPort) }
    #expect(loop.run(until: { server.connectionCount == 11 }, timeout: 5))

    // Every kiosk writes before the counter, in the same loop pass.
    for (i, kiosk) in kiosks.enumerated() {
      kiosk.send("POST /ticket\(i) HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
    }
    counter.send("POST /counter-again HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
    #expect(loop.run(until: { order.count == 12 }, timeout: 5))
    #expect(order.firstIndex(of: "/counter-again") == 1)
    server.close()
  }
}
