import CLibpq
import InitMacros

/// The rows of one statement, copied out of libpq's `PGresult` (text format) so the result
/// outlives it and may cross threads.
@PublicInit
public struct QueryResult: Sendable, Equatable {
  public var columns: [String]
  public var rows: [[String?]]
  /// Rows inserted, updated or deleted (`PQcmdTuples`); 0 for a query.
  public var affectedRows: Int

  /// The value in `row` under `column`; nil for SQL NULL or an unknown column.
  public func text(_ row: Int, _ column: String) -> String? {
    guard let index = columns.firstIndex(of: column), row < rows.count else { return nil }
    return rows[row][index]
  }

  public func int(_ row: Int, _ column: String) -> Int? { text(row, column).flatMap { Int($0) } }

  public func double(_ row: Int, _ column: String) -> Double? {
    text(row, column).flatMap { Double($0) }
  }

  /// The first column of the first row: the answer of a `SELECT max(seq) …`.
  public var scalar: String? { rows.first?.first ?? nil }

  /// Copies `result` out and checks its status; the caller still owns and clears it.
  static func take(_ result: OpaquePointer) throws(PostgresError) -> QueryResult {
    switch PQresultStatus(result) {
    case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
      break
    case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR:
      let state =
        PQresultErrorField(result, antre_pg_diag_sqlstate).map { String(cString: $0) } ?? ""
      let message = trimmed(String(cString: PQresultErrorMessage(result)))
      // Class 08 (connection exception) and 57P (operator intervention: shutdown) mean the
      // server went away, not that the statement was wrong.
      if state.hasPrefix("08") || state.hasPrefix("57P") || state.isEmpty {
        throw .unavailable(message)
      }
      throw .statementFailed(sqlState: state, message: message)
    default:
      throw .unexpectedResult(String(cString: PQresStatus(PQresultStatus(result))))
    }
    let columnCount = Int(PQnfields(result))
    let rowCount = Int(PQntuples(result))
    let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
    var rows: [[String?]] = []
    rows.reserveCapacity(rowCount)
    for r in 0..<rowCount {
      var row: [String?] = []
      row.reserveCapacity(columnCount)
      for c in 0..<columnCount {
        if PQgetisnull(result, Int32(r), Int32(c)) != 0 {
          row.append(nil)
        } else {
          row.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
        }
      }
      rows.append(row)
    }
    let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    return QueryResult(columns: columns, rows: rows, affectedRows: affected)
  }
}

/// libpq ends its messages with a newline (and sometimes indents a DETAIL line).
func trimmed(_ text: String) -> String {
  var s = Substring(text)
  while let c = s.first, c.isWhitespace { s.removeFirst() }
  while let c = s.last, c.isWhitespace { s.removeLast() }
  return String(s)
}
