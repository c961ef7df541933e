import Wording

/// What goes wrong in a ticket box. The box has no wire of its own to answer on: each case
/// maps to the process's exit status (for the command line) or to a line on standard error.
public enum TicketBoxError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `--server` is not an `http://` or `ws://` URL.
  case badServerURL(String)
  /// `--printer` is none of a device path, `tcp://HOST:PORT`, `file:PATH`.
  case badPrinter(String)
  /// A message from the server that is not the JSON its `type` promises.
  case malformedMessage(String)
  /// The printer took none or only part of a ticket.
  case printerFailed(String)

  public var description: String { message(.en) }

  /// The whole message in `language`.
  public func message(_ language: Language) -> String {
    switch self {
    case .badServerURL(let s):
      language.pick(
        "bukan URL server: `\(s)` (seharusnya http://HOST:PORT)",
        "not a server URL: `\(s)` (expected http://HOST:PORT)")
    case .badPrinter(let s):
      language.pick(
        "bukan printer: `\(s)` (seharusnya path perangkat seperti /dev/usb/lp0, tcp://HOST:9100 atau file:PATH)",
        "not a printer: `\(s)` (expected a device path like /dev/usb/lp0, tcp://HOST:9100 or file:PATH)"
      )
    case .malformedMessage(let s):
      language.pick(
        "pesan server tidak sesuai format: \(s)", "malformed message from the server: \(s)")
    case .printerFailed(let s): s
    }
  }

  /// The exit status of `antre ticketbox` when this ends it: 64 (EX_USAGE) for bad
  /// arguments, 69 (EX_UNAVAILABLE) otherwise.
  public var exitCode: Int32 {
    switch self {
    case .badServerURL, .badPrinter: 64
    case .malformedMessage, .printerFailed: 69
    }
  }
}
