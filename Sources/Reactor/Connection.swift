import CLibevent

#if canImport(Glibc)
  import Glibc
#endif

/// A byte stream over a libevent bufferevent: a WebSocket taken over from the HTTP server, or
/// an outgoing client connection. The loop owns it while it is open (the C callbacks hold a
/// retain), so callers need not keep it alive; the C side is freed on a later loop pass, never
/// inside its own callback.
public final class Connection {
  public enum CloseReason: Sendable, Equatable {
    /// The peer closed its side.
    case eof
    /// A socket error (reset, unreachable…), with the system's text.
    case error(String)
    /// No bytes arrived within the read timeout, or a flush before close did not finish.
    case timeout
    /// `close()` was called here.
    case closedLocally
  }

  private enum Owner {
    /// A bufferevent this connection created and frees.
    case own
    /// A connection taken over from evhttp, which still owns the bufferevent.
    case evhttp(evcon: OpaquePointer, server: HTTPServer)
  }

  private enum State {
    case connecting
    case open
    /// Reading stopped; closes once the output is sent.
    case flushing
    case closed
  }

  public let loop: EventLoop
  /// The peer's IP address, without the port ("" while connecting).
  public private(set) var remoteAddress: String
  /// Called with each batch of received bytes (the input buffer is drained first).
  public var onRead: ([UInt8]) -> Void = { _ in }
  /// Called once, however the connection ends, including `close()`.
  public var onClose: (CloseReason) -> Void = { _ in }
  /// Called when all queued output has been handed to the kernel.
  public var onDrained: () -> Void = {}
  /// Output bytes that may wait for the peer; nil for no bound. A write that would pass it
  /// closes the connection at once instead (`onClose(.error)`): whatever is queued (pongs,
  /// close frames, data) counts, so a peer that sends but never reads cannot grow memory.
  public var maxPendingOutput: Int?

  private let bev: OpaquePointer
  private let owner: Owner
  private var state: State
  private var onConnected: ((Result<Connection, ConnectError>) -> Void)?
  private var target: (host: String, port: Int)?
  private var readTimeout: Double?

  private init(loop: EventLoop, bev: OpaquePointer, owner: Owner, state: State) {
    self.loop = loop
    self.bev = bev
    self.owner = owner
    self.state = state
    self.remoteAddress = ""
    // Balanced in `finish()`: the loop keeps the connection alive until then.
    let context = Unmanaged.passRetained(self).toOpaque()
    bufferevent_setcb(
      bev, Trampolines.connectionReadable, Trampolines.connectionWritable,
      Trampolines.connectionEvent, context)
    if state == .open { remoteAddress = Self.peerAddress(bev) }
  }

  /// Takes over an evhttp connection. Order matters (DESIGN.md): callbacks, then enable, then
  /// clear evhttp's timeouts, or a stale evhttp read timeout kills the socket later.
  static func takeOver(
    loop: EventLoop, evcon: OpaquePointer, bev: OpaquePointer, server: HTTPServer
  ) -> Connection {
    let connection = Connection(
      loop: loop, bev: bev, owner: .evhttp(evcon: evcon, server: server), state: .open)
    bufferevent_enable(bev, Int16(EV_READ | EV_WRITE))
    antre_bufferevent_set_timeouts(bev, -1, -1)
    if evbuffer_get_length(bufferevent_get_input(bev)) > 0 {
      // Bytes that arrived with the request: deliver them once the caller has set `onRead`.
      loop.soon { [connection] in connection.readable() }
    }
    return connection
  }

  // MARK: - Outgoing

  public enum ConnectError: Error, Sendable, Equatable {
    case unresolvable(host: String)
    case refused(host: String, port: Int)
    case timeout(host: String, port: Int)
    case failed(host: String, port: Int, reason: String)
  }

  /// Connects to `host:port`. The host name is resolved synchronously (getaddrinfo), which is
  /// fine for the clients that use this (a ticket box, the officer console).
  /// `onConnected` is always called later from the loop, never from inside this call.
  @discardableResult
  public static func connect(
    loop: EventLoop, host: String, port: Int, timeout: Double = 10,
    onConnected: @escaping (Result<Connection, ConnectError>) -> Void
  ) -> Connection {
    let bev = bufferevent_socket_new(loop.base, -1, Int32(BEV_OPT_CLOSE_ON_FREE.rawValue))!
    let connection = Connection(loop: loop, bev: bev, owner: .own, state: .connecting)
    connection.onConnected = onConnected
    connection.target = (host, port)
    // While connecting, completion waits for writability: the write timeout bounds it.
    antre_bufferevent_set_timeouts(bev, -1, Int64(timeout * 1_000_000))
    bufferevent_enable(bev, Int16(EV_READ | EV_WRITE))
    if bufferevent_socket_connect_hostname(bev, nil, AF_UNSPEC, host, Int32(port)) != 0 {
      let dnsError = bufferevent_socket_get_dns_error(bev)
      let error: ConnectError =
        dnsError != 0
        ? .unresolvable(host: host)
        : .failed(host: host, port: port, reason: Self.systemError())
      loop.soon { connection.failConnect(error) }
    }
    return connection
  }

  // MARK: - Writing

  public func write(_ bytes: [UInt8]) {
    guard state == .open || state == .connecting, !bytes.isEmpty, admits(bytes.count) else {
      return
    }
    bytes.withUnsafeBytes { _ = bufferevent_write(bev, $0.baseAddress, $0.count) }
  }

  /// Queues shared bytes without copying them (see `SharedBytes`).
  public func write(_ shared: SharedBytes) {
    guard state == .open || state == .connecting, shared.count > 0, admits(shared.count) else {
      return
    }
    let retained = Unmanaged.passRetained(shared).toOpaque()
    if evbuffer_add_reference(
      bufferevent_get_output(bev), shared.pointer, shared.count, Trampolines.sharedBytesReleased,
      retained) != 0
    {
      Unmanaged<SharedBytes>.fromOpaque(retained).release()
    }
  }

  private func admits(_ count: Int) -> Bool {
    guard let maxPendingOutput, pendingOutputBytes + count > maxPendingOutput else { return true }
    finish(.error("the peer is not reading: over \(maxPendingOutput) bytes wait for it"))
    return false
  }

  /// Bytes queued but not yet taken by the kernel: a screen that lets this grow is too slow.
  public var pendingOutputBytes: Int {
    state == .closed ? 0 : evbuffer_get_length(bufferevent_get_output(bev))
  }

  public var isOpen: Bool { state == .open }

  /// Closes the connection when no bytes arrive for `seconds`; nil turns that off.
  public func setReadTimeout(_ seconds: Double?) {
    readTimeout = seconds
    guard state == .open else { return }
    antre_bufferevent_set_timeouts(bev, seconds.map { Int64($0 * 1_000_000) } ?? -1, -1)
  }

  /// Closes the connection. With `afterFlush`, reading stops at once and the socket closes when
  /// the queued output is sent (or after `flushTimeout` seconds); `onClose` then gets
  /// `.closedLocally`.
  public func close(afterFlush: Bool = true, flushTimeout: Double = 5) {
    switch state {
    case .closed: return
    case .flushing: if !afterFlush { finish(.closedLocally) }
    case .connecting: finish(.closedLocally)
    case .open:
      guard afterFlush, pendingOutputBytes > 0 else { return finish(.closedLocally) }
      state = .flushing
      bufferevent_disable(bev, Int16(EV_READ))
      antre_bufferevent_set_timeouts(bev, -1, Int64(flushTimeout * 1_000_000))
    }
  }

  // MARK: - Callbacks (from Trampolines)

  func readable() {
    guard state == .open else { return }
    let input = bufferevent_get_input(bev)
    let length = evbuffer_get_length(input)
    guard length > 0 else { return }
    var bytes = [UInt8](repeating: 0, count: length)
    bytes.withUnsafeMutableBytes { _ = evbuffer_remove(input, $0.baseAddress, length) }
    onRead(bytes)
  }

  func writable() {
    switch state {
    case .flushing: finish(.closedLocally)
    case .open: onDrained()
    case .connecting, .closed: break
    }
  }

  func event(_ what: Int16) {
    let what = Int32(what)
    if what & Int32(BEV_EVENT_CONNECTED) != 0 {
      guard state == .connecting else { return }
      state = .open
      remoteAddress = Self.peerAddress(bev)
      antre_bufferevent_set_timeouts(bev, readTimeout.map { Int64($0 * 1_000_000) } ?? -1, -1)
      let callback = onConnected
      onConnected = nil
      callback?(.success(self))
      return
    }
    if state == .connecting, let target {
      let error: ConnectError
      if what & Int32(BEV_EVENT_TIMEOUT) != 0 {
        error = .timeout(host: target.host, port: target.port)
      } else if bufferevent_socket_get_dns_error(bev) != 0 {
        error = .unresolvable(host: target.host)
      } else if errno == ECONNREFUSED {
        error = .refused(host: target.host, port: target.port)
      } else {
        error = .failed(host: target.host, port: target.port, reason: Self.systemError())
      }
      return failConnect(error)
    }
    if what & Int32(BEV_EVENT_TIMEOUT) != 0 {
      finish(.timeout)
    } else if what & Int32(BEV_EVENT_EOF) != 0 {
      finish(.eof)
    } else {
      finish(.error(Self.systemError()))
    }
  }

  // MARK: - Teardown

  private func failConnect(_ error: ConnectError) {
    guard state == .connecting else { return }
    let callback = onConnected
    onConnected = nil
    finish(nil)
    callback?(.failure(error))
  }

  /// Stops all callbacks now, reports the close, and frees the C side on a later pass.
  private func finish(_ reason: CloseReason?) {
    guard state != .closed else { return }
    state = .closed
    bufferevent_disable(bev, Int16(EV_READ | EV_WRITE))
    bufferevent_setcb(bev, nil, nil, nil, nil)
    let onClose = self.onClose
    self.onRead = { _ in }
    self.onClose = { _ in }
    self.onDrained = {}
    if let reason { onClose(reason) }
    let bev = self.bev
    let owner = self.owner
    let retained = Unmanaged.passUnretained(self)
    loop.soon {
      switch owner {
      case .own: bufferevent_free(bev)
      case .evhttp(let evcon, _): evhttp_connection_free(evcon)
      }
      retained.release()
    }
  }

  private static func peerAddress(_ bev: OpaquePointer) -> String {
    var text = [CChar](repeating: 0, count: 64)
    guard antre_socket_peer_address(bufferevent_getfd(bev), &text, text.count) == 0 else {
      return ""
    }
    return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  private static func systemError() -> String {
    String(cString: strerror(errno))
  }
}
