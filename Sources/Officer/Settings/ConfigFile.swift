import HallWire
import FoundationEssentials

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The per-user file `antre login` writes: `$XDG_CONFIG_HOME/antre/officer.json`, else
/// `~/.config/antre/officer.json`. It holds a token, so it is created 0600 in a 0700
/// directory and rewritten atomically.
public struct ConfigFile: Sendable {
  public let path: String

  /// The file's location for this environment, or nil when neither XDG_CONFIG_HOME nor
  /// HOME is set.
  public static func location(environment: [String: String]) -> ConfigFile? {
    if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
      return ConfigFile(path: xdg + "/antre/officer.json")
    }
    if let home = environment["HOME"], !home.isEmpty {
      return ConfigFile(path: home + "/.config/antre/officer.json")
    }
    return nil
  }

  /// The saved settings; nil when there is no file yet.
  public func load() throws(OfficerError) -> OfficerSettings.Partial? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    if fd < 0 {
      if errno == ENOENT { return nil }
      throw .configFile(path: path, reason: Self.describe(errno))
    }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw .configFile(path: path, reason: Self.describe(errno))
      }
      if n == 0 { break }
      bytes += chunk[0..<n]
      if bytes.count > 65_536 { throw .configFile(path: path, reason: "too large") }
    }
    do {
      return try JSONDecoder().decode(OfficerSettings.Partial.self, from: Data(bytes))
    } catch {
      throw .configFile(path: path, reason: "not the JSON `antre login` writes")
    }
  }

  public func save(_ settings: OfficerSettings) throws(OfficerError) {
    try makeParentDirectories()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    // Encoding three plain fields cannot fail.
    let bytes = Array((try? encoder.encode(settings)) ?? Data()) + [0x0A]
    let temporary = path + ".tmp"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else { throw .configFile(path: path, reason: Self.describe(errno)) }
    var offset = 0
    while offset < bytes.count {
      let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        let reason = Self.describe(errno)
        close(fd)
        unlink(temporary)
        throw .configFile(path: path, reason: reason)
      }
      offset += n
    }
    // The umask may have narrowed the mode further, never widened it; make it exact.
    fchmod(fd, 0o600)
    fsync(fd)
    close(fd)
    guard rename(temporary, path) == 0 else {
      let reason = Self.describe(errno)
      unlink(temporary)
      throw .configFile(path: path, reason: reason)
    }
  }

  private func makeParentDirectories() throws(OfficerError) {
    var prefix = ""
    let parts = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
    for part in parts {
      prefix += "/" + part
      if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
        throw .configFile(path: path, reason: Self.describe(errno))
      }
    }
  }

  private static func describe(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
