import InitMacros
import Yams

/// Why a file was refused: where (a key path such as `services[2].id`; empty for the file as
/// a whole) and what is wrong. `File` only tells the files apart: a hall file's refusal is a
/// `HallConfigError`, a scenario's a `ScenarioError`.
@PublicInit
public struct KeyPathError<File>: Error, Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var problem: String

  public var description: String { path.isEmpty ? problem : "\(path): \(problem)" }
}

public enum HallFile {}
/// Why a hall file was refused.
public typealias HallConfigError = KeyPathError<HallFile>

/// A YAML node with the key path that leads to it, so every refusal can say where it is.
@PublicInit
public struct YAMLValue<File> {
  public let node: Node
  public let path: String

  /// The document's root. No resolver rules: the walker converts scalars itself, and the
  /// default rules' regular expressions would load ICU into the server (about 3 MB resident).
  public static func root(yaml: String) throws(KeyPathError<File>) -> YAMLValue {
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml, .basic)
    } catch {
      throw KeyPathError(path: "", problem: "not valid YAML: \(error)")
    }
    guard let root else { throw KeyPathError(path: "", problem: "the file is empty") }
    return YAMLValue(node: root, path: "")
  }

  public func fail(_ problem: String) -> KeyPathError<File> {
    KeyPathError(path: path, problem: problem)
  }

  public func child(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  public var isNull: Bool {
    guard case .scalar(let s) = node, s.style == .plain || s.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(s.string)
  }

  /// The mapping's entries in the file's order, keys not judged (service ids, say); null
  /// values are kept.
  public func entries() throws(KeyPathError<File>) -> [(key: String, value: YAMLValue)] {
    guard case .mapping(let m) = node else { throw fail("must be a mapping of keys to values") }
    var seen = Set<String>()
    var result: [(key: String, value: YAMLValue)] = []
    for (k, v) in m {
      guard case .scalar(let key) = k else { throw fail("keys must be plain words") }
      let name = key.string
      guard seen.insert(name).inserted else {
        throw KeyPathError(path: child(name), problem: "appears twice")
      }
      result.append((name, YAMLValue(node: v, path: child(name))))
    }
    return result
  }

  /// A mapping whose keys must all be `allowed`.
  public func mapping(allowed: Set<String>) throws(KeyPathError<File>) -> YAMLFields<File> {
    guard case .mapping(let m) = node else { throw fail("must be a mapping of keys to values") }
    var fields: [String: YAMLValue] = [:]
    for (k, v) in m {
      guard case .scalar(let key) = k else { throw fail("keys must be plain words") }
      let name = key.string
      guard allowed.contains(name) else {
        throw KeyPathError(
          path: child(name),
          problem: "unknown key (known here: \(allowed.sorted().joined(separator: ", ")))")
      }
      guard fields[name] == nil else {
        throw KeyPathError(path: child(name), problem: "appears twice")
      }
      fields[name] = YAMLValue(node: v, path: child(name))
    }
    return YAMLFields(owner: self, fields: fields)
  }

  public func sequence() throws(KeyPathError<File>) -> [YAMLValue] {
    guard case .sequence(let s) = node else { throw fail("must be a list") }
    return s.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]") }
  }

  public func string() throws(KeyPathError<File>) -> String {
    guard case .scalar(let s) = node, !isNull else { throw fail("must be text") }
    return s.string
  }

  public func nonEmptyString() throws(KeyPathError<File>) -> String {
    let s = try string()
    guard !s.trimmingSpaces.isEmpty else { throw fail("must not be empty") }
    return s
  }

  public func bool() throws(KeyPathError<File>) -> Bool {
    guard case .scalar(let s) = node else { throw fail("must be true or false") }
    switch s.string {
    case "true", "True", "TRUE", "yes": return true
    case "false", "False", "FALSE", "no": return false
    default: throw fail("\(describe) is not true or false")
    }
  }

  public func int() throws(KeyPathError<File>) -> Int {
    guard case .scalar(let s) = node, let n = Int(s.string) else {
      throw fail("\(describe) is not a whole number")
    }
    return n
  }

  public func number() throws(KeyPathError<File>) -> Double {
    guard case .scalar(let s) = node, let n = Double(s.string), n.isFinite else {
      throw fail("\(describe) is not a number")
    }
    return n
  }

  /// The value as the user wrote it, for messages.
  public var describe: String {
    switch node {
    case .scalar(let s): "\"\(s.string)\""
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }
}

/// A mapping's values by key; a null value reads as absent.
public struct YAMLFields<File> {
  public let owner: YAMLValue<File>
  public let fields: [String: YAMLValue<File>]

  public subscript(key: String) -> YAMLValue<File>? {
    guard let v = fields[key], !v.isNull else { return nil }
    return v
  }

  public func required(_ key: String) throws(KeyPathError<File>) -> YAMLValue<File> {
    guard let v = self[key] else {
      throw KeyPathError(path: owner.child(key), problem: "is required")
    }
    return v
  }
}

/// The hall file's reader walks with these.
typealias Value = YAMLValue<HallFile>
typealias Fields = YAMLFields<HallFile>
