import HTTP
import Reactor
import Testing

/// A raw TCP client that collects everything it receives.
final class RawClient {
  let connection: Connection
  var received: [UInt8] = []
  var closeReason: Connection.CloseReason?
  var connected = false
  var failed: Connection.ConnectError?

  init(loop: EventLoop, port: Int) {
    var this: RawClient?
    connection = Connection.connect(loop: loop, host: "127.0.0.1", port: port) { result in
      switch result {
      case .success: this?.connected = true
      case .failure(let error): this?.failed = error
      }
    }
    this = self
    connection.onRead = { [unowned self] in received += $0 }
    connection.onClose = { [unowned self] in closeReason = $0 }
  }

  var text: String { String(decoding: received, as: UTF8.self) }

  func send(_ text: String) { connection.write(Array(text.utf8)) }
}

func makeServer(
  _ loop: EventLoop, limits: HTTPLimits = HTTPLimits(),
  _ handler: @escaping (HTTPExchange) -> Void
) throws -> HTTPServer {
  let server = try HTTPServer(loop: loop, host: "127.0.0.1", port: 0, limits: limits)
  server.onRequest = handler
  return server
}

func fetch(
  _ loop: EventLoop, _ method: HTTPMethod, _ url: String, body: [UInt8] = [],
  timeout: Double = 5
) -> Result<HTTPResponse, HTTPClientError>? {
  var result: Result<HTTPResponse, HTTPClientError>?
  HTTPClient.send(on: loop, method: method, url: url, body: body, timeout: timeout) {
    result = $0
  }
  loop.run(until: { result != nil }, timeout: timeout + 1)
  return result
}

func fetch(_ loop: EventLoop, _ url: String, timeout: Double = 5)
  -> Result<HTTPResponse, HTTPClientError>?
{
  fetch(loop, .GET, url, timeout: timeout)
}
