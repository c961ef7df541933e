/// Maps (method, path pattern) to a handler of the caller's choosing. Patterns are literal
/// segments and `:name` captures (`/api/counters/:n/call`); a final `*` matches the rest of
/// the path (captured as `*`). Where several patterns fit, the one with a literal earliest
/// wins, so `/api/tickets/stats` beats `/api/tickets/:id`, and both beat `/*`.
public struct Router<Handler> {
  // The patterns live apart from the handlers so that matching — the part every request
  // pays — runs in non-generic code: a generic router used from another module is not
  // specialised, and its loops fetched type metadata for every route it tried.
  private var patterns = RoutePatterns()
  private var handlers: [Handler] = []

  public init() {}

  public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) {
    patterns.add(method, pattern)
    handlers.append(handler)
  }

  /// `path` is the decoded path of the request. The most specific pattern that fits the path
  /// names the resource; if it has no route for `method`, the answer is 405 with the methods it
  /// has. HEAD falls back to GET. Captures are built only for the route chosen.
  public func match(_ method: HTTPMethod, _ path: String) -> RouteMatch<Handler> {
    switch patterns.match(method, path) {
    case .found(let index, let parameters): .found(handlers[index], parameters)
    case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
    case .notFound: .notFound
    }
  }
}

private enum RouteSegment: Equatable {
  case literal([UInt8])
  case capture(String)
  case rest
}

private struct RoutePatterns {
  var methods: [HTTPMethod] = []
  var segments: [[RouteSegment]] = []

  enum Match {
    case found(Int, RouteParameters)
    case methodNotAllowed([HTTPMethod])
    case notFound
  }

  mutating func add(_ method: HTTPMethod, _ pattern: String) {
    let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
    var list: [RouteSegment] = []
    for index in parts.indices {
      let part = parts[index]
      if part == "*" && index == parts.count - 1 {
        list.append(.rest)
      } else if part.hasPrefix(":") {
        list.append(.capture(String(part.dropFirst())))
      } else {
        list.append(.literal(Array(part.utf8)))
      }
    }
    methods.append(method)
    segments.append(list)
  }

  func match(_ method: HTTPMethod, _ path: String) -> Match {
    let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    var bestRank: [Int8] = []
    var haveBest = false
    var candidates: [Int] = []
    var i = 0
    while i < segments.count {
      defer { i += 1 }
      guard let rank = Self.rank(segments[i], parts) else { continue }
      if haveBest {
        if bestRank.lexicographicallyPrecedes(rank) { continue }
        if rank.lexicographicallyPrecedes(bestRank) { candidates.removeAll() }
      }
      bestRank = rank
      haveBest = true
      candidates.append(i)
    }
    guard !candidates.isEmpty else { return .notFound }
    let chosen =
      candidates.first { methods[$0] == method }
      ?? (method == .HEAD ? candidates.first { methods[$0] == .GET } : nil)
    if let chosen { return .found(chosen, Self.parameters(segments[chosen], parts)) }
    var allowed: [HTTPMethod] = []
    for c in candidates where !allowed.contains(methods[c]) { allowed.append(methods[c]) }
    if allowed.contains(.GET) && !allowed.contains(.HEAD) { allowed.append(.HEAD) }
    return .methodNotAllowed(allowed)
  }

  /// Per segment 0 for a literal, 1 for a capture, 2 for the rest; lower is more specific.
  /// Nil when the pattern does not fit.
  private static func rank(_ segments: [RouteSegment], _ parts: [Substring.UTF8View]) -> [Int8]? {
    guard parts.count == segments.count || segments.last == .rest else { return nil }
    var rank: [Int8] = []
    rank.reserveCapacity(segments.count)
    var index = 0
    while index < segments.count {
      switch segments[index] {
      case .rest:
        rank.append(2)
        return rank
      case .literal(let text):
        guard index < parts.count, parts[index].elementsEqual(text) else { return nil }
        rank.append(0)
      case .capture:
        guard index < parts.count else { return nil }
        rank.append(1)
      }
      index += 1
    }
    return parts.count == segments.count ? rank : nil
  }

  private static func parameters(_ segments: [RouteSegment], _ parts: [Substring.UTF8View])
    -> RouteParameters
  {
    var values: [String: String] = [:]
    var index = 0
    while index < segments.count {
      switch segments[index] {
      case .rest:
        values["*"] = parts.dropFirst(index).map { String(Substring($0)) }.joined(separator: "/")
      case .capture(let name): values[name] = String(Substring(parts[index]))
      case .literal: break
      }
      index += 1
    }
    return RouteParameters(values)
  }
}

public enum RouteMatch<Handler> {
  case found(Handler, RouteParameters)
  /// The path exists for other methods: answer 405 with an `Allow` header.
  case methodNotAllowed(allowed: [HTTPMethod])
  case notFound
}

public struct RouteParameters: Sendable, Equatable {
  private var values: [String: String]

  public init(_ values: [String: String] = [:]) { self.values = values }

  public subscript(name: String) -> String? { values[name] }

  /// A capture as a non-negative integer, or nil if it isn't one (`/api/counters/x/call`).
  public func int(_ name: String) -> Int? {
    guard let text = values[name], !text.isEmpty, text.utf8.count <= 9,
      text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    return Int(text)
  }
}

extension RouteMatch: Sendable where Handler: Sendable {}
