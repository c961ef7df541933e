import HTTP
import HallWire
import Reactor
import WebSocket

// `/ws`: the upgrade from HTTP (handshake, Origin, token, limits), the peer's wiring to the
// hall, and the keep-alive pings.

extension AntreServer {
  /// A browser's `/ws` may come only from a page the hall serves: an origin listed in
  /// `origins`, the `public_url`'s, or the address this server was reached at when that
  /// address cannot be rebound by DNS (an IP literal, `localhost`) or is a host the hall file
  /// names. A Host header alone proves nothing: a DNS-rebinding page on `evil.example` sends
  /// a matching one.
  private func isOriginAllowed(_ origin: String?, host: String?) -> Bool {
    // Non-browser clients (ticket boxes, the console) send no Origin.
    guard let origin else { return true }
    let config = app.config
    let wanted = origin.lowercased()
    if config.origins.contains(where: { $0.lowercased() == wanted }) { return true }
    if let publicURL = config.publicURL, Self.origin(of: publicURL) == wanted { return true }
    guard let host = host?.lowercased(), wanted == "http://\(host)" || wanted == "https://\(host)"
    else { return false }
    let name = Self.hostName(host)
    if name == "localhost" || Self.isIPLiteral(name) { return true }
    var named = Set(config.trusted.map { $0.lowercased() })
    for url in config.origins + [config.publicURL].compactMap({ $0 }) {
      if let o = Self.origin(of: url), let at = o.range(of: "://") {
        named.insert(Self.hostName(String(o[at.upperBound...])))
      }
    }
    return named.contains(name)
  }

  /// `scheme://authority` of a URL, lowercased; nil if it has no scheme.
  static func origin(of url: String) -> String? {
    guard let at = url.range(of: "://") else { return nil }
    let rest = url[at.upperBound...]
    let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return (url[..<at.upperBound] + authority).lowercased()
  }

  /// The host of `host[:port]` or `[v6]:port`.
  static func hostName(_ authority: String) -> String {
    if authority.hasPrefix("[") {
      return String(authority.prefix { $0 != "]" }) + "]"
    }
    return String(authority.prefix { $0 != ":" })
  }

  static func isIPLiteral(_ name: String) -> Bool {
    if name.hasPrefix("[") && name.hasSuffix("]") { return true }
    let parts = name.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count == 4
      && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isNumber) }
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
    let isEcho = request.path == "/ws/echo"
    // `/ws/echo` (conformance testing only, behind `--echo`) takes what Autobahn sends: binary
    // messages and up to 16 MiB, with room to queue one whole echo.
    let peer = WebSocketPeer(
      connection: connection, role: role,
      maxMessageBytes: isEcho ? 16 * 1024 * 1024 : options.limits.maxMessageBytes,
      maxBacklog: isEcho ? 40 * 1024 * 1024 : options.limits.maxSubscriberBacklogBytes,
      acceptsBinary: isEcho)
    peers[ObjectIdentifier(peer)] = peer
    peer.onFinish = { [unowned self] peer in
      self.peers[ObjectIdentifier(peer)] = nil
      self.app.detach(peer)
    }
    peer.onDropped = { [unowned self] in self.app.metrics.droppedSlowSubscribers += 1 }
    if isEcho {
      peer.onText = { peer, text in peer.echo(text) }
      peer.onBinary = { peer, bytes in peer.echo(bytes) }
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
