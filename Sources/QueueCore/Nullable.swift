/// An optional figure that a report writes as `null` when it is nil, where a synthesized
/// `Encodable` would leave the key out: the API's objects keep one shape on every day.
@propertyWrapper
public struct Nullable<Value: Sendable & Equatable & Encodable>: Sendable, Equatable, Encodable {
  public var wrappedValue: Value?

  public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(wrappedValue)
  }
}
