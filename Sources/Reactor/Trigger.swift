import CLibevent

/// An event fired by hand (`event_active`), run on a later pass of the loop at its priority.
/// Fired again before it runs, it still runs once. At `EventLoop.idlePriority` it runs only
/// once nothing more urgent is ready: the group commit's trick.
public final class Trigger {
  public let loop: EventLoop
  // Set once in init; optional only because the callback argument is `self`.
  private var event: OpaquePointer!
  private let action: () -> Void

  public init(
    loop: EventLoop, priority: Int = EventLoop.normalPriority, _ action: @escaping () -> Void
  ) {
    self.loop = loop
    self.action = action
    event = loop.makeEvent(priority: priority, owner: self, Trampolines.triggerFired)
  }

  deinit {
    loop.release([event])
  }

  public func fire() {
    event_active(event, EV_TIMEOUT, 0)
  }

  /// True between `fire()` and the run of the action.
  public var isPending: Bool {
    event_pending(event, Int16(EV_TIMEOUT), nil) != 0
  }

  func run() {
    action()
  }
}
