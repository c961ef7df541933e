extension IssueBody {
  /// The body as kiosks and scripts send it (a flat object of plain strings and booleans)
  /// read without `JSONDecoder`, which was the largest Swift cost of issuing a ticket. Nil
  /// for anything else — escapes, numbers, nulls, nesting, repeated or unknown keys, a
  /// missing `service`, bad JSON — which `decodeBody` then decodes or refuses with its usual
  /// messages.
  static func parsePlain(_ body: [UInt8]) -> IssueBody? {
    body.withUnsafeBufferPointer {
      var scanner = PlainObjectScanner(bytes: $0)
      return scanner.issueBody()
    }
  }
}

private struct PlainObjectScanner {
  let bytes: UnsafeBufferPointer<UInt8>
  var i = 0

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  enum Value {
    case string(String)
    case bool(Bool)
  }

  mutating func issueBody() -> IssueBody? {
    var service: String?
    var priority: Bool?
    var box: String?
    var request: String?
    var seen = Set<String>()
    guard take(UInt8(ascii: "{")) else { return nil }
    if !take(UInt8(ascii: "}")) {
      repeat {
        guard let key = plainString(), take(UInt8(ascii: ":")), let value = value(),
          seen.insert(key).inserted
        else { return nil }
        switch (key, value) {
        case ("service", .string(let s)): service = s
        case ("box", .string(let s)): box = s
        case ("request", .string(let s)): request = s
        case ("priority", .bool(let b)): priority = b
        default: return nil
        }
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    skipSpaces()
    guard i == bytes.count, let service else { return nil }
    return IssueBody(service: service, priority: priority, box: box, request: request)
  }

  private mutating func value() -> Value? {
    skipSpaces()
    if literal("true") { return .bool(true) }
    if literal("false") { return .bool(false) }
    return plainString().map(Value.string)
  }

  /// A string without escapes or control characters; its bytes must be valid UTF-8.
  private mutating func plainString() -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    let start = i
    while i < bytes.count {
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        let text = UnsafeBufferPointer(rebasing: bytes[start..<i])
        i += 1
        return String(validating: text, as: UTF8.self)
      }
      if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
      i += 1
    }
    return nil
  }

  private mutating func literal(_ word: StaticString) -> Bool {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { return false }
    let matches = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
    if matches { i += n }
    return matches
  }

  private mutating func take(_ c: UInt8) -> Bool {
    skipSpaces()
    guard i < bytes.count, bytes[i] == c else { return false }
    i += 1
    return true
  }

  private mutating func skipSpaces() {
    while i < bytes.count,
      bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09
    {
      i += 1
    }
  }
}
