import Central
import FoundationEssentials
import HTTP
import HallWire
import Logging
import Notices
import QueueCore
import Reactor
import Storage
import WebSocket

/// The hall behind the sockets: runs commands through the domain, records what they changed
/// in the open group commit (GroupCommit.swift), and lets replies, feed events and print jobs
/// out (Feed.swift) only once that batch is committed (DESIGN.md rule 1). Routes are in
/// Routes*.swift, the ticket boxes' socket protocol in KioskSocket.swift. Everything here
/// runs on the loop thread; the loop (or a test) decides when to `commit()`.
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
  /// Posts notices to the hall's `notify_webhook` (HallApp+Notices.swift); nil without one.
  var noticeSender: NoticeSender?
  let router = Router<Endpoint>.makeAPI()
  let feed: Feed
  private(set) var commits = GroupCommit()
  var kioskLimiter: RateLimiter
  /// Bookings and remote tickets per address (PROTOCOL 1.1: 20 an hour).
  var publicLimiter: RateLimiter
  private var clockBehindWarned = false
  /// Commits are failing for the disk: `/healthz` says so, and the episode's one resync is done.
  private(set) var storageFailing = false
  /// When screens were last told to resync for failing storage (monotonic seconds).
  private var lastStorageResync = -Double.infinity

  /// Asked for when a batch opens: the loop schedules `commit()` (DESIGN.md: an idle-priority
  /// trigger plus a short urgent timer so a busy loop can't starve it).
  var onBatchOpened: () -> Void = {}
  /// Asked for when a counter's action joins the open batch: the loop commits it next, ahead
  /// of the ticket requests already read in the same turn.
  var onCounterAction: () -> Void = {}
  /// Runs a period report off the loop (the server's `ReportThreads`); nil runs it inline on
  /// the loop's own store (component tests).
  var runReport:
    ((@escaping ReportWork, @escaping (Result<HTTPResponse, StorageError>) -> Void) -> Void)?
  /// The daily backup's state, for `/healthz` and `/metrics`; nil without `backup:`.
  var backupReport: () -> BackupReport? = { nil }
  /// Open HTTP connections, as the listener counts them (for `/metrics`).
  var httpConnections: () -> Int = { 0 }

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
    self.publicLimiter = RateLimiter(
      burst: limits.publicBookingsPerHour, perSecond: Double(limits.publicBookingsPerHour) / 3600)
    let (hall, recent) = try Self.restore(config: config, store: store, limits: limits, now: now)
    self.hall = hall
    self.feed = Feed(capacity: limits.replayEvents, recent: recent)
    warnIfClockIsBehind(now: now)
  }

  /// Rebuilds the hall from what is committed: at start-up, and after a failed commit.
  private static func restore(config: HallConfig, store: Store, limits: ServerLimits, now: Millis)
    throws(StorageError) -> (Hall, [(seq: Int64, json: [UInt8])])
  {
    let day = config.zone.day(of: now)
    let loaded = try store.loadHall(day: day, recentEventLimit: limits.replayEvents)
    let random = RandomPool()
    let hall = Hall(
      config: config, restoring: loaded.hall, now: now,
      makeTicketID: { generateTicketID(using: random) },
      makeTicketKey: {
        var pool = random
        return Hall.randomTicketKey(using: &pool)
      })
    let recent = loaded.recentEvents.filter { $0.box == nil }.map {
      (seq: $0.seq, json: Array($0.json.utf8))
    }
    return (hall, recent)
  }

  var lastSeq: Int64 { hall.lastSeq }

  // MARK: - Commands

  /// Runs `command`; `completion` gets the reply after its commit, or the refusal at once
  /// (a refused command changed nothing, so there is nothing to wait for). A new service
  /// day the command noticed is recorded on its own first, refused command or not, so no
  /// screen ever sees a day change that is not stored.
  func perform(
    _ command: Command, now: Millis, indonesian: Bool = false,
    completion: @escaping (Result<Reply, HTTPError>) -> Void
  ) {
    let step = hall.step(command, at: now)
    if let rollover = step.rollover {
      guard record(rollover, deliver: { _ in }) else {
        // The hall was rebuilt from the database: the command's result is gone with it.
        completion(.failure(.storage))
        return
      }
    }
    let outcome: Outcome
    switch step.result {
    case .failure(let error):
      completion(.failure(HTTPError(error, indonesian: indonesian)))
      return
    case .success(let o): outcome = o
    }
    let deliver = { (ok: Bool) in completion(ok ? .success(outcome.reply) : .failure(.storage)) }
    if outcome.events.isEmpty && outcome.changes.isEmpty {
      // A repeated request id: its ticket may sit in the open batch, so it waits too.
      if commits.isOpen {
        commits.add(delivery: deliver)
      } else {
        completion(.success(outcome.reply))
      }
      return
    }
    if !record(outcome, deliver: deliver) { completion(.failure(.storage)) }
  }

  /// Adds an outcome's rows and events to the open batch (opening one); false when storage
  /// failed, after which the hall has been rebuilt from what is committed.
  private func record(_ outcome: Outcome, deliver: @escaping (Bool) -> Void) -> Bool {
    var notices: [Notice] = []
    do throws(StorageError) {
      if try commits.openIfNeeded(store) { onBatchOpened() }
      // Numbering rows go once per service at COMMIT (GroupCommit), not once per ticket.
      var changes = outcome.changes
      commits.add(numbers: changes.sequences)
      changes.sequences = []
      try store.persist(changes)
      for event in outcome.events {
        let json = event.jsonBytes
        try store.append(
          EventRow(
            seq: event.seq, at: event.at, type: event.type, box: event.printBox,
            json: String(decoding: json, as: UTF8.self)))
        commits.add(
          frame: .init(
            seq: event.seq, bytes: SharedBytes(WebSocketFrame.serverText(json)),
            box: event.printBox))
        metrics.count(event)
      }
      notices = try storeNotices(after: outcome)
    } catch {
      logger.error("storage failed while recording a change: \(error)")
      fail(commits.abandon(store))
      return false
    }
    commits.countCommand()
    commits.add(delivery: deliver)
    if !notices.isEmpty {
      commits.add(delivery: { [weak self] ok in
        if ok { for n in notices { self?.noticeSender?.accept(n) } }
      })
    }
    return true
  }

  /// Commits the open batch, then lets its replies, events and print jobs out.
  func commit() {
    guard commits.isOpen else { return }
    let (batch, error) = commits.commit(store)
    if let error {
      logger.error("commit failed: \(error)")
      fail(batch)
      return
    }
    storageFailing = false
    metrics.recordCommit(
      seconds: EventLoop.monotonicNow - batch.openedAt, changes: batch.commands)
    feed.publish(batch.frames)
    for d in batch.deliveries { d(true) }
    for a in batch.attachments { a() }
  }

  /// The domain already moved on but its changes are not durable: refuse every waiting
  /// reply, rebuild the hall from the database, and make screens resync.
  private func fail(_ batch: GroupCommit.Batch) {
    for d in batch.deliveries { d(false) }
    // One resync per episode: while the disk stays full every commit fails, and closing
    // every screen each time would only make them reconnect in a storm. A nearly full disk
    // flaps (the small probe write fits, the next batch does not), so a failure soon after
    // a resync belongs to the same episode.
    let now = EventLoop.monotonicNow
    let episodeStarts = !storageFailing && now - lastStorageResync > 30
    storageFailing = store.isFailing
    do {
      let (hall, recent) = try Self.restore(
        config: config, store: store, limits: limits, now: wallClockMillis())
      self.hall = hall
      feed.reload(capacity: limits.replayEvents, recent: recent)
    } catch {
      logger.critical("cannot reload the hall after a failed commit: \(error)")
      fatalError("storage unusable: \(error)")
    }
    if episodeStarts {
      lastStorageResync = now
      feed.resync()
    }
    for a in batch.attachments { a() }
  }

  /// While the store reports commits failing (disk full, I/O): a small write, after giving
  /// the WAL's space back, tells whether they work again.
  func retryStorageIfFailing() {
    guard store.isFailing, !commits.isOpen else { return }
    store.reclaimJournalSpace()
    do throws(StorageError) {
      try store.begin()
      try store.setMeta("storage_checked_at", String(wallClockMillis()))
      try store.commit()
      logger.notice("storage works again")
    } catch {
      store.rollback()
    }
    storageFailing = store.isFailing
  }

  // MARK: - Feed connections

  /// A new feed connection: `since` replays what it missed when the ring still holds it,
  /// otherwise (or without `since`) it starts from a snapshot. A connection made while a
  /// batch is open is attached after it, so it never sees uncommitted state.
  func attach(_ peer: any FeedPeer, since: Int64?, now: Millis) {
    guard commits.isOpen else { return attachNow(peer, since: since, now: now) }
    commits.add { [weak self, weak peer] in
      guard let self, let peer else { return }
      self.attachNow(peer, since: since, now: now)
    }
  }

  private func attachNow(_ peer: any FeedPeer, since: Int64?, now: Millis) {
    feed.subscribe(peer, since: since, lastSeq: hall.lastSeq) {
      hall.snapshot(at: now, boxes: boxes()).jsonBytes
    }
    if let box = peer.box { resendPrintJobs(box: box, to: peer, now: now) }
  }

  func detach(_ peer: any FeedPeer) { feed.unsubscribe(peer) }

  func boxes() -> [BoxStatus] { feed.boxes(config.kiosks.map(\.id)) }

  // MARK: - Day

  /// Called by a timer: starts the new service day even when nobody issues or calls.
  func rolloverIfNeeded(now: Millis) {
    warnIfClockIsBehind(now: now)
    guard hall.needsRollover(at: now) else { return }
    perform(.rollover, now: now) { _ in }
  }

  /// A clock set back before the hall's service day: the hall stays on its day (numbers are
  /// never handed out twice), but someone should fix the clock. Once per episode.
  func warnIfClockIsBehind(now: Millis) {
    guard hall.clockIsBehind(at: now) else {
      clockBehindWarned = false
      return
    }
    guard !clockBehindWarned else { return }
    clockBehindWarned = true
    logger.warning(
      "the clock reads \(config.zone.rfc3339(now)), before the service day \(hall.day) already started; staying on \(hall.day) (check the system clock)"
    )
  }
}

func wallClockMillis() -> Millis {
  Millis((Date().timeIntervalSince1970 * 1000).rounded())
}
