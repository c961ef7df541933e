import Central
import FoundationEssentials
import HTTP
import Logging
import QueueCore
import Reactor
import Storage
import WebSocket

/// The hall behind the sockets: runs commands through the domain, persists what they
/// changed in the open group-commit batch, and releases replies, feed events and print jobs
/// only once that batch is committed (DESIGN.md rule 1). Everything here runs on the loop
/// thread; the loop (or a test) decides when to `commit()`.
final class HallApp {
  let config: HallConfig
  private(set) var hall: Hall
  let store: Store
  let tokens: TokenTable
  let limits: ServerLimits
  let resourceRoot: String
  var logger: Logger
  var metrics = Metrics()
  /// The regional shipper's latest status, nil when the hall ships nowhere.
  var centralStatus: () -> ShipperStatus? = { nil }
  let router = Router<Endpoint>.makeAPI()

  /// Asked for when a batch opens: the loop schedules `commit()` (DESIGN.md: an idle-priority
  /// trigger plus a short urgent timer so a busy loop can't starve it).
  var onBatchOpened: () -> Void = {}
  /// Open HTTP connections, as the listener counts them (for `/metrics`).
  var httpConnections: () -> Int = { 0 }

  private var ring: ReplayRing<SharedBytes>
  /// Contiguous and strong, so fan-out walks an array instead of a dictionary's buckets;
  /// `peerSlots` finds a peer's place for removal by swap.
  private var peers: [any FeedPeer] = []
  private var peerSlots: [ObjectIdentifier: Int] = [:]
  private var boxConnections: [String: Int] = [:]
  private var boxPrinter: [String: PrinterStatus] = [:]
  private var kioskLimiter: RateLimiter
  private var batch = Batch()

  private struct Batch {
    var open = false
    var openedAt = 0.0
    var commands = 0
    var frames: [(seq: Int64, frame: SharedBytes, box: String?)] = []
    var deliveries: [(Bool) -> Void] = []
    /// Peers that connected while the batch was open: they must see committed state only.
    var attachments: [() -> Void] = []
  }

  init(
    config: HallConfig, store: Store, tokens: TokenTable, limits: ServerLimits,
    resourceRoot: String, now: Millis, logger: Logger
  ) throws(StorageError) {
    self.config = config
    self.store = store
    self.tokens = tokens
    self.limits = limits
    self.resourceRoot = resourceRoot
    self.logger = logger
    self.kioskLimiter = RateLimiter(
      burst: limits.kioskIssueBurst, perSecond: limits.kioskIssuesPerSecond)
    let (hall, ring) = try Self.restore(config: config, store: store, limits: limits, now: now)
    self.hall = hall
    self.ring = ring
  }

  /// Rebuilds the hall from what is committed: at start-up, and after a failed commit.
  private static func restore(config: HallConfig, store: Store, limits: ServerLimits, now: Millis)
    throws(StorageError) -> (Hall, ReplayRing<SharedBytes>)
  {
    let day = config.zone.day(of: now)
    let recovery = try store.loadRecovery(day: day, recentEventLimit: limits.replayEvents)
    let hall = Hall(
      config: config, restoring: HallState(recovery), now: now, makeTicketID: generateTicketID)
    let events = recovery.recentEvents
    let floor: Int64 =
      events.count < limits.replayEvents ? 0 : (events.first.map { $0.seq - 1 } ?? 0)
    var ring = ReplayRing<SharedBytes>(capacity: limits.replayEvents, floor: floor)
    for e in events where e.box == nil {
      ring.append(seq: e.seq, SharedBytes(WebSocketFrame.serverText(Array(e.json.utf8))))
    }
    return (hall, ring)
  }

  var lastSeq: Int64 { hall.lastSeq }
  // MARK: - Commands

  /// Runs `command`; `completion` gets the reply after its commit, or the refusal at once
  /// (a refused command changed nothing, so there is nothing to wait for).
  func perform(
    _ command: Command, now: Millis, indonesian: Bool = false,
    completion: @escaping (Result<Reply, HTTPError>) -> Void
  ) {
    let outcome: Outcome
    do {
      outcome = try hall.handle(command, at: now)
    } catch {
      completion(.failure(HTTPError(error, indonesian: indonesian)))
      return
    }
    let deliver = { (ok: Bool) in completion(ok ? .success(outcome.reply) : .failure(.storage)) }
    if outcome.events.isEmpty && outcome.changes.isEmpty {
      // A repeated request id: its ticket may sit in the open batch, so it waits too.
      if batch.open {
        batch.deliveries.append(deliver)
      } else {
        completion(.success(outcome.reply))
      }
      return
    }
    do throws(StorageError) {
      try openBatchIfNeeded()
      try store.persist(outcome.changes)
      for event in outcome.events {
        let json = event.jsonBytes
        try store.append(
          EventRow(
            seq: event.seq, at: event.at, type: event.type, box: event.printBox,
            json: String(decoding: json, as: UTF8.self)))
        batch.frames.append(
          (event.seq, SharedBytes(WebSocketFrame.serverText(json)), event.printBox))
        count(event)
      }
    } catch {
      logger.error("storage failed while recording a change: \(error)")
      completion(.failure(.storage))
      failBatch()
      return
    }
    batch.commands += 1
    batch.deliveries.append(deliver)
  }

  private func openBatchIfNeeded() throws(StorageError) {
    guard !batch.open else { return }
    try store.begin()
    batch.open = true
    batch.openedAt = EventLoop.monotonicNow
    onBatchOpened()
  }

  /// Commits the open batch, then lets its replies, events and print jobs out.
  func commit() {
    guard batch.open else { return }
    let b = batch
    batch = Batch()
    do {
      try store.commit()
    } catch {
      logger.error("commit failed: \(error)")
      batch = b
      failBatch()
      return
    }
    metrics.recordCommit(seconds: EventLoop.monotonicNow - b.openedAt, changes: b.commands)
    fanOut(b.frames)
    for d in b.deliveries { d(true) }
    for a in b.attachments { a() }
  }

  /// The domain already moved on but its changes are not durable: roll back, refuse every
  /// waiting reply, rebuild the hall from the database, and make screens resync.
  private func failBatch() {
    store.rollback()
    let b = batch
    batch = Batch()
    for d in b.deliveries { d(false) }
    do {
      (hall, ring) = try Self.restore(
        config: config, store: store, limits: limits, now: wallClockMillis())
    } catch {
      logger.critical("cannot reload the hall after a failed commit: \(error)")
      fatalError("storage unusable: \(error)")
    }
    for peer in peers { peer.close(.internalError, reason: "resync") }
    for a in b.attachments { a() }
  }

  private func count(_ event: Event) {
    guard let ticket = event.ticket else { return }
    switch event.body {
    case .issued: metrics.issued[ticket.service, default: 0] += 1
    case .finished where ticket.state == .done: metrics.served[ticket.service, default: 0] += 1
    default: break
    }
  }

  // MARK: - Feed

  /// A batch's frames in order. Consecutive frames for everyone (a call's `finished` and
  /// `called`) go out joined, so each peer gets one write and one backlog check for them.
  private func fanOut(_ frames: [(seq: Int64, frame: SharedBytes, box: String?)]) {
    var run: [SharedBytes] = []
    for f in frames {
      if let box = f.box {
        broadcast(run)
        run.removeAll()
        for peer in peers where peer.box == box { peer.send(frame: f.frame) }
      } else {
        ring.append(seq: f.seq, f.frame)
        run.append(f.frame)
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

  /// A new feed connection: `since` replays what it missed when the ring still holds it,
  /// otherwise (or without `since`) it starts from a snapshot.
  func attach(_ peer: any FeedPeer, since: Int64?, now: Millis) {
    if batch.open {
      batch.attachments.append { [weak self, weak peer] in
        guard let self, let peer else { return }
        self.attachNow(peer, since: since, now: now)
      }
    } else {
      attachNow(peer, since: since, now: now)
    }
  }

  private func attachNow(_ peer: any FeedPeer, since: Int64?, now: Millis) {
    let id = ObjectIdentifier(peer)
    if let slot = peerSlots[id] {
      peers[slot] = peer
    } else {
      peerSlots[id] = peers.count
      peers.append(peer)
    }
    if let box = peer.box {
      boxConnections[box, default: 0] += 1
      if boxPrinter[box] == nil || boxPrinter[box] == .offline { boxPrinter[box] = .ok }
    }
    var replayed = false
    if let since, case .events(let frames) = ring.replay(after: since, lastSeq: hall.lastSeq) {
      for f in frames { peer.send(frame: f) }
      replayed = true
    }
    if !replayed {
      send(hall.snapshot(at: now, boxes: boxes()), to: peer)
    }
    if let box = peer.box {
      for (job, ticket) in hall.pendingPrintJobs(box: box, at: now) {
        let seq = Int64(job.job.dropFirst()) ?? hall.lastSeq
        send(PrintMessage(seq: seq, job: job.job, ticket: ticket, box: box), to: peer)
      }
    }
  }

  func detach(_ peer: any FeedPeer) {
    guard let slot = peerSlots.removeValue(forKey: ObjectIdentifier(peer)) else { return }
    let last = peers.removeLast()
    if slot < peers.count {
      peers[slot] = last
      peerSlots[ObjectIdentifier(last)] = slot
    }
    if let box = peer.box {
      boxConnections[box, default: 1] -= 1
      if boxConnections[box] == 0 { boxPrinter[box] = .offline }
    }
  }

  func kioskAllows(_ box: String, monotonic: Double) -> Bool {
    kioskLimiter.allow(box, now: monotonic)
  }

  func isBoxConnected(_ box: String) -> Bool { boxConnections[box, default: 0] > 0 }

  func boxes() -> [BoxStatus] {
    config.kiosks.map { k in
      BoxStatus(
        id: k.id, connected: isBoxConnected(k.id),
        printer: isBoxConnected(k.id) ? boxPrinter[k.id] ?? .ok : .offline)
    }
  }

  var connectionCounts: [(String, Int)] {
    var counts: [String: Int] = ["display": 0, "counter": 0, "kiosk": 0, "admin": 0]
    for p in peers { counts[p.roleLabel, default: 0] += 1 }
    return counts.sorted { $0.key < $1.key }
  }

  var peerCount: Int { peers.count }

  func send(_ message: some Encodable, to peer: any FeedPeer) {
    guard let json = try? HTTPResponse.encode(message) else { return }
    peer.send(frame: SharedBytes(WebSocketFrame.serverText(json)))
  }

  /// A text message from a peer. Only ticket boxes talk; screens send control frames only.
  func receive(text: String, from peer: any FeedPeer, now: Millis, monotonic: Double) {
    guard let box = peer.box else {
      peer.close(.policyViolation, reason: "displays send no messages")
      return
    }
    let message: KioskMessage
    do {
      message = try JSONDecoder().decode(KioskMessage.self, from: Data(text.utf8))
    } catch {
      send(
        KioskError(request: nil, error: .badRequest("not a JSON message: \(describe(error))")),
        to: peer)
      return
    }
    switch message.type {
    case "issue":
      guard let request = message.request, !request.isEmpty, request.count <= 128 else {
        send(
          KioskError(
            request: message.request, error: .badRequest("`request` (1–128 characters) is required")
          ), to: peer)
        return
      }
      guard let service = message.service else {
        send(KioskError(request: request, error: .badRequest("`service` is required")), to: peer)
        return
      }
      guard kioskLimiter.allow(box, now: monotonic) else {
        send(KioskError(request: request, error: .rateLimited()), to: peer)
        return
      }
      perform(
        .issue(service: service, priority: message.priority ?? false, box: nil, request: request),
        now: now
      ) { [weak self, weak peer] result in
        guard let self, let peer else { return }
        switch result {
        case .success(.ticket(let ticket, _)):
          self.send(KioskTicket(request: request, ticket: ticket), to: peer)
        case .success:
          self.send(KioskError(request: request, error: .storage), to: peer)
        case .failure(let error):
          self.send(KioskError(request: request, error: error), to: peer)
        }
      }
    case "printed":
      guard let job = message.job else {
        send(KioskError(request: nil, error: .badRequest("`job` is required")), to: peer)
        return
      }
      perform(.printed(job: job), now: now) { _ in }
    case "printer":
      guard let status = message.status.flatMap(PrinterStatus.init(rawValue:)) else {
        send(
          KioskError(
            request: nil, error: .badRequest("`status` must be ok, paper_low, paper_out or offline")
          ), to: peer)
        return
      }
      boxPrinter[box] = status
    default:
      send(
        KioskError(
          request: message.request, error: .badRequest("unknown message type `\(message.type)`")),
        to: peer)
    }
  }

  // MARK: - Day

  /// Called by a timer: starts the new service day even when nobody issues or calls.
  func rolloverIfNeeded(now: Millis) {
    guard hall.needsRollover(at: now) else { return }
    perform(.rollover, now: now) { _ in }
  }
}

// MARK: - Messages over the feed

struct KioskMessage: Decodable {
  var type: String
  var request: String?
  var service: String?
  var priority: Bool?
  var job: String?
  var status: String?
}

struct KioskTicket: Encodable {
  var type = "ticket"
  var request: String
  var ticket: Ticket
}

struct KioskError: Encodable {
  var request: String?
  var error: HTTPError

  enum CodingKeys: String, CodingKey { case type, request, error }
  struct Body: Encodable {
    var code: String
    var message: String
  }

  func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode("error", forKey: .type)
    try c.encode(request, forKey: .request)
    try c.encode(Body(code: error.code, message: error.message), forKey: .error)
  }
}

/// A print job re-sent to a box that reconnected: the same shape as the `print` event.
struct PrintMessage: Encodable {
  var type = "print"
  var seq: Int64
  var job: String
  var ticket: Ticket
  var box: String
}

extension HTTPError {
  /// The domain words each refusal in English and Indonesian; `Accept-Language` chooses.
  init(_ e: QueueError, indonesian: Bool = false) {
    self.init(
      status: e.httpStatus, code: e.code.rawValue, message: indonesian ? e.messageID : e.message)
  }

  static let storage = HTTPError(
    status: 500, code: "internal_error", message: "the change could not be stored; try again")
}

func wallClockMillis() -> Millis {
  Millis((Date().timeIntervalSince1970 * 1000).rounded())
}

/// A decoding error in words an API user can act on.
func describe(_ error: any Error) -> String {
  guard let e = error as? DecodingError else { return "\(error)" }
  func path(_ ctx: DecodingError.Context) -> String {
    let p = ctx.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(
      separator: ".")
    return p.isEmpty ? "body" : "`\(p)`"
  }
  switch e {
  case .typeMismatch(let type, let ctx): return "\(path(ctx)) must be \(jsonTypeName(type))"
  case .valueNotFound(let type, let ctx):
    return "\(path(ctx)) must be \(jsonTypeName(type)), not null"
  case .keyNotFound(let key, _): return "`\(key.stringValue)` is required"
  case .dataCorrupted(let ctx):
    return ctx.codingPath.isEmpty ? "the body is not valid JSON" : "\(path(ctx)) is invalid"
  @unknown default: return "invalid body"
  }
}

private func jsonTypeName(_ type: Any.Type) -> String {
  switch type {
  case is String.Type: "a string"
  case is Bool.Type: "true or false"
  case is Int.Type, is Int64.Type: "an integer"
  default: "an object"
  }
}
