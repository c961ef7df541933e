import HallWire
import ArgumentParser
import FoundationEssentials

/// Checks, then saves, server, counter and token for the other commands.
public struct Login: ParsableCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Remember the server, counter and token for the other officer commands.",
    discussion: """
      Asks the server for the hall (is it there, does it have this counter?) and checks the \
      token against the counter without changing anything; only then writes \
      $XDG_CONFIG_HOME/antre/officer.json (or ~/.config/antre/officer.json), readable only \
      by you. Nothing is saved when a check fails. Flags and ANTRE_* variables still take \
      precedence over the file.
      """)

  @OptionGroup public var options: OfficerOptions

  public init() {}

  public func run() throws {
    let status = execute(
      environment: ProcessInfo.processInfo.environment, output: .standard,
      transport: { ReactorTransport(server: $0.server, language: options.lang) })
    if status != 0 { throw ExitCode(status) }
  }

  /// Verifies what the flags and environment say (the file itself is what is being
  /// replaced) with the server, and saves it only when the server agrees.
  public func execute(
    environment: [String: String], output: CommandOutput,
    transport makeTransport: (OfficerSettings) -> any OfficerTransport
  ) -> Int32 {
    let messages = Messages(language: options.lang)
    do {
      let settings = try OfficerSettings.resolve(
        flags: options.flags, environment: environment, file: nil)
      guard let file = ConfigFile.location(environment: environment) else {
        throw OfficerError.configFile(
          path: "~/.config/antre/officer.json", reason: "HOME is not set")
      }
      let transport = makeTransport(settings)
      let hall = try OfficerClient(
        transport: transport, counter: settings.counter, token: settings.token
      ).hall()
      guard hall.counter(settings.counter) != nil else {
        output.error(messages.noSuchCounter(settings.counter, hall: hall))
        return 1
      }
      try Self.verifyToken(settings, over: transport)
      try file.save(settings)
      output.line(messages.loggedIn(settings, path: file.path))
      return 0
    } catch let error as OfficerError {
      output.error(messages.error(error, counter: options.counter))
      return error.exitCode
    } catch {
      output.error("\(error)")
      return 1
    }
  }

  /// Whether the token may act for the counter, asked without changing anything:
  /// `GET /api/counters/{n}` answers only counter n's token or the admin's. A server from
  /// before that route is asked for a counter action that does not exist, which it refuses
  /// with 401 or 403 for a wrong token before it looks at the action (404 for a right one).
  static func verifyToken(_ settings: OfficerSettings, over transport: any OfficerTransport)
    throws(OfficerError)
  {
    let path = "/api/counters/\(settings.counter)"
    let direct = try transport.send(method: "GET", path: path, body: nil, token: settings.token)
    switch direct.status {
    case 200..<300: return
    case 401, 403: throw OfficerClient.error(from: direct)
    default: break
    }
    let probe = try transport.send(
      method: "POST", path: path + "/token-check", body: nil, token: settings.token)
    switch probe.status {
    case 404: return
    default: throw OfficerClient.error(from: probe)
    }
  }
}
