import HallWire
import Reactor
import WebSocket

/// A feed connection after the upgrade: the socket, its RFC 6455 session, and who it is.
final class WebSocketPeer: FeedPeer {
  let connection: Connection
  let session: WebSocketSession
  let role: Role?
  private let maxBacklog: Int
  /// Monotonic time of the last bytes from the peer (pongs count): silence closes it.
  private(set) var lastHeard: Double
  private(set) var isFinished = false
  /// Runs once when the connection is gone, whoever ended it.
  var onFinish: (WebSocketPeer) -> Void = { _ in }
  var onText: (WebSocketPeer, String) -> Void = { _, _ in }
  /// `/ws/echo` only; everywhere else a binary message closes the session with 1003.
  var onBinary: (WebSocketPeer, [UInt8]) -> Void = { _, _ in }
  var onDropped: () -> Void = {}

  init(
    connection: Connection, role: Role?, maxMessageBytes: Int, maxBacklog: Int,
    acceptsBinary: Bool = false
  ) {
    self.connection = connection
    self.session = WebSocketSession(
      role: .server, maxMessageBytes: maxMessageBytes, acceptsBinary: acceptsBinary)
    // Everything queued counts, pongs and close frames too: a client that floods pings and
    // never reads is closed when its replies pass the bound, instead of growing memory.
    connection.maxPendingOutput = maxBacklog
    self.role = role
    self.maxBacklog = maxBacklog
    self.lastHeard = EventLoop.monotonicNow
    // Weak: the server drops a finished peer while its socket may still report a close.
    connection.onRead = { [weak self] bytes in self?.received(bytes) }
    connection.onClose = { [weak self] _ in self?.finish() }
  }

  @discardableResult
  func send(frame: SharedBytes) -> Bool {
    guard !isFinished, !session.isClosed else { return false }
    if connection.pendingOutputBytes + frame.count > maxBacklog {
      // It stopped reading: drop it rather than buffer without bound; it resyncs with `since`.
      onDropped()
      connection.close(afterFlush: false)
      finish()
      return false
    }
    if session.canInterleaveRawFrames {
      connection.write(frame)
    } else if session.enqueueRawFrame(frame.bytes) {
      flush()
    } else {
      return false
    }
    return true
  }

  /// `/ws/echo` only: the message goes back through the session, framed as usual.
  func echo(_ text: String) {
    guard !isFinished, (try? session.sendText(text)) != nil else { return }
    flush()
  }

  func echo(_ bytes: [UInt8]) {
    guard !isFinished, (try? session.sendBinary(bytes)) != nil else { return }
    flush()
  }

  func sendPing() {
    guard !isFinished else { return }
    try? session.sendPing()
    flush()
  }

  func close(_ code: CloseCode, reason: String) {
    guard !isFinished else { return }
    session.close(code: code, reason: reason)
    flush()
    // The server may close TCP first; it doesn't wait for the peer's echo of the close.
    connection.close(afterFlush: true, flushTimeout: 1)
    finish()
  }

  private func received(_ bytes: [UInt8]) {
    lastHeard = EventLoop.monotonicNow
    let events = session.receive(bytes)
    flush()
    for event in events {
      switch event {
      case .text(let text): onText(self, text)
      case .closed, .failed:
        connection.close(afterFlush: true, flushTimeout: 1)
        finish()
      case .binary(let bytes): onBinary(self, bytes)
      case .ping, .pong: break
      }
    }
  }

  private func flush() {
    let out = session.takeOutput()
    if !out.isEmpty { connection.write(out) }
  }

  private func finish() {
    guard !isFinished else { return }
    isFinished = true
    onFinish(self)
  }
}
