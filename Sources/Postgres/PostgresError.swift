/// A failure talking to PostgreSQL. Messages carry libpq's or the server's own text.
///
/// On the wire (`antre central`): `unavailable` is 503 `database_unavailable` (the region's
/// view is down while PostgreSQL is), everything else is 500 `internal_error`: a caller
/// cannot fix any of them by changing its request.
public enum PostgresError: Error, Equatable, Sendable {
  /// The connection URL does not parse (`PQconninfoParse`).
  case badURL(String)
  /// No connection could be made, or the one there was broke.
  case unavailable(String)
  /// The server refused a statement; `sqlState` is its five-character SQLSTATE.
  case statementFailed(sqlState: String, message: String)
  /// A result of a shape this code did not ask for (a column missing, a value unparsable).
  case unexpectedResult(String)

  public var httpStatus: Int {
    if case .unavailable = self { return 503 }
    return 500
  }

  public var code: String {
    if case .unavailable = self { return "database_unavailable" }
    return "internal_error"
  }

  public var message: String {
    switch self {
    case .badURL(let text): "bad PostgreSQL URL: \(text)"
    case .unavailable(let text): "PostgreSQL unavailable: \(text)"
    case .statementFailed(let state, let text): "PostgreSQL refused a statement (\(state)): \(text)"
    case .unexpectedResult(let text): "unexpected PostgreSQL result: \(text)"
    }
  }
}

extension PostgresError: CustomStringConvertible {
  public var description: String { message }
}
