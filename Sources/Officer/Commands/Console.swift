import ArgumentParser
import FoundationEssentials
import Terminal

/// `antre console`: the full-screen, one-key console for one counter. Its `run()` needs
/// the event loop and the feed client, so it comes with them (see `ConsoleDriver`).
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
    settings: OfficerSettings, transport: any OfficerTransport, size: TerminalSize,
    now: Date = Date(), write: @escaping (String) -> Void
  ) -> ConsoleDriver {
    ConsoleDriver(
      model: ConsoleModel(counter: settings.counter, language: options.lang, now: now),
      client: OfficerClient(transport: transport, counter: settings.counter, token: settings.token),
      size: size, write: write)
  }

  /// The feed's WebSocket URL for `server`: `ws(s)://host/ws?token=…`, with `since` after a
  /// reconnect so that no event is missed.
  public static func feedURL(settings: OfficerSettings, since: Int?) -> String {
    var base = settings.server
    if base.hasPrefix("https://") {
      base = "wss://" + base.dropFirst("https://".count)
    } else if base.hasPrefix("http://") {
      base = "ws://" + base.dropFirst("http://".count)
    }
    var url = base + "/ws?token=" + percentEncoded(settings.token)
    if let since { url += "&since=\(since)" }
    return url
  }

  static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.append(Character(Unicode.Scalar(byte)))
      default:
        let hex = Array("0123456789ABCDEF")
        out += "%" + String(hex[Int(byte >> 4)]) + String(hex[Int(byte & 0xF)])
      }
    }
    return out
  }
}
