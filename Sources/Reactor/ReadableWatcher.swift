import CLibevent

/// Calls `action` on the loop each time a file descriptor the caller owns becomes readable
/// (a terminal's standard input, say). The action must read, or it is called again at once.
/// Dropping the last reference stops the watching; the descriptor itself is never closed here.
public final class ReadableWatcher {
  public let loop: EventLoop
  public let fileDescriptor: Int32
  // Set once in init; optional only because the callback argument is `self`.
  private var event: OpaquePointer!
  private let action: () -> Void

  public init(
    loop: EventLoop, fileDescriptor: Int32, priority: Int = EventLoop.normalPriority,
    _ action: @escaping () -> Void
  ) {
    self.loop = loop
    self.fileDescriptor = fileDescriptor
    self.action = action
    // The event holds `self` unretained: the owner keeps the object, deinit removes the event.
    event = event_new(
      loop.base, fileDescriptor, Int16(EV_READ | EV_PERSIST), Trampolines.descriptorReadable,
      Unmanaged.passUnretained(self).toOpaque())
    guard event != nil else { fatalError("event_new failed: out of memory") }
    event_priority_set(event, Int32(priority))
    event_add(event, nil)
  }

  deinit {
    event_del(event)
    let event = self.event
    loop.soon { event_free(event) }
  }

  /// Stops watching; the watcher cannot be restarted.
  public func cancel() {
    event_del(event)
  }

  func fire() {
    action()
  }
}
