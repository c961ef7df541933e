import HallWire
import ArgumentParser
import FoundationEssentials

extension Language: ExpressibleByArgument {}

/// The options every officer command shares.
public struct OfficerOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The Antre server, e.g. http://192.168.1.10:8080.",
      discussion: "Else ANTRE_SERVER, else the file `antre login` wrote.",
      valueName: "url"))
  public var server: String?

  @Option(
    help: ArgumentHelp(
      "This counter's number.", discussion: "Else ANTRE_COUNTER, else the login file.",
      valueName: "n"))
  public var counter: Int?

  @Option(
    help: ArgumentHelp(
      "This counter's token.", discussion: "Else ANTRE_TOKEN, else the login file.",
      valueName: "token"))
  public var token: String?

  @Option(help: ArgumentHelp("Language of the messages: id or en.", valueName: "lang"))
  public var lang: Language = .id

  @Flag(help: "Print the server's response object as JSON instead of a sentence.")
  public var json = false

  public init() {}

  public var flags: OfficerSettings.Partial {
    OfficerSettings.Partial(server: server, counter: counter, token: token)
  }

  /// Flags, then the environment, then the login file.
  public func settings(environment: [String: String]) throws(OfficerError) -> OfficerSettings {
    let file = try ConfigFile.location(environment: environment)?.load()
    return try OfficerSettings.resolve(flags: flags, environment: environment, file: file)
  }

  /// The settings of this process, or the reason on standard error and the matching exit code.
  public func settingsOrExit() throws -> OfficerSettings {
    do {
      return try settings(environment: ProcessInfo.processInfo.environment)
    } catch {
      StandardError.write(Messages(language: lang).error(error, counter: counter) + "\n")
      throw ExitCode(error.exitCode)
    }
  }
}
