import HallWire
import ArgumentParser
import FoundationEssentials
import InitMacros

/// An officer command that is one HTTP call for this counter. Its `run()` comes with the
/// transport (see `execute`), so that this module builds before the network layer does.
public protocol OfficerCommand: ParsableCommand {
  var options: OfficerOptions { get }
  var request: OfficerRequest { get }
}

/// Where a command writes, so tests can read it.
@PublicInit
public struct CommandOutput {
  public var line: (String) -> Void
  public var error: (String) -> Void

  /// Standard output and standard error.
  public static var standard: CommandOutput {
    CommandOutput(line: { print($0) }, error: { StandardError.write($0 + "\n") })
  }
}

extension OfficerCommand {
  /// Resolves the settings, sends the request over the transport made for them, prints one
  /// line (or the JSON object, or an error on stderr), and returns the exit status.
  public func execute(
    transport makeTransport: (OfficerSettings) -> any OfficerTransport,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    now: Date = Date(),
    output: CommandOutput = .standard
  ) -> Int32 {
    let messages = Messages(language: options.lang)
    let settings: OfficerSettings
    do {
      settings = try options.settings(environment: environment)
    } catch {
      output.error(messages.error(error, counter: options.counter))
      return error.exitCode
    }
    let client = OfficerClient(
      transport: makeTransport(settings), counter: settings.counter, token: settings.token)
    let reply: OfficerClient.Reply
    do {
      reply = try client.perform(request)
    } catch {
      output.error(messages.error(error, counter: settings.counter))
      return error.exitCode
    }
    if options.json {
      output.line(String(decoding: reply.json, as: UTF8.self).trailingNewlinesRemoved)
      return 0
    }
    switch reply.outcome {
    case .status(let hall):
      for line in messages.status(hall: hall, counter: settings.counter, now: now) {
        output.line(line)
      }
    case .called, .done, .noShow, .transferred:
      // Names and waiting counts only decorate the line; the command already succeeded.
      let hall = try? client.hall()
      output.line(messages.line(for: reply.outcome, counter: settings.counter, hall: hall))
    default:
      output.line(messages.line(for: reply.outcome, counter: settings.counter, hall: nil))
    }
    return 0
  }
}

extension String {
  var trailingNewlinesRemoved: String {
    var s = self
    while s.last == "\n" || s.last == "\r\n" { s.removeLast() }
    return s
  }
}
