import CLibevent
import HTTP

#if canImport(Glibc)
  import Glibc
#endif

public enum HTTPServerError: Error, Sendable, Equatable {
  case addressInUse(host: String, port: Int)
  case permissionDenied(host: String, port: Int)
  case unresolvable(host: String)
  case cannotListen(host: String, port: Int, reason: String)
}

/// An HTTP/1.1 server over evhttp on one loop. evhttp parses, keeps connections alive and
/// enforces header, body and idle limits; this class adds connection counting, the JSON
/// `413`, deferred responses (`HTTPExchange`) and connection takeover for WebSocket.
public final class HTTPServer {
  public let loop: EventLoop
  public let host: String
  /// The port actually listened on (the one chosen by the system for port 0).
  public let boundPort: Int
  public let limits: HTTPLimits
  /// The connection limit in force: `limits.maxConnections`, clamped to the open-file limit.
  public let maxConnections: Int
  /// Called for each complete request. The handler answers now or later through the exchange.
  public var onRequest: (HTTPExchange) -> Void = { $0.respond(HTTPError.notFound().response) }
  /// Connections open now, taken-over ones included.
  public private(set) var connectionCount = 0

  private final class ConnectionRecord {
    /// False for a connection refused over the limit: it is being closed and not counted.
    let counted: Bool
    weak var exchange: HTTPExchange?
    weak var takenOver: Connection?
    init(counted: Bool) { self.counted = counted }
  }

  private var http: OpaquePointer?
  private let listener: OpaquePointer
  private var connections: [OpaquePointer: ConnectionRecord] = [:]
  private var accepted: [OpaquePointer] = []
  private var registration: Trigger?

  public init(loop: EventLoop, host: String, port: Int, limits: HTTPLimits = HTTPLimits())
    throws(HTTPServerError)
  {
    self.loop = loop
    self.host = host
    self.limits = limits
    let fileLimit = openFileLimit() ?? 1024
    maxConnections = max(1, min(limits.maxConnections, fileLimit - 64))
    var error: Int32 = 0
    guard
      let listener = antre_listener_bind(
        loop.base, host, Int32(port), Int32(limits.backlog), &error)
    else {
      switch error {
      case -1: throw .unresolvable(host: host)
      case EADDRINUSE: throw .addressInUse(host: host, port: port)
      case EACCES: throw .permissionDenied(host: host, port: port)
      default:
        throw .cannotListen(host: host, port: port, reason: String(cString: strerror(error)))
      }
    }
    self.listener = listener
    boundPort = Int(antre_socket_local_port(evconnlistener_get_fd(listener)))
    guard let http = evhttp_new(loop.base) else { fatalError("evhttp_new: out of memory") }
    self.http = http
    // evhttp takes the listener over (and frees it with itself).
    evhttp_bind_listener(http, listener)
    evhttp_set_max_headers_size(http, limits.maxHeaderBytes)
    evhttp_set_max_body_size(http, limits.hardBodyCapBytes)
    evhttp_set_timeout(http, Int32(max(1, limits.idleTimeout.rounded(.up))))
    let methods = [
      EVHTTP_REQ_GET, EVHTTP_REQ_HEAD, EVHTTP_REQ_POST, EVHTTP_REQ_PUT, EVHTTP_REQ_DELETE,
      EVHTTP_REQ_OPTIONS, EVHTTP_REQ_PATCH,
    ].reduce(UInt16(0)) { $0 | UInt16($1.rawValue) }
    evhttp_set_allowed_methods(http, methods)
    // No made-up Content-Type on responses that did not set one (evhttp says text/html).
    evhttp_set_default_content_type(http, nil)
    // Read an over-long body to its end before answering 413, so the client sees the answer
    // instead of a reset.
    evhttp_set_flags(http, EVHTTP_SERVER_LINGERING_CLOSE)
    let context = Unmanaged.passUnretained(self).toOpaque()
    evhttp_set_gencb(http, Trampolines.serverRequest, context)
    evhttp_set_bevcb(http, Trampolines.serverNewBufferevent, context)
    registration = Trigger(loop: loop, priority: EventLoop.urgentPriority) { [unowned self] in
      self.registerAccepted()
    }
  }

  deinit {
    // Only reached with no exchange or taken-over connection left (each holds the server).
    guard let http else { return }
    for evcon in connections.keys { evhttp_connection_set_closecb(evcon, nil, nil) }
    evhttp_set_gencb(http, nil, nil)
    evhttp_set_bevcb(http, nil, nil)
    loop.soon { evhttp_free(http) }
  }

  /// Stops listening and closes every connection: pending exchanges are dropped (their
  /// `respond` does nothing), taken-over connections get `onClose(.closedLocally)`.
  public func close() {
    guard let http else { return }
    self.http = nil
    evconnlistener_disable(listener)
    evhttp_set_bevcb(http, nil, nil)
    for record in connections.values {
      record.exchange?.serverClosed()
      record.takenOver?.close(afterFlush: false)
    }
    accepted = []
    // Queued after the taken-over connections' own frees, which must come first.
    loop.soon { [self] in
      evhttp_free(http)
      connections = [:]
      connectionCount = 0
    }
  }

  // MARK: - Callbacks (from Trampolines)

  /// evhttp asks for the bufferevent of a new connection before the connection exists; the
  /// connection is looked up from it (its callback argument) once evhttp has set it up.
  func newBufferevent(_ base: OpaquePointer) -> OpaquePointer? {
    // Options 0, as evhttp's own: evhttp closes the socket itself.
    guard let bev = bufferevent_socket_new(base, -1, 0) else { return nil }
    accepted.append(bev)
    registration?.fire()
    return bev
  }

  private func registerAccepted() {
    let batch = accepted
    accepted = []
    guard http != nil else { return }
    for bev in batch {
      var context: UnsafeMutableRawPointer?
      bufferevent_getcb(bev, nil, nil, nil, &context)
      guard let context else { continue }
      let evcon = OpaquePointer(context)
      let admitted = connectionCount < maxConnections
      let record = ConnectionRecord(counted: admitted)
      connections[evcon] = record
      if admitted { connectionCount += 1 }
      evhttp_connection_set_closecb(
        evcon, Trampolines.serverConnectionClosed, Unmanaged.passUnretained(self).toOpaque())
      if !admitted { refuse(evcon, bev, record) }
    }
  }

  private func refuse(_ evcon: OpaquePointer, _ bev: OpaquePointer, _ record: ConnectionRecord) {
    let connection = Connection.takeOver(loop: loop, evcon: evcon, bev: bev, server: self)
    record.takenOver = connection
    let body = HTTPError.serviceUnavailable(
      "the server has too many connections; retry shortly", code: "too_many_connections"
    ).jsonBody
    let head =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json; charset=utf-8\r\n"
      + "Content-Length: \(body.count)\r\nConnection: close\r\nRetry-After: 5\r\n\r\n"
    connection.write(Array(head.utf8) + body)
    connection.close(afterFlush: true)
  }

  func connectionClosed(_ evcon: OpaquePointer) {
    guard let record = connections.removeValue(forKey: evcon) else { return }
    if record.counted { connectionCount -= 1 }
    record.exchange?.clientLeft()
  }

  func received(_ handle: OpaquePointer) {
    guard let evcon = evhttp_request_get_connection(handle) else { return }
    guard let method = Self.method(evhttp_request_get_command(handle)) else {
      return Self.send(HTTPError.methodNotAllowed().response, to: handle)
    }
    let input = evhttp_request_get_input_buffer(handle)
    let length = evbuffer_get_length(input)
    guard length <= limits.maxBodyBytes else {
      let error = HTTPError.payloadTooLarge(
        "the request body is over the limit of \(limits.maxBodyBytes) bytes")
      return Self.send(error.response, to: handle)
    }
    var body = [UInt8](repeating: 0, count: length)
    if length > 0 {
      body.withUnsafeMutableBytes { _ = evbuffer_remove(input, $0.baseAddress, length) }
    }
    var address: UnsafeMutablePointer<CChar>?
    var port: UInt16 = 0
    evhttp_connection_get_peer(evcon, &address, &port)
    let request = HTTPRequest(
      method: method, uri: evhttp_request_get_uri(handle).map { String(cString: $0) } ?? "/",
      headers: Self.headers(evhttp_request_get_input_headers(handle)), body: body,
      remoteAddress: address.map { String(cString: $0) } ?? "")
    let exchange = HTTPExchange(server: self, handle: handle, request: request)
    connections[evcon]?.exchange = exchange
    onRequest(exchange)
  }

  func tookOver(_ evcon: OpaquePointer, _ connection: Connection) {
    connections[evcon]?.takenOver = connection
  }

  // MARK: - evhttp helpers

  static func send(_ response: HTTPResponse, to handle: OpaquePointer) {
    let headers = evhttp_request_get_output_headers(handle)
    for (name, value) in response.headers { evhttp_add_header(headers, name, value) }
    let buffer = evbuffer_new()
    response.body.withUnsafeBytes { _ = evbuffer_add(buffer, $0.baseAddress, $0.count) }
    evhttp_send_reply(handle, Int32(response.status), nil, buffer)
    evbuffer_free(buffer)
  }

  static func headers(_ queue: UnsafeMutablePointer<evkeyvalq>?) -> HTTPHeaders {
    var result = HTTPHeaders()
    var entry = queue?.pointee.tqh_first
    while let current = entry {
      if let key = current.pointee.key, let value = current.pointee.value {
        result.add(String(cString: key), String(cString: value))
      }
      entry = current.pointee.next.tqe_next
    }
    return result
  }

  static func method(_ command: evhttp_cmd_type) -> HTTPMethod? {
    switch command {
    case EVHTTP_REQ_GET: .GET
    case EVHTTP_REQ_HEAD: .HEAD
    case EVHTTP_REQ_POST: .POST
    case EVHTTP_REQ_PUT: .PUT
    case EVHTTP_REQ_DELETE: .DELETE
    case EVHTTP_REQ_OPTIONS: .OPTIONS
    case EVHTTP_REQ_PATCH: .PATCH
    default: nil
    }
  }

  static func command(_ method: HTTPMethod) -> evhttp_cmd_type {
    switch method {
    case .GET: EVHTTP_REQ_GET
    case .HEAD: EVHTTP_REQ_HEAD
    case .POST: EVHTTP_REQ_POST
    case .PUT: EVHTTP_REQ_PUT
    case .DELETE: EVHTTP_REQ_DELETE
    case .OPTIONS: EVHTTP_REQ_OPTIONS
    case .PATCH: EVHTTP_REQ_PATCH
    }
  }
}
