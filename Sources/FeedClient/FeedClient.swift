import Reactor
import WebSocket

/// A client of the hall's feed (`/ws`) on a loop: the ticket box and the officer console.
/// It reconnects by itself with capped exponential backoff and asks for `since` the last
/// seq its owner saw, so nothing is missed across a server restart.
public final class FeedClient {
  public enum Status: Equatable, Sendable {
    case connecting
    case open
    /// Why the last connection ended; a retry is scheduled.
    case disconnected(String)
  }

  public let loop: EventLoop
  public let url: FeedURL
  /// The highest seq seen, sent as `since` on reconnect. The owner may also set it.
  public var lastSeq: Int64?
  public var onStatus: (Status) -> Void = { _ in }
  public var onMessage: (String) -> Void = { _ in }
  /// Backoff bounds in seconds.
  public var minimumDelay = 0.5
  public var maximumDelay = 30.0
  /// The server pings every 15 s; this long without a byte means the link is dead.
  public var silenceTimeout = 45.0

  private let token: String?
  private var connection: Connection?
  private var handshake: ClientHandshake?
  private var session: WebSocketSession?
  private var delay: Double
  private var retry: Timer?
  private var watchdog: Timer?
  private var lastHeard = 0.0
  private var stopped = false
  private var generation = 0

  public init(loop: EventLoop, url: FeedURL, token: String?) {
    self.loop = loop
    self.url = url
    self.token = token
    self.delay = minimumDelay
  }

  public var isOpen: Bool { session != nil && !(session?.isClosed ?? true) }

  public func start() {
    stopped = false
    connect()
    let watchdog = Timer(loop: loop, repeating: true) { [weak self] in self?.checkSilence() }
    watchdog.schedule(after: 5)
    self.watchdog = watchdog
  }

  public func stop() {
    stopped = true
    retry?.cancel()
    watchdog?.cancel()
    session?.close(code: .normalClosure)
    flush()
    let old = connection
    teardown()
    old?.close(afterFlush: true, flushTimeout: 1)
  }

  /// Sends a text message; false when not connected (the caller retries after `open`).
  @discardableResult
  public func send(text: String) -> Bool {
    guard let session, !session.isClosed else { return false }
    do {
      try session.sendText(text)
    } catch {
      return false
    }
    flush()
    return true
  }

  private func connect() {
    generation += 1
    let current = generation
    onStatus(.connecting)
    var target = url
    if let lastSeq { target = target.adding("since", String(lastSeq)) }
    if let token { target = target.adding("token", token) }
    let hs = ClientHandshake(host: "\(url.host):\(url.port)", path: target.target)
    connection = Connection.connect(loop: loop, host: url.host, port: url.port) {
      [weak self] result in
      guard let self, current == self.generation else { return }
      switch result {
      case .success(let c):
        self.handshake = hs
        self.lastHeard = EventLoop.monotonicNow
        c.onRead = { [weak self] bytes in
          guard current == self?.generation else { return }
          self?.received(bytes)
        }
        c.onClose = { [weak self] reason in
          guard current == self?.generation else { return }
          self?.lost("\(reason)")
        }
        c.write(hs.requestBytes)
      case .failure(let error):
        self.lost("\(error)")
      }
    }
  }

  private func received(_ bytes: [UInt8]) {
    lastHeard = EventLoop.monotonicNow
    if var hs = handshake {
      switch hs.receive(bytes) {
      case .needMore:
        handshake = hs
      case .accepted(let leftover):
        handshake = nil
        session = WebSocketSession(role: .client, maxMessageBytes: 1 << 22)
        onStatus(.open)
        if !leftover.isEmpty { deliver(leftover) }
      case .rejected(let error):
        handshake = nil
        lost(error.message)
      }
      return
    }
    deliver(bytes)
  }

  private func deliver(_ bytes: [UInt8]) {
    guard let session else { return }
    let events = session.receive(bytes)
    flush()
    for event in events {
      switch event {
      case .text(let text):
        // Backoff restarts only once the server said something: a server that accepts the
        // upgrade and closes at once (a bad token: 1008) is retried ever more slowly.
        delay = minimumDelay
        noteSeq(text)
        onMessage(text)
      case .closed(let code, let reason):
        lost(
          "closed by server (\(code.map(String.init) ?? "no code")\(reason.isEmpty ? "" : ": " + reason))"
        )
        return
      case .failed(let code):
        lost("protocol error (\(code.rawValue))")
        return
      case .binary, .ping, .pong:
        break
      }
    }
  }

  /// Reads `"seq":N` without a full parse: every feed message carries it near the start.
  private func noteSeq(_ text: String) {
    guard let range = text.utf8.firstRange(of: Array(#""seq":"#.utf8)) else { return }
    var value: Int64 = 0
    var seen = false
    for b in text.utf8[range.upperBound...] {
      guard b >= 48 && b <= 57 else { break }
      value = value * 10 + Int64(b - 48)
      seen = true
    }
    if seen, value > (lastSeq ?? -1) { lastSeq = value }
  }

  private func flush() {
    guard let session, let connection else { return }
    let out = session.takeOutput()
    if !out.isEmpty { connection.write(out) }
  }

  private func checkSilence() {
    guard isOpen, EventLoop.monotonicNow - lastHeard > silenceTimeout else { return }
    lost("no word from the server for \(Int(silenceTimeout)) s")
  }

  private func lost(_ reason: String) {
    // Teardown first: closing may call back, and a stale generation ignores that.
    let old = connection
    teardown()
    old?.close(afterFlush: false)
    guard !stopped else { return }
    onStatus(.disconnected(reason))
    let timer = Timer(loop: loop) { [weak self] in self?.connect() }
    timer.schedule(after: delay)
    retry = timer
    delay = min(maximumDelay, delay * 2)
  }

  private func teardown() {
    generation += 1
    connection = nil
    session = nil
    handshake = nil
  }
}
