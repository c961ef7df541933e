import CSQLite

/// The last text read from one column, kept as bytes and as a String. A report reads a
/// million rows whose text columns (day, service, state, officer) repeat from one row to
/// the next; comparing bytes with the previous row's and reusing its String spares building
/// (and, for ids over 15 bytes, allocating) a String per column per row.
struct InternedColumn {
  let index: Int32
  /// Keep only the leading bytes before the first digit (`A` of `A012`).
  let lettersOnly: Bool
  private var bytes: [UInt8] = []
  private var text: String? = nil
  private var isNull = true
  private var primed = false

  init(_ index: Int32, lettersOnly: Bool = false) {
    self.index = index
    self.lettersOnly = lettersOnly
  }

  mutating func read(_ statement: Statement) -> String? {
    statement.withColumnBytes(index) { whole in
      var pointer = whole
      if lettersOnly, let w = whole {
        let end = w.firstIndex { $0 >= 0x30 && $0 <= 0x39 } ?? w.count
        pointer = UnsafeRawBufferPointer(rebasing: w[0..<end])
      }
      guard let pointer else {
        if !primed || !isNull {
          primed = true
          isNull = true
          text = nil
          bytes = []
        }
        return
      }
      if primed && !isNull && pointer.count == bytes.count
        && bytes.withUnsafeBytes({ $0.elementsEqual(pointer) })
      {
        return
      }
      primed = true
      isNull = false
      bytes = Array(pointer)
      text = String(decoding: pointer, as: UTF8.self)
    }
    return text
  }
}

extension Statement {
  /// The column's bytes (`sqlite3_column_text`), nil when NULL; valid only inside `body`.
  func withColumnBytes<R>(_ index: Int32, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let text = sqlite3_column_text(handleForColumns, index) else { return body(nil) }
    let count = Int(sqlite3_column_bytes(handleForColumns, index))
    return body(UnsafeRawBufferPointer(start: text, count: count))
  }
}
