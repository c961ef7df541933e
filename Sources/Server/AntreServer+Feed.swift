import HTTP
import HallWire
import Reactor
import WebSocket

// `/ws`: the upgrade from HTTP (handshake, Origin, token, limits), the peer's wiring to the
// hall, and the keep-alive pings.

extension AntreServer {
  private func isOriginAllowed(_ origin: String?, host: String?) -> Bool {
    // Non-browser clients (ticket boxes, the console) send no Origin.
    guard let origin else { return true }
    if app.config.origins.contains(origin) { return true }
    guard let host else { return false }
    return origin == "http://\(host)" || origin == "https://\(host)"
  }

  func upgrade(_ exchange: HTTPExchange) {
    let request = exchange.request
    guard !stopping else {
      exchange.respond(HTTPError(status: 503, code: "shutting_down", message: "server is stopping"))
      return
    }
    let accept: [UInt8]
    do {
      accept = try WebSocketHandshake.serverAccept(
        method: request.method.rawValue, headers: request.headers.map { ($0.name, $0.value) },
        isOriginAllowed: { [unowned self] in
          self.isOriginAllowed($0, host: request.headers["Host"])
        })
    } catch {
      var response = HTTPError(
        status: error.httpStatus ?? 400, code: error.errorCode ?? "bad_request",
        message: error.message
      ).response
      for (name, value) in error.httpHeaders { response.headers.set(name, value) }
      exchange.respond(response)
      return
    }
    guard peers.count < options.limits.maxWebSocketConnections else {
      exchange.respond(
        HTTPError(status: 503, code: "too_many_connections", message: "the feed is full"))
      return
    }
    guard let connection = exchange.takeOverConnection() else { return }
    connection.write(accept)
    let token = request.query["token"]
    let role = app.tokens.role(for: token)
    let peer = WebSocketPeer(
      connection: connection, role: role, maxMessageBytes: options.limits.maxMessageBytes,
      maxBacklog: options.limits.maxSubscriberBacklogBytes)
    peers[ObjectIdentifier(peer)] = peer
    peer.onFinish = { [unowned self] peer in
      self.peers[ObjectIdentifier(peer)] = nil
      self.app.detach(peer)
    }
    peer.onDropped = { [unowned self] in self.app.metrics.droppedSlowSubscribers += 1 }
    if request.path == "/ws/echo" {
      peer.onText = { peer, text in peer.echo(text) }
      return
    }
    if let token, !token.isEmpty, role == nil {
      peer.close(.policyViolation, reason: "bad token")
      return
    }
    peer.onText = { [unowned self] peer, text in
      self.app.receive(
        text: text, from: peer, now: wallClockMillis(), monotonic: EventLoop.monotonicNow)
    }
    app.attach(peer, since: request.query["since"].flatMap { Int64($0) }, now: wallClockMillis())
  }

  func pingPeers() {
    let now = EventLoop.monotonicNow
    for peer in Array(peers.values) {
      if now - peer.lastHeard > options.limits.silenceTimeout {
        peer.close(.goingAway, reason: "silent for \(Int(options.limits.silenceTimeout)) s")
      } else {
        peer.sendPing()
      }
    }
  }
}
