/// Limits the HTTP server enforces. Defaults:
/// - `maxHeaderBytes` 8 KiB: request line plus headers; beyond it evhttp answers
///   `400 Bad Request` with its own small HTML body and closes the connection (evhttp 2.1.12
///   has no hook to render that one as JSON).
/// - `maxBodyBytes` 64 KiB: a larger body gets `413` with the protocol's JSON error
///   (`payload_too_large`) and the connection stays usable.
/// - `hardBodyCapBytes` 1 MiB: evhttp stops reading there (or at once, when `Content-Length`
///   announces more) and answers its own HTML `413`, closing the connection; this bounds the
///   memory one request can take.
/// - `idleTimeout` 30 s: a connection that sends nothing for this long (between or inside
///   requests) is closed. WebSocket connections taken over are exempt; they set their own.
/// - `maxConnections` 20,000, clamped below the process's open-file limit less 64 (call
///   `raiseOpenFileLimit()` first). Beyond it a new connection gets `503` with the protocol's
///   JSON error (`too_many_connections`) and is closed.
/// - `requestDeadline` 10 s: a request's head and body must all arrive within this time of
///   its first byte, however steadily they trickle; otherwise `408` (`request_timeout`) and
///   the connection closes. The idle timeout alone let one byte every few seconds hold a
///   connection forever.
/// - `maxConnectionsPerAddress` 256: beyond it a new connection from that address gets `503`
///   (`too_many_connections`) and is closed. Loopback (when `exemptsLoopback`) and the
///   `unlimitedAddresses` (a hall file's `trusted`, such as a reverse proxy) are exempt.
/// - Requests are checked byte by byte as they arrive (`RequestStreamCheck`): a malformed or
///   ambiguous head gets `400`, a `Transfer-Encoding` `411`, a `Content-Length` over
///   `hardBodyCapBytes` `413` at once; each closes the connection.
/// - Methods: GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH; others get evhttp's `501`.
public struct HTTPLimits: Sendable, Equatable {
  public var maxHeaderBytes: Int
  public var maxBodyBytes: Int
  public var hardBodyCapBytes: Int
  public var idleTimeout: Double
  public var maxConnections: Int
  /// The listen(2) backlog: connections the kernel queues while the loop is busy.
  public var backlog: Int
  public var requestDeadline: Double
  public var maxConnectionsPerAddress: Int
  public var unlimitedAddresses: Set<String>
  public var exemptsLoopback: Bool

  public init(
    maxHeaderBytes: Int = 8 * 1024, maxBodyBytes: Int = 64 * 1024,
    hardBodyCapBytes: Int = 1024 * 1024, idleTimeout: Double = 30, maxConnections: Int = 20_000,
    backlog: Int = 1024, requestDeadline: Double = 10, maxConnectionsPerAddress: Int = 256,
    unlimitedAddresses: Set<String> = [], exemptsLoopback: Bool = true
  ) {
    self.maxHeaderBytes = maxHeaderBytes
    self.maxBodyBytes = maxBodyBytes
    self.hardBodyCapBytes = max(hardBodyCapBytes, maxBodyBytes)
    self.idleTimeout = idleTimeout
    self.maxConnections = maxConnections
    self.backlog = backlog
    self.requestDeadline = requestDeadline
    self.maxConnectionsPerAddress = maxConnectionsPerAddress
    self.unlimitedAddresses = unlimitedAddresses
    self.exemptsLoopback = exemptsLoopback
  }

  /// Whether connections from `address` count against `maxConnectionsPerAddress`.
  public func capsConnections(from address: String) -> Bool {
    if unlimitedAddresses.contains(address) { return false }
    guard exemptsLoopback else { return true }
    return !(address == "::1" || address.hasPrefix("127.") || address.hasPrefix("::ffff:127."))
  }
}
