import HallWire
import ArgumentParser
import FeedClient
import FoundationEssentials
import Terminal

/// `antre console`: the full-screen, one-key console for one counter (`ConsoleSession`
/// runs it).
public struct Console: ParsableCommand {
  public static let configuration = CommandConfiguration(
    abstract: "Open the full-screen console for this counter: one key per action.",
    discussion: """
      Space/N next, R recall, S start, D done, X no-show, T transfer, P pause or resume, \
      Q quit. Updates live from the hall's feed.
      """)

  @OptionGroup public var options: OfficerOptions

  public init() {}

  /// The console for the resolved settings, drawing through `write`.
  public func makeDriver(
    settings: OfficerSettings, transport: any AsyncOfficerTransport, size: TerminalSize,
    now: Date = Date(), write: @escaping (String) -> Void
  ) -> ConsoleDriver {
    ConsoleDriver(
      model: ConsoleModel(counter: settings.counter, language: options.lang, now: now),
      transport: transport, token: settings.token, size: size, write: write)
  }

  /// The hall's feed on the server's own port (`/ws`); nil for a server URL the feed client
  /// cannot dial (`https://`, or a path after the port).
  public static func feedURL(settings: OfficerSettings) -> FeedURL? {
    guard let url = FeedURL(settings.server), url.target == "/ws" else { return nil }
    return url
  }
}
