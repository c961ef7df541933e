import CLibevent

/// A one-shot or repeating timer on a loop. Dropping the last reference cancels it.
public final class Timer {
  public let loop: EventLoop
  // Set once in init; optional only because the callback argument is `self`.
  private var event: OpaquePointer!
  private let repeating: Bool
  private let action: () -> Void

  public init(
    loop: EventLoop, priority: Int = EventLoop.normalPriority, repeating: Bool = false,
    _ action: @escaping () -> Void
  ) {
    self.loop = loop
    self.repeating = repeating
    self.action = action
    event = loop.makeEvent(
      flags: repeating ? EV_PERSIST : 0, priority: priority, owner: self, Trampolines.timerFired)
  }

  deinit {
    loop.release([event])
  }

  /// Arms the timer `seconds` from now (replacing an earlier schedule); a repeating timer then
  /// fires every `seconds`.
  public func schedule(after seconds: Double) {
    antre_event_add_after(event, Int64((max(0, seconds) * 1_000_000).rounded()))
  }

  public func cancel() {
    event_del(event)
  }

  public var isScheduled: Bool {
    event_pending(event, Int16(EV_TIMEOUT), nil) != 0
  }

  func fire() {
    action()
  }
}
