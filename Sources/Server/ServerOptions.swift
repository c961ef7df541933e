import FoundationEssentials
import InitMacros
import QueueCore
import Reactor

/// Everything `antre serve` needs to start; tests build one directly.
@PublicInit
public struct ServerOptions: Sendable {
  public var configPath: String
  public var databasePath: String
  public var host: String = "127.0.0.1"
  public var port: Int = 8080
  /// Where `Displays/` and `Assets/` live (the repository, or an installed copy).
  public var resourceRoot: String
  /// `/ws/echo` for conformance tests of the WebSocket layer.
  public var echo: Bool = false
  public var limits: ServerLimits = ServerLimits()
  /// `--central URL --hall-id ID`; wins over the hall file's `central`.
  public var central: CentralTarget?
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
  /// Bookings and remote tickets per address and hour (PROTOCOL 1.1).
  public var publicBookingsPerHour = 20
  /// A screen whose unsent output passes this is closed; it resyncs from `since` later.
  public var maxSubscriberBacklogBytes = 256 * 1024
  public var pingInterval: Double = 15
  public var silenceTimeout: Double = 45
  /// Events kept in memory for `since=N` replay.
  public var replayEvents = 10_000
  public var maxWebSocketConnections = 15_000

  public init() {}
}

/// Finds `Displays/` and `Assets/`: the current directory when run from a checkout, the
/// package's `/usr/share/antre` when installed as `/usr/bin/antre` (`<prefix>/share/antre`
/// for `<prefix>/bin/antre`), else the checkout the binary was built in
/// (`.build/<config>/antre`).
public func defaultResourceRoot(executablePath: String) -> String {
  let fm = FileManager.default
  let cwd = fm.currentDirectoryPath
  if fm.fileExists(atPath: cwd + "/Displays") && fm.fileExists(atPath: cwd + "/Assets") {
    return cwd
  }
  // Found through PATH, argv[0] is a bare name: ask the kernel where the binary is.
  let executable =
    executablePath.contains("/")
    ? executablePath
    : (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executablePath
  var url = URL(fileURLWithPath: executable).resolvingSymlinksInPath()
    .deletingLastPathComponent()
  let installed = url.deletingLastPathComponent().appendingPathComponent("share/antre").path
  if fm.fileExists(atPath: installed + "/Displays") { return installed }
  for _ in 0..<5 {
    if fm.fileExists(atPath: url.appendingPathComponent("Displays").path) { return url.path }
    url = url.deletingLastPathComponent()
  }
  return cwd
}
