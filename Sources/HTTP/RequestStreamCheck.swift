import InitMacros

/// Reads a connection's incoming bytes alongside evhttp and refuses what evhttp would let
/// through: evhttp takes the first of two `Content-Length` headers, reads `+15` as 15, any
/// `HTTP/1.x` (even `HTTP/-1.1`) and a target without a slash, and drops a connection whose
/// length overflows without answering. Behind a proxy each of those is a request-smuggling
/// risk, so this answers them first: 400 for a malformed head, 411 for `Transfer-Encoding`
/// (every client of this server sends a length), 413 at once for a length over the hard cap.
///
/// It also says when a request is under way (from its first byte to its body's last), so the
/// server can bound the time a request may take to arrive, whatever its pace.
///
/// Sans I/O: feed it bytes in any split; it keeps at most one request head.
@PublicInit
public struct RequestStreamCheck: Sendable {
  public struct Progress: Sendable, Equatable {
    /// A request's first byte arrived in this chunk.
    public var started = false
    /// Bytes of a request still to come once this chunk is read.
    public var inProgress = false
    /// The request to refuse; nothing after it is read.
    public var rejection: HTTPError?
  }

  private enum State: Sendable {
    /// Between requests (blank lines there are skipped, as RFC 9112 §2.2 allows).
    case idle
    case head
    case body(remaining: Int)
    /// After an upgrade request or a rejection: the rest of the stream is not HTTP to us.
    case done
  }

  public let maxHeadBytes: Int
  public let hardBodyCapBytes: Int
  private var state = State.idle
  private var head: [UInt8] = []

  /// True once the stream stopped being checked (upgraded or refused).
  public var isDone: Bool {
    if case .done = state { return true }
    return false
  }

  public mutating func consume(_ bytes: some Collection<UInt8>) -> Progress {
    if let progress = bytes.withContiguousStorageIfAvailable({ consume($0) }) { return progress }
    return Array(bytes).withUnsafeBufferPointer { consume($0) }
  }

  // Concrete, not generic: called across modules, a generic walk over the bytes ran through
  // witness tables, a few hundred instructions a byte.
  public mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> Progress {
    var progress = Progress()
    var index = bytes.startIndex
    while index != bytes.endIndex {
      switch state {
      case .done:
        return progress
      case .idle:
        let byte = bytes[index]
        if byte == 0x0D || byte == 0x0A {
          index = bytes.index(after: index)
          continue
        }
        state = .head
        head.removeAll(keepingCapacity: true)
        progress.started = true
      case .head:
        // A line at a time (every request passes here, so not a byte at a time): up to and
        // including the next LF, or the rest of the chunk.
        let lineFeed = bytes[index...].firstIndex(of: 0x0A)
        let end = lineFeed.map { bytes.index(after: $0) } ?? bytes.endIndex
        let room = maxHeadBytes - head.count
        let count = bytes.distance(from: index, to: end)
        // Past the limit only its last byte may be, and only as the head's final LF.
        if count > room + 1 || (count == room + 1 && lineFeed == nil) {
          reject(&progress, Self.headTooLong(maxHeadBytes))
          return progress
        }
        head.append(contentsOf: bytes[index..<end])
        index = end
        if lineFeed != nil, head.count >= 2, endsHead() {
          finishHead(&progress)
        } else if head.count > maxHeadBytes {
          reject(&progress, Self.headTooLong(maxHeadBytes))
        }
      case .body(let remaining):
        let available = bytes.distance(from: index, to: bytes.endIndex)
        let take = min(available, remaining)
        index = bytes.index(index, offsetBy: take)
        state = remaining == take ? .idle : .body(remaining: remaining - take)
      }
    }
    switch state {
    case .head, .body: progress.inProgress = true
    case .idle, .done: break
    }
    return progress
  }

  private static func headTooLong(_ limit: Int) -> HTTPError {
    .badRequest("the request line and headers are over the limit of \(limit) bytes")
  }

  private func endsHead() -> Bool {
    // "\n\n" or "\n\r\n": evhttp, like RFC 9112 §2.2, takes a bare LF as a line end.
    let count = head.count
    if head[count - 2] == 0x0A { return true }
    return count >= 3 && head[count - 2] == 0x0D && head[count - 3] == 0x0A
  }

  private mutating func reject(_ progress: inout Progress, _ error: HTTPError) {
    progress.rejection = error
    state = .done
    head = []
  }

  private mutating func finishHead(_ progress: inout Progress) {
    switch Self.check(head: head, hardBodyCapBytes: hardBodyCapBytes) {
    case .failure(let error): reject(&progress, error)
    case .success(let parsed):
      head.removeAll(keepingCapacity: false)
      if parsed.upgrade {
        state = .done
      } else {
        state = parsed.bodyLength > 0 ? .body(remaining: parsed.bodyLength) : .idle
      }
    }
  }

  struct ParsedHead {
    var bodyLength: Int
    var upgrade: Bool
  }

  static func check(head: [UInt8], hardBodyCapBytes: Int) -> Result<ParsedHead, HTTPError> {
    var lines = head.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
      line.last == 0x0D ? line.dropLast() : line
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    guard let requestLine = lines.first else { return .failure(.badRequest("empty request")) }
    let parts = requestLine.split(separator: 0x20, omittingEmptySubsequences: false)
    guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte) else {
      return .failure(.badRequest("the request line is not METHOD TARGET VERSION"))
    }
    guard parts[1].first == UInt8(ascii: "/"), parts[1].allSatisfy({ $0 > 0x20 && $0 < 0x7F })
    else {
      return .failure(.badRequest("the request target must be a path starting with /"))
    }
    guard parts[2].elementsEqual("HTTP/1.1".utf8) || parts[2].elementsEqual("HTTP/1.0".utf8)
    else {
      return .failure(.badRequest("only HTTP/1.1 and HTTP/1.0 are spoken here"))
    }
    var lengths: [Substring] = []
    var upgrade = false
    for line in lines.dropFirst() {
      guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon != line.startIndex,
        line[line.startIndex..<colon].allSatisfy(isTokenByte)
      else {
        return .failure(.badRequest("a header line is malformed"))
      }
      // Only three names matter; compared as bytes, since every header of every request
      // passes here.
      let name = line[line.startIndex..<colon]
      if Self.named(name, "content-length") {
        lengths.append(
          Substring(
            String(decoding: line[line.index(after: colon)...], as: UTF8.self).trimmingSpaces()))
      } else if Self.named(name, "transfer-encoding") {
        return .failure(
          HTTPError(
            status: 411, code: "length_required",
            message: "send the body with a Content-Length, not a Transfer-Encoding"))
      } else if Self.named(name, "upgrade") {
        upgrade = true
      }
    }
    guard lengths.count <= 1 else {
      return .failure(.badRequest("the request has more than one Content-Length"))
    }
    guard let text = lengths.first else {
      return .success(ParsedHead(bodyLength: 0, upgrade: upgrade))
    }
    guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
      return .failure(.badRequest("Content-Length must be a decimal number of bytes"))
    }
    let digits = text.drop { $0 == "0" }
    guard digits.count <= 18, let length = Int(digits.isEmpty ? "0" : digits),
      length <= hardBodyCapBytes
    else {
      return .failure(
        .payloadTooLarge("the request body is over the limit of \(hardBodyCapBytes) bytes"))
    }
    return .success(ParsedHead(bodyLength: length, upgrade: upgrade))
  }

  /// A header name equal to `lowercase` ignoring ASCII case.
  private static func named(_ name: ArraySlice<UInt8>, _ lowercase: StaticString) -> Bool {
    guard name.count == lowercase.utf8CodeUnitCount else { return false }
    return lowercase.withUTF8Buffer { expected in
      zip(name, expected).allSatisfy { (a, b) in a | 0x20 == b }
    }
  }

  /// RFC 9110 §5.6.2 token characters.
  private static func isTokenByte(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"):
      return true
    case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"),
      UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"),
      UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
      UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
      return true
    default:
      return false
    }
  }
}

extension String {
  fileprivate func trimmingSpaces() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return "" }
    let last = scalars.lastIndex { $0 != " " && $0 != "\t" }!
    return String(scalars[first...last])
  }
}
