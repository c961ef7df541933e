import CLibevent

/// Every C callback Reactor registers. Each only recovers its object from the context pointer
/// and calls one Swift method; nothing else happens here.
enum Trampolines {
  static let loopSoon: event_callback_fn = { _, _, context in
    Unmanaged<EventLoop>.fromOpaque(context!).takeUnretainedValue().runSoon()
  }

  static let timerFired: event_callback_fn = { _, _, context in
    Unmanaged<Timer>.fromOpaque(context!).takeUnretainedValue().fire()
  }

  static let triggerFired: event_callback_fn = { _, _, context in
    Unmanaged<Trigger>.fromOpaque(context!).takeUnretainedValue().run()
  }

  static let descriptorReadable: event_callback_fn = { _, _, context in
    Unmanaged<ReadableWatcher>.fromOpaque(context!).takeUnretainedValue().fire()
  }

  static let signalCaught: event_callback_fn = { signal, _, context in
    Unmanaged<SignalWatcher>.fromOpaque(context!).takeUnretainedValue().caught(Int32(signal))
  }

  static let connectionReadable: bufferevent_data_cb = { _, context in
    Unmanaged<Connection>.fromOpaque(context!).takeUnretainedValue().readable()
  }

  static let connectionWritable: bufferevent_data_cb = { _, context in
    Unmanaged<Connection>.fromOpaque(context!).takeUnretainedValue().writable()
  }

  static let connectionEvent: bufferevent_event_cb = { _, what, context in
    Unmanaged<Connection>.fromOpaque(context!).takeUnretainedValue().event(what)
  }

  /// The output buffer is done with a `SharedBytes`: drop the retain `write` took.
  static let sharedBytesReleased: evbuffer_ref_cleanup_cb = { _, _, extra in
    Unmanaged<SharedBytes>.fromOpaque(extra!).release()
  }

  static let serverRequest: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = {
    request, context in
    Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue().received(request!)
  }

  static let serverNewBufferevent:
    @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> OpaquePointer? = {
      base, context in
      Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue().newBufferevent(base!)
    }

  static let serverInputGrew: evbuffer_cb_func = { buffer, info, context in
    let record = Unmanaged<HTTPServer.ConnectionRecord>.fromOpaque(context!).takeUnretainedValue()
    record.server?.inputGrew(record, buffer!, added: info!.pointee.n_added)
  }

  static let serverConnectionClosed:
    @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { evcon, context in
      Unmanaged<HTTPServer>.fromOpaque(context!).takeUnretainedValue().connectionClosed(evcon!)
    }

  static let clientResponse: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = {
    request, context in
    Unmanaged<HTTPClient.Exchange>.fromOpaque(context!).takeUnretainedValue().completed(request)
  }

  static let clientError: @convention(c) (evhttp_request_error, UnsafeMutableRawPointer?) -> Void =
    { error, context in
      Unmanaged<HTTPClient.Exchange>.fromOpaque(context!).takeUnretainedValue().failed(error)
    }
}
