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
    event = loop.makeEvent(
      fileDescriptor: fileDescriptor, flags: EV_READ | EV_PERSIST, priority: priority, owner: self,
      Trampolines.descriptorReadable)
    event_add(event, nil)
  }

  deinit {
    loop.release([event])
  }

  /// Stops watching; the watcher cannot be restarted.
  public func cancel() {
    event_del(event)
  }

  func fire() {
    action()
  }
}
