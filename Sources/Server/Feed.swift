import HallWire
import Reactor
import WebSocket

/// The feed's subscribers and what they are owed (DESIGN.md rule 4): the replay ring for
/// `since`, encode-once fan-out of committed frames, and the ticket boxes' connection and
/// printer state. Frames arrive here only after their commit. A class: a peer dropped during
/// fan-out unsubscribes itself from inside the loop over the subscribers.
final class Feed {
  private var ring: ReplayRing<SharedBytes>
  /// Contiguous and strong, so fan-out walks an array instead of a dictionary's buckets;
  /// `slots` finds a peer's place for removal by swap.
  private(set) var peers: [any FeedPeer] = []
  private var slots: [ObjectIdentifier: Int] = [:]
  private var boxConnections: [String: Int] = [:]
  private var boxPrinter: [String: PrinterStatus] = [:]

  init(capacity: Int, recent: [(seq: Int64, json: [UInt8])]) {
    ring = Feed.ring(capacity: capacity, recent: recent)
  }

  /// After a failed commit the ring is rebuilt from the database; subscribers stay.
  func reload(capacity: Int, recent: [(seq: Int64, json: [UInt8])]) {
    ring = Feed.ring(capacity: capacity, recent: recent)
  }

  private static func ring(capacity: Int, recent: [(seq: Int64, json: [UInt8])])
    -> ReplayRing<SharedBytes>
  {
    let floor: Int64 = recent.count < capacity ? 0 : (recent.first.map { $0.seq - 1 } ?? 0)
    var ring = ReplayRing<SharedBytes>(capacity: capacity, floor: floor)
    for e in recent { ring.append(seq: e.seq, SharedBytes(WebSocketFrame.serverText(e.json))) }
    return ring
  }

  // MARK: - Subscribers

  /// Adds the peer and sends what it missed: a replay after `since` when the ring still holds
  /// it all, else `snapshot()`.
  func subscribe(
    _ peer: any FeedPeer, since: Int64?, lastSeq: Int64, snapshot: () -> [UInt8]
  ) {
    let id = ObjectIdentifier(peer)
    if let slot = slots[id] {
      peers[slot] = peer
    } else {
      slots[id] = peers.count
      peers.append(peer)
    }
    if let box = peer.box {
      boxConnections[box, default: 0] += 1
      if boxPrinter[box] == nil || boxPrinter[box] == .offline { boxPrinter[box] = .ok }
    }
    if let since, case .events(let frames) = ring.replay(after: since, lastSeq: lastSeq) {
      for f in frames { peer.send(frame: f) }
    } else {
      peer.send(frame: SharedBytes(WebSocketFrame.serverText(snapshot())))
    }
  }

  func unsubscribe(_ peer: any FeedPeer) {
    guard let slot = slots.removeValue(forKey: ObjectIdentifier(peer)) else { return }
    let last = peers.removeLast()
    if slot < peers.count {
      peers[slot] = last
      slots[ObjectIdentifier(last)] = slot
    }
    if let box = peer.box {
      boxConnections[box, default: 1] -= 1
      if boxConnections[box] == 0 { boxPrinter[box] = .offline }
    }
  }

  func send(_ message: some JSONWritable, to peer: any FeedPeer) {
    peer.send(frame: SharedBytes(WebSocketFrame.serverText(message.jsonBytes)))
  }

  /// Tells every subscriber to reconnect with `since` (their view may include what was lost).
  func resync() {
    for peer in peers { peer.close(.internalError, reason: "resync") }
  }

  // MARK: - Fan-out

  /// A committed batch's frames in order. Consecutive frames for everyone (a call's
  /// `finished` and `called`) go out joined, so each peer gets one write and one backlog
  /// check for them; print jobs go only to their box.
  func publish(_ frames: [GroupCommit.Frame]) {
    var run: [SharedBytes] = []
    for f in frames {
      if let box = f.box {
        broadcast(run)
        run.removeAll()
        for peer in peers where peer.box == box { peer.send(frame: f.bytes) }
      } else {
        ring.append(seq: f.seq, f.bytes)
        run.append(f.bytes)
      }
    }
    broadcast(run)
  }

  private func broadcast(_ frames: [SharedBytes]) {
    guard let first = frames.first else { return }
    var frame = first
    if frames.count > 1 {
      var joined: [UInt8] = []
      joined.reserveCapacity(frames.reduce(0) { $0 + $1.count })
      for f in frames { joined.append(contentsOf: f.bytes) }
      frame = SharedBytes(joined)
    }
    // Iterates a copy: a peer dropped for its backlog detaches itself meanwhile.
    for peer in peers { peer.send(frame: frame) }
  }

  // MARK: - Ticket boxes

  func isBoxConnected(_ box: String) -> Bool { boxConnections[box, default: 0] > 0 }

  func setPrinter(_ status: PrinterStatus, box: String) { boxPrinter[box] = status }

  func boxes(_ ids: [String]) -> [BoxStatus] {
    ids.map { id in
      BoxStatus(
        id: id, connected: isBoxConnected(id),
        printer: isBoxConnected(id) ? boxPrinter[id] ?? .ok : .offline)
    }
  }

  var connectionCounts: [(String, Int)] {
    var counts: [String: Int] = ["display": 0, "counter": 0, "kiosk": 0, "admin": 0]
    for p in peers { counts[p.roleLabel, default: 0] += 1 }
    return counts.sorted { $0.key < $1.key }
  }
}
