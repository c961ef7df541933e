import CLibevent

#if canImport(Glibc)
  import Glibc
#endif

/// One libevent `event_base`, run on one thread. Every Reactor object belongs to one loop and
/// keeps it alive, so the base is freed only after everything registered on it.
///
/// Priorities: 0 runs first, higher numbers only when nothing more urgent is ready.
/// Sockets, timers and HTTP use `EventLoop.normalPriority` (1) unless told otherwise.
public final class EventLoop {
  /// Runs before anything else that is ready (a deadline that must not starve).
  public static let urgentPriority = 0
  /// Where sockets, HTTP and ordinary timers run.
  public static let normalPriority = 1
  /// Runs only in a loop turn where nothing at a higher priority is ready (group commit).
  public static let idlePriority = 2

  let base: OpaquePointer
  public let priorities: Int
  private var soon: [() -> Void] = []
  private var soonEvent: OpaquePointer?

  /// - Parameter priorities: how many priority levels; 3 gives urgent, normal and idle.
  public init(priorities: Int = 3) {
    // A write to a socket the peer closed must be an EPIPE error, not a process kill.
    ignoreBrokenPipeSignal()
    guard let base = event_base_new() else { fatalError("event_base_new failed: out of memory") }
    self.base = base
    self.priorities = max(1, priorities)
    event_base_priority_init(base, Int32(self.priorities))
    soonEvent = event_new(
      base, -1, 0, Trampolines.loopSoon, Unmanaged.passUnretained(self).toOpaque())
    event_priority_set(soonEvent, 0)
  }

  deinit {
    // Releases deferred from objects that died while the loop was not running.
    while !soon.isEmpty {
      let work = soon
      soon = []
      for item in work { item() }
    }
    event_free(soonEvent)
    event_base_free(base)
  }

  /// Runs until `stop()` is called; returns at once if nothing is registered at all.
  public func run() {
    event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY)
  }

  /// Makes `run()` return after the callback now running.
  public func stop() {
    event_base_loopbreak(base)
  }

  /// One loop turn: waits for at least one event unless `nonBlocking`, runs what is ready.
  public func runOnce(nonBlocking: Bool = false) {
    event_base_loop(base, nonBlocking ? EVLOOP_NONBLOCK : EVLOOP_ONCE)
  }

  /// Runs loop turns until `condition` holds or `timeout` seconds pass; true if it held.
  /// Meant for tests and for the synchronous client, which drive the loop themselves.
  @discardableResult
  public func run(until condition: () -> Bool, timeout: Double) -> Bool {
    let deadline = monotonicNow + timeout
    let wakeup = Timer(loop: self, priority: EventLoop.urgentPriority, repeating: true) {}
    wakeup.schedule(after: min(0.05, max(timeout, 0.001)))
    defer { wakeup.cancel() }
    while !condition() {
      if monotonicNow >= deadline { return false }
      runOnce()
    }
    return true
  }

  /// Seconds on the monotonic clock (`clock_gettime(CLOCK_MONOTONIC)`): for intervals only.
  public var monotonicNow: Double { EventLoop.monotonicNow }

  public static var monotonicNow: Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
  }

  /// Runs `work` on this loop after the current callback returns, ahead of ordinary events.
  /// Objects use it to free their C side outside their own callbacks.
  public func soon(_ work: @escaping () -> Void) {
    soon.append(work)
    if soon.count == 1 { event_active(soonEvent, EV_TIMEOUT, 0) }
  }

  func runSoon() {
    let work = soon
    soon = []
    for item in work { item() }
  }
}
