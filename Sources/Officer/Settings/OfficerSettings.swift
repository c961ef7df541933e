import HallWire
/// Where and as whom an officer command talks: resolved from flags, then the environment,
/// then the per-user config file that `antre login` writes.
public struct OfficerSettings: Codable, Equatable, Sendable {
  public var server: String
  public var counter: Int
  public var token: String

  /// What one source (the flags, the environment, the file) says; any field may be absent.
  /// The file is this, as JSON.
  public struct Partial: Codable, Equatable, Sendable {
    public var server: String?
    public var counter: Int?
    public var token: String?
  }

  /// Each field from the first source that has it, flags before environment before file.
  public static func resolve(
    flags: Partial, environment: [String: String], file: Partial?
  ) throws(OfficerError) -> OfficerSettings {
    let env = try fromEnvironment(environment)
    let sources = [flags, env, file ?? Partial()]
    guard let server = sources.lazy.compactMap(\.server).first else {
      throw .missingSetting(.server)
    }
    guard let counter = sources.lazy.compactMap(\.counter).first else {
      throw .missingSetting(.counter)
    }
    guard let token = sources.lazy.compactMap(\.token).first else {
      throw .missingSetting(.token)
    }
    return OfficerSettings(server: try normalizedServer(server), counter: counter, token: token)
  }

  static func fromEnvironment(_ environment: [String: String]) throws(OfficerError) -> Partial {
    func value(_ name: String) -> String? {
      guard let v = environment[name], !v.isEmpty else { return nil }
      return v
    }
    var partial = Partial(server: value("ANTRE_SERVER"), token: value("ANTRE_TOKEN"))
    if let text = value("ANTRE_COUNTER") {
      guard let n = Int(text), n >= 0 else {
        throw .invalidSetting(name: "ANTRE_COUNTER", value: text)
      }
      partial.counter = n
    }
    return partial
  }

  /// `host:port` gets `http://`; a trailing slash goes, so paths join cleanly.
  static func normalizedServer(_ text: String) throws(OfficerError) -> String {
    var s = text.trimmingWhitespace
    if !s.contains("://") { s = "http://" + s }
    while s.hasSuffix("/") { s.removeLast() }
    guard s.hasPrefix("http://") || s.hasPrefix("https://"), s.count > "https://".count - 1,
      !s.dropFirst(s.hasPrefix("https") ? 8 : 7).isEmpty
    else { throw .invalidServerURL(text) }
    return s
  }
}

extension String {
  var trimmingWhitespace: String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
