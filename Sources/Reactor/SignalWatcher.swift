import CLibevent

#if canImport(Glibc)
  import Glibc
#endif

public enum Signal: Sendable, Hashable, CaseIterable {
  case interrupt, terminate, hangup
  /// SIGWINCH: the terminal window was resized (the officer console redraws).
  case windowChanged

  var number: Int32 {
    switch self {
    case .interrupt: SIGINT
    case .terminate: SIGTERM
    case .hangup: SIGHUP
    case .windowChanged: SIGWINCH
    }
  }
}

/// Delivers signals as ordinary loop callbacks (libevent's self-pipe), so the handler may do
/// anything the loop may do. SIGPIPE is ignored by every `EventLoop`.
public final class SignalWatcher {
  public let loop: EventLoop
  private var events: [(Signal, OpaquePointer)] = []
  private let action: (Signal) -> Void

  public init(
    loop: EventLoop, signals: [Signal] = [.interrupt, .terminate],
    _ action: @escaping (Signal) -> Void
  ) {
    self.loop = loop
    self.action = action
    for signal in signals {
      guard
        let event = antre_evsignal_new(
          loop.base, signal.number, Trampolines.signalCaught,
          Unmanaged.passUnretained(self).toOpaque())
      else { fatalError("evsignal_new failed") }
      event_priority_set(event, Int32(EventLoop.urgentPriority))
      event_add(event, nil)
      events.append((signal, event))
    }
    // A process inherits its parent's signal mask: started from a test runner or a service
    // manager that blocks these, the handler would never run and SIGTERM would be ignored.
    var set = sigset_t()
    sigemptyset(&set)
    for signal in signals { sigaddset(&set, signal.number) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
  }

  deinit {
    loop.release(events.map(\.1))
  }

  func caught(_ number: Int32) {
    guard let signal = events.first(where: { $0.0.number == number })?.0 else { return }
    action(signal)
  }
}
