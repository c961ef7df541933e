/// Maps (method, path pattern) to a handler of the caller's choosing. Patterns are literal
/// segments and `:name` captures (`/api/counters/:n/call`); a final `*` matches the rest of
/// the path (captured as `*`). Where several patterns fit, the one with a literal earliest
/// wins, so `/api/tickets/stats` beats `/api/tickets/:id`, and both beat `/*`.
public struct Router<Handler> {
  private struct Route {
    var method: HTTPMethod
    var segments: [Segment]
    var handler: Handler
  }

  private enum Segment: Equatable {
    case literal(String)
    case capture(String)
    case rest
  }

  private var routes: [Route] = []

  public init() {}

  public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: Handler) {
    let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
    let segments: [Segment] = parts.enumerated().map { index, part in
      if part == "*" && index == parts.count - 1 { return .rest }
      if part.hasPrefix(":") { return .capture(String(part.dropFirst())) }
      return .literal(String(part))
    }
    routes.append(Route(method: method, segments: segments, handler: handler))
  }

  /// `path` is the decoded path of the request. The most specific pattern that fits the path
  /// names the resource; if it has no route for `method`, the answer is 405 with the methods it
  /// has. HEAD falls back to GET. Captures are built only for the route chosen, so the hot
  /// routes cost one split of the path and a few comparisons.
  public func match(_ method: HTTPMethod, _ path: String) -> RouteMatch<Handler> {
    let parts = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true)
    var bestRank: [Int8]?
    var candidates: [Int] = []
    for (i, route) in routes.enumerated() {
      guard let rank = Self.rank(route.segments, parts) else { continue }
      if let current = bestRank {
        if current.lexicographicallyPrecedes(rank) { continue }
        if rank.lexicographicallyPrecedes(current) { candidates.removeAll() }
      }
      bestRank = rank
      candidates.append(i)
    }
    guard !candidates.isEmpty else { return .notFound }
    let chosen =
      candidates.first { routes[$0].method == method }
      ?? (method == .HEAD ? candidates.first { routes[$0].method == .GET } : nil)
    if let chosen {
      let route = routes[chosen]
      return .found(route.handler, Self.parameters(route.segments, parts))
    }
    var allowed: [HTTPMethod] = []
    for i in candidates where !allowed.contains(routes[i].method) {
      allowed.append(routes[i].method)
    }
    if allowed.contains(.GET) && !allowed.contains(.HEAD) { allowed.append(.HEAD) }
    return .methodNotAllowed(allowed: allowed)
  }

  /// Per segment 0 for a literal, 1 for a capture, 2 for the rest; lower is more specific.
  /// Nil when the pattern does not fit.
  private static func rank(_ segments: [Segment], _ parts: [Substring.UTF8View]) -> [Int8]? {
    var rank: [Int8] = []
    rank.reserveCapacity(segments.count)
    for (index, segment) in segments.enumerated() {
      switch segment {
      case .rest:
        rank.append(2)
        return rank
      case .literal(let text):
        guard index < parts.count, parts[index].elementsEqual(text.utf8) else { return nil }
        rank.append(0)
      case .capture:
        guard index < parts.count else { return nil }
        rank.append(1)
      }
    }
    return parts.count == segments.count ? rank : nil
  }

  private static func parameters(_ segments: [Segment], _ parts: [Substring.UTF8View])
    -> RouteParameters
  {
    var values: [String: String] = [:]
    for (index, segment) in segments.enumerated() {
      switch segment {
      case .rest:
        values["*"] = parts.dropFirst(index).map { String(Substring($0)) }.joined(separator: "/")
      case .capture(let name): values[name] = String(Substring(parts[index]))
      case .literal: break
      }
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
