import CLibpq

#if canImport(Glibc)
  import Glibc
#endif

/// One libpq connection (`PGconn`). Not `Sendable`: one thread or one loop owns it.
///
/// Two ways to run a statement: `execute` waits for the answer (for a thread of its own, like
/// the hall's shipper); `PostgresClient` sends it and reads the answer when the socket is
/// readable (for an event loop, like `antre central`). Values go in only as bound parameters
/// in text form, never spliced into SQL.
public final class PostgresConnection {
  let handle: OpaquePointer

  /// Connects to `url` (`postgres://USER:PASS@HOST:PORT/DB` or any libpq conninfo) with
  /// `PQconnectdbParams`, waiting at most `timeoutSeconds` for the server.
  public init(url: String, applicationName: String = "antre", timeoutSeconds: Int = 3)
    throws(PostgresError)
  {
    try Self.validate(url: url)
    // expand_dbname = 1: the first "dbname" value is the whole URL, the others add to it.
    let keywords = ["dbname", "connect_timeout", "application_name", "client_encoding"]
    let values = [url, String(max(1, timeoutSeconds)), applicationName, "UTF8"]
    let connection = withCStrings(keywords + [nil]) { keywordArray in
      withCStrings(values + [nil]) { valueArray in
        PQconnectdbParams(keywordArray, valueArray, 1)
      }
    }
    guard let connection else { throw .unavailable("out of memory") }
    guard PQstatus(connection) == CONNECTION_OK else {
      let message = trimmed(String(cString: PQerrorMessage(connection)))
      PQfinish(connection)
      throw .unavailable(message)
    }
    handle = connection
    // Server notices ("relation already exists, skipping") would go to stderr otherwise.
    PQsetNoticeProcessor(handle, { _, _ in }, nil)
  }

  deinit {
    PQfinish(handle)
  }

  /// Checks that `url` parses as a libpq connection string or URL (`PQconninfoParse`),
  /// without connecting: a typo in a hall file is reported at start-up.
  public static func validate(url: String) throws(PostgresError) {
    guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
      throw .badURL("\(url) does not start with postgres://")
    }
    var error: UnsafeMutablePointer<CChar>?
    guard let options = PQconninfoParse(url, &error) else {
      let message = error.map { trimmed(String(cString: $0)) } ?? "out of memory"
      PQfreemem(error)
      throw .badURL(message)
    }
    PQconninfoFree(options)
  }

  /// Whether the connection is still usable (`PQstatus`); false after the server went away.
  public var isHealthy: Bool { PQstatus(handle) == CONNECTION_OK }

  /// Runs one statement with `parameters` bound as $1, $2 … (`PQexecParams`) and waits.
  @discardableResult
  public func execute(_ sql: String, _ parameters: [String?] = []) throws(PostgresError)
    -> QueryResult
  {
    let result = withCStrings(parameters) { values in
      PQexecParams(handle, sql, Int32(parameters.count), nil, values, nil, nil, 0)
    }
    return try take(result)
  }

  /// Runs a script of several statements without parameters (`PQexec`): migrations only,
  /// whose SQL is fixed text written in this program.
  public func executeScript(_ sql: String) throws(PostgresError) {
    _ = try take(PQexec(handle, sql))
  }

  /// The server's own text for the latest failure (`PQerrorMessage`).
  var errorMessage: String { trimmed(String(cString: PQerrorMessage(handle))) }

  func take(_ result: OpaquePointer?) throws(PostgresError) -> QueryResult {
    guard let result else {
      // No result at all: the connection is gone (or memory ran out).
      throw .unavailable(errorMessage)
    }
    defer { PQclear(result) }
    do {
      return try QueryResult.take(result)
    } catch {
      if !isHealthy, case .statementFailed = error { throw .unavailable(error.message) }
      throw error
    }
  }
}

/// Calls `body` with `strings` as a C array of C strings (NULL for nil: SQL NULL, or the
/// end of a keyword list); the copies live for the call.
func withCStrings<R>(
  _ strings: [String?], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> R
) -> R {
  let copies: [UnsafeMutablePointer<CChar>?] = strings.map { $0.flatMap { strdup($0) } }
  defer { copies.forEach { free($0) } }
  let constants: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } }
  return constants.withUnsafeBufferPointer { body($0.baseAddress) }
}
