import ArgumentParser
import FoundationEssentials

/// Saves server, counter and token for the other commands.
public struct Login: ParsableCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Remember the server, counter and token for the other officer commands.",
    discussion: """
      Writes $XDG_CONFIG_HOME/antre/officer.json (or ~/.config/antre/officer.json), \
      readable only by you. Flags and ANTRE_* variables still take precedence.
      """)

  @OptionGroup public var options: OfficerOptions

  public init() {}

  public func run() throws {
    let status = execute(environment: ProcessInfo.processInfo.environment, output: .standard)
    if status != 0 { throw ExitCode(status) }
  }

  /// Saves what the flags and environment say (the file itself is what is being replaced).
  public func execute(environment: [String: String], output: CommandOutput) -> Int32 {
    let messages = Messages(language: options.lang)
    do {
      let settings = try OfficerSettings.resolve(
        flags: options.flags, environment: environment, file: nil)
      guard let file = ConfigFile.location(environment: environment) else {
        throw OfficerError.configFile(
          path: "~/.config/antre/officer.json", reason: "HOME is not set")
      }
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
}
