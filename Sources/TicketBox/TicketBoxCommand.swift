import HallWire
import ArgumentParser
import EscPos
import FoundationEssentials
import Reactor
import Wording

/// `antre ticketbox`: the printer-attached ticket box (PROTOCOL.md, "Running").
public struct TicketBoxCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "ticketbox",
    abstract: "Run a ticket box: each service id read on standard input prints a ticket.",
    discussion: """
      Each line on standard input naming a service (A) issues a ticket over the feed and \
      prints it; a line #CODE checks in the booking with that code and prints its \
      appointment ticket; print jobs for this box (from the kiosk page) print as they \
      arrive. PRINTER is a device path (/dev/usb/lp0), tcp://HOST:9100 or file:PATH.
      """)

  @Option(help: "The server's base URL, e.g. http://127.0.0.1:8080.")
  var server: String

  @Option(help: "This box's id in the hall file (kiosks).")
  var box: String

  @Option(help: "This box's kiosk token.")
  var token: String

  @Option(help: "The printer: /dev/usb/lp0, tcp://HOST:9100 or file:PATH.")
  var printer: String

  @Option(help: "Paper width in millimetres: 58 or 80.")
  var width = 80

  @Option(
    help:
      "How to print the QR code: raster (an image every printer prints) or native (GS ( k, for printers that draw QR codes themselves)."
  )
  var qr = "raster"

  @Option(help: "Language of the box's messages: id (Bahasa Indonesia) or en.")
  var lang = "id"

  public init() {}

  public func validate() throws {
    let language = Language(rawValue: lang) ?? .id
    guard Language(rawValue: lang) != nil else {
      throw ValidationError("--lang harus id atau en / --lang must be id or en")
    }
    guard Paper(millimetres: width) != nil else {
      throw ValidationError(language.pick("--width harus 58 atau 80", "--width must be 58 or 80"))
    }
    guard TicketBoxDriver.QRMode(rawValue: qr) != nil else {
      throw ValidationError(
        language.pick("--qr harus raster atau native", "--qr must be raster or native"))
    }
    do {
      _ = try PrinterAddress(printer)
    } catch {
      throw ValidationError(error.message(language))
    }
    guard server.hasPrefix("http://") || server.hasPrefix("ws://") else {
      throw ValidationError(TicketBoxError.badServerURL(server).message(language))
    }
  }

  public func run() throws {
    let options: TicketBoxDriver.Options
    do {
      options = .init(
        server: server, token: token, printer: try PrinterAddress(printer),
        paper: Paper(millimetres: width) ?? .mm80,
        qr: TicketBoxDriver.QRMode(rawValue: qr) ?? .raster,
        language: Language(rawValue: lang) ?? .id)
    } catch {
      throw ValidationError(error.message(Language(rawValue: lang) ?? .id))
    }
    let box = self.box
    let driver: TicketBoxDriver
    do {
      driver = try TicketBoxDriver(
        options: options, loop: EventLoop(),
        log: { standardOutput("[\(box)] \($0)") },
        warn: { standardError("[\(box)] \($0)") })
    } catch {
      standardError("antre ticketbox: \(error.message(options.language))")
      throw ExitCode(error.exitCode)
    }
    driver.run()
  }
}

/// Written straight to the descriptor, unbuffered: tests and supervisors read these lines live.
private func standardOutput(_ line: String) {
  SystemCalls.writeAll(1, Array((line + "\n").utf8))
}

private func standardError(_ line: String) {
  SystemCalls.writeAll(2, Array((line + "\n").utf8))
}
