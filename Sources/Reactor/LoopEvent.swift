import CLibevent

extension EventLoop {
  /// A libevent event of this loop holding `owner` unretained: the owner keeps the object, and
  /// its deinit gives the event back with `release(_:)`.
  func makeEvent(
    fileDescriptor: Int32 = -1, flags: Int32 = 0, priority: Int, owner: AnyObject,
    _ callback: event_callback_fn
  ) -> OpaquePointer {
    guard
      let event = event_new(
        base, fileDescriptor, Int16(flags), callback, Unmanaged.passUnretained(owner).toOpaque())
    else { fatalError("event_new failed: out of memory") }
    event_priority_set(event, Int32(priority))
    return event
  }

  /// Removes `events` at once and frees them on a later pass: one of them may be the event whose
  /// callback is running now.
  func release(_ events: [OpaquePointer]) {
    for event in events { event_del(event) }
    soon { for event in events { event_free(event) } }
  }
}
