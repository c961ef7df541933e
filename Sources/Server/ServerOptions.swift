import FoundationEssentials
import Reactor

/// Everything `antre serve` needs to start; tests build one directly.
public struct ServerOptions: Sendable {
  public var configPath: String
  public var databasePath: String
  public var host: String
  public var port: Int
  /// Where `Displays/` and `Assets/` live (the repository, or an installed copy).
  public var resourceRoot: String
  /// `/ws/echo` for conformance tests of the WebSocket layer.
  public var echo: Bool
  public var limits: ServerLimits

  public init(
    configPath: String, databasePath: String, host: String = "127.0.0.1", port: Int = 8080,
    resourceRoot: String, echo: Bool = false, limits: ServerLimits = ServerLimits()
  ) {
    self.configPath = configPath
    self.databasePath = databasePath
    self.host = host
    self.port = port
    self.resourceRoot = resourceRoot
    self.echo = echo
    self.limits = limits
  }
}

/// The limits of every entry point; the README's "Limits" section lists the same numbers.
public struct ServerLimits: Sendable {
  /// Header, body, idle and connection limits of the HTTP side (defaults in `HTTPLimits`).
  public var http = HTTPLimits()
  public var maxMessageBytes = 64 * 1024
  /// Issues per kiosk: a burst, then a steady rate (a person presses once every few seconds;
  /// a stuck button or a script must not drain a quota).
  public var kioskIssueBurst = 10
  public var kioskIssuesPerSecond: Double = 2
  /// A screen whose unsent output passes this is closed; it resyncs from `since` later.
  public var maxSubscriberBacklogBytes = 256 * 1024
  public var pingInterval: Double = 15
  public var silenceTimeout: Double = 45
  /// Events kept in memory for `since=N` replay.
  public var replayEvents = 10_000
  public var maxWebSocketConnections = 15_000

  public init() {}
}

/// Finds `Displays/` and `Assets/`: the current directory when run from a checkout, else the
/// checkout the binary was built in (`.build/<config>/antre`).
public func defaultResourceRoot(executablePath: String) -> String {
  let fm = FileManager.default
  let cwd = fm.currentDirectoryPath
  if fm.fileExists(atPath: cwd + "/Displays") && fm.fileExists(atPath: cwd + "/Assets") {
    return cwd
  }
  var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
    .deletingLastPathComponent()
  for _ in 0..<5 {
    if fm.fileExists(atPath: url.appendingPathComponent("Displays").path) { return url.path }
    url = url.deletingLastPathComponent()
  }
  return cwd
}
