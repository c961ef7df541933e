import CLibevent
import HTTP

/// One request awaiting its response. The response may be given at once or later (after the
/// group commit, say); if the client has left by then, `respond` does nothing. An exchange
/// dropped without a response answers 500, so a connection never hangs on a forgotten request.
public final class HTTPExchange {
  public let request: HTTPRequest
  private let server: HTTPServer
  private var handle: OpaquePointer?
  private var state: State = .pending

  private enum State {
    case pending, responded, takenOver, clientGone
  }

  init(server: HTTPServer, handle: OpaquePointer, request: HTTPRequest) {
    self.server = server
    self.handle = handle
    self.request = request
  }

  deinit {
    if state == .pending, let handle {
      HTTPServer.send(HTTPError.internalError("no response was produced").response, to: handle)
    }
  }

  /// True until a response is sent, the connection is taken over, or the client has left.
  public var isPending: Bool { state == .pending }

  /// False once the client is known to have gone; its response would be discarded.
  public var isClientConnected: Bool { state != .clientGone }

  public func respond(_ response: HTTPResponse) {
    guard state == .pending, let handle else { return }
    state = .responded
    self.handle = nil
    var response = response
    if request.headers["Upgrade"] != nil {
      // The connection's bytes stopped being checked at the upgrade request (they might have
      // been WebSocket frames); refused, it ends here rather than carry unchecked requests.
      response.headers.set("Connection", "close")
    }
    HTTPServer.send(response, to: handle)
  }

  public func respond(_ error: HTTPError) {
    respond(error.response)
  }

  /// Serves this connection ahead of the others from now on: its next requests are read at
  /// `urgentPriority`, before those of connections at normal priority (a counter's call must
  /// not queue behind a rush of ticket requests). Does nothing once the response is sent.
  public func serveConnectionFirst() {
    guard state == .pending, let handle, let evcon = evhttp_request_get_connection(handle),
      let bev = evhttp_connection_get_bufferevent(evcon)
    else { return }
    bufferevent_priority_set(bev, Int32(EventLoop.urgentPriority))
  }

  /// Hands the raw connection over (for a WebSocket upgrade): evhttp no longer reads, writes
  /// or times it out, and the caller writes the `101` itself. Nil if the client already left.
  public func takeOverConnection() -> Connection? {
    guard state == .pending, let handle, let evcon = evhttp_request_get_connection(handle),
      let bev = evhttp_connection_get_bufferevent(evcon)
    else { return nil }
    state = .takenOver
    self.handle = nil
    let connection = Connection.takeOver(loop: server.loop, evcon: evcon, bev: bev, server: server)
    server.tookOver(evcon, connection)
    return connection
  }

  /// The connection closed while the request waited. evhttp 2.1 detaches a request whose
  /// client left (it then belongs to us and is freed here, on a later pass); a request still
  /// attached is freed with its connection.
  func clientLeft() {
    guard state == .pending, let handle else { return }
    state = .clientGone
    self.handle = nil
    if evhttp_request_get_connection(handle) == nil {
      server.loop.soon { evhttp_request_free(handle) }
    }
  }

  /// The server is shutting down; evhttp frees the request with its connection.
  func serverClosed() {
    guard state == .pending else { return }
    state = .clientGone
    handle = nil
  }
}
