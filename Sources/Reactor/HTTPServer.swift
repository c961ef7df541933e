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

  /// One connection, from its bufferevent's creation until evhttp frees it.
  final class ConnectionRecord {
    weak var server: HTTPServer?
    let bev: OpaquePointer
    var evcon: OpaquePointer?
    /// False for a connection refused over a limit: it is being closed and not counted.
    var counted = false
    /// The peer address it counts against, when that address is capped.
    var cappedAddress: String?
    weak var exchange: HTTPExchange?
    weak var takenOver: Connection?
    var check: RequestStreamCheck
    /// The input-buffer callback that feeds `check`; removed before the record goes.
    var watch: OpaquePointer?
    var deadline: Timer?
    /// A refusal decided before evhttp finished setting the connection up.
    var pendingRefusal: HTTPError?

    init(bev: OpaquePointer, limits: HTTPLimits) {
      self.bev = bev
      check = RequestStreamCheck(
        maxHeadBytes: limits.maxHeaderBytes, hardBodyCapBytes: limits.hardBodyCapBytes)
    }
  }

  private var http: OpaquePointer?
  private let listener: OpaquePointer
  private var connections: [OpaquePointer: ConnectionRecord] = [:]
  private var accepted: [ConnectionRecord] = []
  private var connectionsPerAddress: [String: Int] = [:]
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
    for (evcon, record) in connections {
      evhttp_connection_set_closecb(evcon, nil, nil)
      stopWatching(record)
    }
    for record in accepted { stopWatching(record) }
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
      stopWatching(record)
      record.exchange?.serverClosed()
      record.takenOver?.close(afterFlush: false)
    }
    for record in accepted { stopWatching(record) }
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
    let record = ConnectionRecord(bev: bev, limits: limits)
    record.server = self
    // Sees each read's bytes before evhttp parses them (evbuffer callbacks run at once).
    record.watch = evbuffer_add_cb(
      bufferevent_get_input(bev), Trampolines.serverInputGrew,
      Unmanaged.passUnretained(record).toOpaque())
    accepted.append(record)
    registration?.fire()
    return bev
  }

  private func registerAccepted() {
    let batch = accepted
    accepted = []
    guard http != nil else { return }
    for record in batch {
      var context: UnsafeMutableRawPointer?
      bufferevent_getcb(record.bev, nil, nil, nil, &context)
      guard let context else {
        stopWatching(record)
        continue
      }
      let evcon = OpaquePointer(context)
      record.evcon = evcon
      connections[evcon] = record
      evhttp_connection_set_closecb(
        evcon, Trampolines.serverConnectionClosed, Unmanaged.passUnretained(self).toOpaque())
      let address = Self.peerAddress(evcon)
      let capped = limits.capsConnections(from: address)
      if connectionCount >= maxConnections {
        refuse(
          record,
          HTTPError.serviceUnavailable(
            "the server has too many connections; retry shortly", code: "too_many_connections"))
      } else if capped
        && connectionsPerAddress[address, default: 0] >= limits.maxConnectionsPerAddress
      {
        refuse(
          record,
          HTTPError.serviceUnavailable(
            "this address has too many connections open; close some and retry",
            code: "too_many_connections"))
      } else {
        record.counted = true
        connectionCount += 1
        if capped {
          record.cappedAddress = address
          connectionsPerAddress[address, default: 0] += 1
        }
        if let refusal = record.pendingRefusal { refuse(record, refusal) }
      }
    }
  }

  /// Answers `error` on the raw socket, outside evhttp, and closes the connection: for a
  /// connection over a limit, a request refused by `RequestStreamCheck`, or one too slow.
  private func refuse(_ record: ConnectionRecord, _ error: HTTPError) {
    guard let evcon = record.evcon, connections[evcon] === record, record.takenOver == nil else {
      return
    }
    stopWatching(record)
    record.exchange?.serverClosed()
    let connection = Connection.takeOver(loop: loop, evcon: evcon, bev: record.bev, server: self)
    record.takenOver = connection
    let body = error.jsonBody
    var head =
      "HTTP/1.1 \(error.status) \(Self.reason(error.status))\r\n"
      + "Content-Type: application/json; charset=utf-8\r\n"
      + "Content-Length: \(body.count)\r\nConnection: close\r\n"
    if error.status == 503 { head += "Retry-After: 5\r\n" }
    connection.write(Array((head + "\r\n").utf8) + body)
    connection.close(afterFlush: true)
  }

  private func stopWatching(_ record: ConnectionRecord) {
    if let watch = record.watch {
      evbuffer_remove_cb_entry(bufferevent_get_input(record.bev), watch)
      record.watch = nil
    }
    // Cancelled, not dropped: this may run inside the timer's own callback.
    record.deadline?.cancel()
  }

  /// New bytes reached a connection's input buffer; evhttp has not parsed them yet.
  func inputGrew(_ record: ConnectionRecord, _ buffer: OpaquePointer, added: Int) {
    guard added > 0, record.watch != nil, !record.check.isDone else { return }
    var bytes = [UInt8](repeating: 0, count: added)
    let copied = bytes.withUnsafeMutableBytes {
      antre_evbuffer_copy_tail(buffer, $0.baseAddress, added)
    }
    guard copied == added else { return }
    let progress = record.check.consume(bytes)
    if let rejection = progress.rejection {
      // evhttp never sees the request; the answer goes out on the next pass, outside this
      // callback, which runs in the middle of a bufferevent read.
      evbuffer_drain(buffer, evbuffer_get_length(buffer))
      record.deadline?.cancel()
      record.pendingRefusal = rejection
      loop.soon { [weak self, record] in self?.refuse(record, rejection) }
      return
    }
    guard progress.inProgress else {
      record.deadline?.cancel()
      return
    }
    guard progress.started || record.deadline?.isScheduled != true else { return }
    if record.deadline == nil {
      record.deadline = Timer(loop: loop) { [weak self, unowned record] in
        self?.refuse(
          record,
          HTTPError(
            status: 408, code: "request_timeout",
            message:
              "the request did not arrive within \(Self.seconds(self?.limits.requestDeadline ?? 0)) s"
          ))
      }
    }
    record.deadline?.schedule(after: limits.requestDeadline)
  }

  func connectionClosed(_ evcon: OpaquePointer) {
    guard let record = connections.removeValue(forKey: evcon) else { return }
    stopWatching(record)
    if record.counted { connectionCount -= 1 }
    if let address = record.cappedAddress {
      let left = connectionsPerAddress[address, default: 1] - 1
      connectionsPerAddress[address] = left > 0 ? left : nil
    }
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
    let request = HTTPRequest(
      method: method, uri: evhttp_request_get_uri(handle).map { String(cString: $0) } ?? "/",
      headers: Self.headers(evhttp_request_get_input_headers(handle)), body: body,
      remoteAddress: Self.peerAddress(evcon))
    let exchange = HTTPExchange(server: self, handle: handle, request: request)
    connections[evcon]?.exchange = exchange
    onRequest(exchange)
  }

  func tookOver(_ evcon: OpaquePointer, _ connection: Connection) {
    guard let record = connections[evcon] else { return }
    stopWatching(record)
    record.takenOver = connection
  }

  // MARK: - evhttp helpers

  private static func peerAddress(_ evcon: OpaquePointer) -> String {
    var address: UnsafeMutablePointer<CChar>?
    var port: UInt16 = 0
    evhttp_connection_get_peer(evcon, &address, &port)
    return address.map { String(cString: $0) } ?? ""
  }

  private static func seconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }

  static func reason(_ status: Int) -> String {
    switch status {
    case 400: "Bad Request"
    case 408: "Request Timeout"
    case 411: "Length Required"
    case 413: "Payload Too Large"
    case 503: "Service Unavailable"
    default: "Error"
    }
  }

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
