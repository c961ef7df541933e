import HallWire
import Reactor
import WebSocket

/// One connection on the feed: a hall screen, a counter console or a ticket box. The
/// server's WebSocket connections implement it; component tests use fakes.
protocol FeedPeer: AnyObject {
  /// Nil for a screen that connected without a token.
  var role: Role? { get }
  /// Queues a frame built once for every peer. False when the peer was dropped instead
  /// (it stopped reading and its backlog passed the bound); it then detaches itself.
  @discardableResult func send(frame: SharedBytes) -> Bool
  func close(_ code: CloseCode, reason: String)
}

extension FeedPeer {
  var box: String? {
    if case .kiosk(let id) = role { return id }
    return nil
  }

  var roleLabel: String {
    switch role {
    case nil: "display"
    case .admin: "admin"
    case .counter: "counter"
    case .kiosk: "kiosk"
    }
  }
}
