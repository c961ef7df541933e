/// Header fields in arrival order; names compare case-insensitively (RFC 9110 §5.1).
public struct HTTPHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
  public typealias Element = (name: String, value: String)

  private var fields: [(name: String, value: String)] = []

  public init() {}

  public init(_ fields: [(String, String)]) {
    for (name, value) in fields { add(name, value) }
  }

  public init(dictionaryLiteral elements: (String, String)...) {
    self.init(elements)
  }

  public var count: Int { fields.count }

  /// The first value of `name`, if any.
  public subscript(name: String) -> String? {
    fields.first { Self.same($0.name, name) }?.value
  }

  public func values(_ name: String) -> [String] {
    fields.filter { Self.same($0.name, name) }.map(\.value)
  }

  public func contains(_ name: String) -> Bool {
    fields.contains { Self.same($0.name, name) }
  }

  public mutating func add(_ name: String, _ value: String) {
    fields.append((name, value))
  }

  /// Replaces every field named `name` with one field, keeping the first one's position.
  public mutating func set(_ name: String, _ value: String) {
    guard let first = fields.firstIndex(where: { Self.same($0.name, name) }) else {
      fields.append((name, value))
      return
    }
    fields[first].value = value
    var index = fields.count - 1
    while index > first {
      if Self.same(fields[index].name, name) { fields.remove(at: index) }
      index -= 1
    }
  }

  public mutating func remove(_ name: String) {
    fields.removeAll { Self.same($0.name, name) }
  }

  public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
    fields.makeIterator()
  }

  public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
    lhs.fields.count == rhs.fields.count
      && zip(lhs.fields, rhs.fields).allSatisfy { same($0.name, $1.name) && $0.value == $1.value }
  }

  static func same(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a.lowercased() == b.lowercased()
  }
}
