import CLibpq
import Reactor

/// Statements run on an event loop without waiting for PostgreSQL: each is sent with
/// `PQsendQueryParams`, and its answer is read when the connection's socket turns readable
/// (`PQconsumeInput`, `PQisBusy`, `PQgetResult`). One statement is on the wire at a time; the
/// others queue, at most `maxQueued`.
///
/// Connecting is the exception: it uses `PQconnectdbParams`, which waits up to the connect
/// timeout. `antre central` reads only PostgreSQL, so while PostgreSQL is unreachable it has
/// nothing else to do; the wait happens once per failed attempt, at most every
/// `retryAfterSeconds`, and the statements meanwhile fail at once with `.unavailable`.
public final class PostgresClient {
  public typealias Completion = (Result<QueryResult, PostgresError>) -> Void

  public let loop: EventLoop
  public let url: String
  public var maxQueued = 256
  public var retryAfterSeconds = 2.0

  private struct Pending {
    var sql: String
    var parameters: [String?]
    var completion: Completion
  }

  private var connection: PostgresConnection?
  private var watcher: ReadableWatcher?
  private var flushTimer: Timer?
  private var queue: [Pending] = []
  private var inFlight: Pending?
  private var outcome: Result<QueryResult, PostgresError>?
  private var lastFailedConnect = -Double.infinity
  private var lastConnectError = ""

  public init(loop: EventLoop, url: String) throws(PostgresError) {
    try PostgresConnection.validate(url: url)
    self.loop = loop
    self.url = url
  }

  /// Runs `sql` with `parameters` bound as $1, $2 …; `completion` runs on the loop, later.
  public func query(
    _ sql: String, _ parameters: [String?] = [], completion: @escaping Completion
  ) {
    guard queue.count < maxQueued else {
      loop.soon { completion(.failure(.unavailable("too many statements queued"))) }
      return
    }
    queue.append(Pending(sql: sql, parameters: parameters, completion: completion))
    if inFlight == nil { loop.soon { [weak self] in self?.sendNext() } }
  }

  /// Connects now (waiting), so a wrong URL or password shows at start-up.
  public func connect() throws(PostgresError) {
    if let connection, connection.isHealthy { return }
    drop()
    let fresh = try PostgresConnection(url: url, applicationName: "antre central")
    // Non-blocking: PQsendQueryParams and PQflush then never wait for the socket.
    PQsetnonblocking(fresh.handle, 1)
    connection = fresh
    watcher = ReadableWatcher(loop: loop, fileDescriptor: PQsocket(fresh.handle)) {
      [unowned self] in self.readable()
    }
  }

  private func sendNext() {
    guard inFlight == nil, !queue.isEmpty else { return }
    if connection == nil || connection?.isHealthy == false {
      guard loop.monotonicNow - lastFailedConnect >= retryAfterSeconds else {
        failAll(.unavailable(lastConnectError))
        return
      }
      do {
        try connect()
      } catch {
        lastFailedConnect = loop.monotonicNow
        lastConnectError = error.message
        failAll(error)
        return
      }
    }
    guard let connection else { return }
    let next = queue.removeFirst()
    inFlight = next
    outcome = nil
    let sent = withCStrings(next.parameters) { values in
      PQsendQueryParams(
        connection.handle, next.sql, Int32(next.parameters.count), nil, values, nil, nil, 0)
    }
    guard sent == 1 else {
      broken(connection.errorMessage)
      return
    }
    flush()
  }

  /// Pushes the statement out. A large one may not fit the socket buffer at once; libpq then
  /// answers 1 and is asked again shortly (statements here are small: this is rare).
  private func flush() {
    guard let connection else { return }
    switch PQflush(connection.handle) {
    case 0: return
    case 1:
      let timer = flushTimer ?? Timer(loop: loop) { [unowned self] in self.flush() }
      flushTimer = timer
      timer.schedule(after: 0.001)
    default: broken(connection.errorMessage)
    }
  }

  private func readable() {
    guard let connection else { return }
    guard PQconsumeInput(connection.handle) == 1 else {
      broken(connection.errorMessage)
      return
    }
    // Results of a finished statement arrive one by one until PQgetResult answers NULL.
    while inFlight != nil, PQisBusy(connection.handle) == 0 {
      guard let result = PQgetResult(connection.handle) else {
        finish()
        return
      }
      defer { PQclear(result) }
      do {
        let rows = try QueryResult.take(result)
        if case .failure = outcome {} else { outcome = .success(rows) }
      } catch {
        outcome = .failure(error)
      }
    }
  }

  private func finish() {
    guard let done = inFlight else { return }
    inFlight = nil
    let result = outcome ?? .failure(.unexpectedResult("no result"))
    outcome = nil
    done.completion(result)
    sendNext()
  }

  /// The connection failed mid-statement: that statement and the queued ones fail, and the
  /// next statement connects again.
  private func broken(_ message: String) {
    let failed = inFlight
    inFlight = nil
    outcome = nil
    // Released on a later pass: this may run inside the watcher's own callback.
    watcher?.cancel()
    let retired = (connection, watcher, flushTimer)
    connection = nil
    watcher = nil
    flushTimer = nil
    loop.soon { _ = retired }
    failed?.completion(.failure(.unavailable(message)))
    failAll(.unavailable(message))
  }

  private func failAll(_ error: PostgresError) {
    let waiting = queue
    queue.removeAll()
    for p in waiting { p.completion(.failure(error)) }
  }

  private func drop() {
    watcher?.cancel()
    watcher = nil
    flushTimer = nil
    connection = nil
  }
}
