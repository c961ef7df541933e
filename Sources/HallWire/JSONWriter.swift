/// Appends JSON to a byte buffer: the one JSON writer (and string escaper) of the project.
/// The wire objects are written with it rather than `JSONEncoder`, which spent most of a
/// ticket's encoding on dynamic casts, boxing and allocation and leaves out nil optionals.
public struct JSONWriter {
  public private(set) var bytes: [UInt8] = []

  public init(capacity: Int = 256) {
    bytes.reserveCapacity(capacity)
  }

  /// Starts a member: a comma unless it is the first in its object, then `"name":`.
  /// `name` must need no escaping (the wire's keys are ASCII words).
  public mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    name.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
  }

  /// A member whose name is data (a service id in `waiting`).
  public mutating func key(_ name: String) {
    separate()
    string(name)
    bytes.append(UInt8(ascii: ":"))
  }

  public mutating func beginObject() { bytes.append(UInt8(ascii: "{")) }
  public mutating func endObject() { bytes.append(UInt8(ascii: "}")) }
  public mutating func beginArray() { bytes.append(UInt8(ascii: "[")) }
  public mutating func endArray() { bytes.append(UInt8(ascii: "]")) }

  /// Before an array element: a comma unless it is the first.
  public mutating func element() { separate() }

  private mutating func separate() {
    if let last = bytes.last, last != UInt8(ascii: "{"), last != UInt8(ascii: "[") {
      bytes.append(UInt8(ascii: ","))
    }
  }

  public mutating func null() { append("null") }

  public mutating func bool(_ value: Bool) { append(value ? "true" : "false") }

  public mutating func string(_ value: String?) {
    guard var value else { return null() }
    bytes.append(UInt8(ascii: "\""))
    value.withUTF8 { appendEscaped($0) }
    bytes.append(UInt8(ascii: "\""))
  }

  public mutating func int(_ value: Int?) {
    guard let value else { return null() }
    int(Int64(value))
  }

  public mutating func int(_ value: Int64) {
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var m = value.magnitude
    if m == 0 {
      bytes.append(UInt8(ascii: "0"))
      return
    }
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
      var i = 20
      while m > 0 {
        i -= 1
        digits[i] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
        m /= 10
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i..<20]))
    }
  }

  public mutating func optional(_ value: (some JSONWritable)?) {
    if let value { value.write(to: &self) } else { null() }
  }

  public mutating func array(_ values: [some JSONWritable]) {
    beginArray()
    for v in values {
      element()
      v.write(to: &self)
    }
    endArray()
  }

  public mutating func strings(_ values: [String]) {
    beginArray()
    for v in values {
      element()
      string(v)
    }
    endArray()
  }

  public mutating func double(_ value: Double?) {
    guard let value, value.isFinite else { return null() }
    append(contentsOf: "\(value)")
  }

  // One member, `"name":value`: a wire object's writer is one of these per field, in
  // PROTOCOL.md's order. A nil optional is written as `null`, since clients rely on the
  // member being there.
  public mutating func field(_ name: StaticString, _ value: String?) {
    key(name)
    string(value)
  }

  public mutating func field(_ name: StaticString, _ value: Int?) {
    key(name)
    int(value)
  }

  public mutating func field(_ name: StaticString, _ value: Int64?) {
    key(name)
    if let value { int(value) } else { null() }
  }

  public mutating func field(_ name: StaticString, _ value: Bool) {
    key(name)
    bool(value)
  }

  public mutating func field(_ name: StaticString, _ value: Double?) {
    key(name)
    double(value)
  }

  /// A state or reason: its raw value.
  public mutating func field(_ name: StaticString, _ value: (some RawRepresentable<String>)?) {
    key(name)
    string(value?.rawValue)
  }

  public mutating func field(_ name: StaticString, _ value: (some JSONWritable)?) {
    key(name)
    optional(value)
  }

  public mutating func field(_ name: StaticString, _ values: [String]?) {
    key(name)
    if let values { strings(values) } else { null() }
  }

  public mutating func field(_ name: StaticString, _ values: [some JSONWritable]) {
    key(name)
    array(values)
  }

  /// A member left out when nil rather than written as `null` (a ticket's `key`, an
  /// error's `services`).
  public mutating func fieldIfSet(_ name: StaticString, _ value: String?) {
    if let value { field(name, value) }
  }

  public mutating func fieldIfSet(_ name: StaticString, _ values: [String]?) {
    if let values { field(name, values) }
  }

  /// Raw, already-encoded JSON (a value that another writer produced).
  public mutating func raw(_ json: [UInt8]) { bytes.append(contentsOf: json) }

  private mutating func append(contentsOf text: String) { bytes.append(contentsOf: text.utf8) }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  /// Valid UTF-8 passes through; quotes, backslashes and control characters are escaped
  /// as `JSONEncoder` escapes them (slashes are not, as with `.withoutEscapingSlashes`).
  private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
    var start = 0
    for i in 0..<text.count {
      let c = text[i]
      guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
      if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<i])) }
      start = i + 1
      switch c {
      case UInt8(ascii: "\""): append("\\\"")
      case UInt8(ascii: "\\"): append("\\\\")
      case 0x08: append("\\b")
      case 0x0C: append("\\f")
      case 0x0A: append("\\n")
      case 0x0D: append("\\r")
      case 0x09: append("\\t")
      default:
        let hex: StaticString = "0123456789abcdef"
        append("\\u00")
        hex.withUTF8Buffer { h in
          bytes.append(h[Int(c >> 4)])
          bytes.append(h[Int(c & 0x0F)])
        }
      }
    }
    if start < text.count {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[start..<text.count]))
    }
  }
}

/// A wire object written with `JSONWriter`.
public protocol JSONWritable {
  func write(to json: inout JSONWriter)
}

/// A wire object, `{` its members `}`: what each type writes is its list of `field`s.
public protocol JSONObject: JSONWritable {
  func writeFields(to json: inout JSONWriter)
}

extension JSONObject {
  public func write(to json: inout JSONWriter) {
    json.beginObject()
    writeFields(to: &json)
    json.endObject()
  }
}

extension JSONWritable {
  public var jsonBytes: [UInt8] {
    var w = JSONWriter()
    write(to: &w)
    return w.bytes
  }

  public var jsonString: String { String(decoding: jsonBytes, as: UTF8.self) }
}
