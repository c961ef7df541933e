import HallWire
import EscPos
import FeedClient
import FoundationEssentials
import QRCode
import Reactor
import Wording

/// Runs `TicketBoxCore` on a loop: the feed, standard input and the printer feed it inputs,
/// and its actions go out to them.
public final class TicketBoxDriver {
  public struct Options: Sendable {
    public var server: String
    public var token: String
    public var printer: PrinterAddress
    public var paper: Paper
    public var qr: QRMode
    public var language: Language
  }

  /// `--qr`: how the ticket's QR code is printed.
  public enum QRMode: String, Sendable, CaseIterable {
    /// A `GS v 0` image drawn by libqrencode: what every printer with graphics prints.
    case raster
    /// `GS ( k`, for printers that draw QR codes themselves.
    case native
  }

  public let loop: EventLoop
  private let options: Options
  private var core: TicketBoxCore
  private let feed: FeedClient
  private let printer: any Printer
  private let input: LineReader
  private var retry: Timer?
  private var signals: SignalWatcher?
  private let log: (String) -> Void
  private let warn: (String) -> Void

  public init(
    options: Options, loop: EventLoop, log: @escaping (String) -> Void,
    warn: @escaping (String) -> Void
  ) throws(TicketBoxError) {
    guard let url = FeedURL(options.server) else { throw .badServerURL(options.server) }
    self.loop = loop
    self.options = options
    self.log = log
    self.warn = warn
    let base =
      options.server.hasPrefix("ws://") ? "http://" + options.server.dropFirst(5) : options.server
    core = TicketBoxCore(serverURL: String(base), language: options.language) {
      UUID().uuidString.lowercased()
    }
    feed = FeedClient(loop: loop, url: url, token: options.token)
    printer = options.printer.makePrinter(loop: loop, language: options.language)
    input = LineReader(loop: loop)
  }

  /// Runs until standard input ends and everything pending is done, or a signal.
  public func run() {
    feed.onStatus = { [weak self] status in
      guard let self else { return }
      switch status {
      case .open:
        self.log(
          self.say("tersambung ke \(self.options.server)", "connected to \(self.options.server)"))
        self.handle(.connected)
      case .disconnected(let reason):
        // A fresh snapshot on every connection: the box wants today's hall, not a replay.
        self.feed.lastSeq = nil
        self.handle(.disconnected(reason: reason))
      case .connecting:
        break
      }
    }
    feed.onMessage = { [weak self] text in self?.handle(.received(text)) }
    printer.onStatus = { [weak self] status in self?.handle(.printerStatus(status)) }
    input.onLine = { [weak self] line in self?.handle(.line(line)) }
    input.onEnd = { [weak self] in self?.handle(.inputEnded) }
    signals = SignalWatcher(loop: loop) { [weak self] signal in
      let name =
        switch signal {
        case .interrupt: "SIGINT"
        case .terminate: "SIGTERM"
        case .hangup: "SIGHUP"
        case .windowChanged: "SIGWINCH"
        }
      self?.warn(self?.say("berhenti karena \(name)", "stopping on \(name)") ?? "")
      self?.shutdown()
    }
    log(
      say(
        "kotak tiket: server \(options.server), printer \(printer.name)",
        "ticket box: server \(options.server), printer \(printer.name)"))
    printer.start()
    feed.start()
    input.start()
    loop.run()
  }

  private func handle(_ input: TicketBoxCore.Input) {
    for action in core.handle(input) { perform(action) }
  }

  private func perform(_ action: TicketBoxCore.Action) {
    switch action {
    case .send(let message):
      if !feed.send(text: message.jsonString) {
        // The feed closed under us; `.disconnected` follows and resends what matters.
        warn(
          say(
            "server: gagal mengirim \(message.jsonString)",
            "server: could not send \(message.jsonString)"))
      }
    case .print(let task):
      let bytes = ticketBytes(task.content)
      let key = task.key
      printer.print(bytes) { [weak self] result in
        // Completion may come from inside `print`: let the current action list finish first.
        self?.loop.soon { [weak self] in
          switch result {
          case .success: self?.handle(.printed(key))
          case .failure(let error):
            self?.handle(.printFailed(key, reason: error.message(self?.options.language ?? .id)))
          }
        }
      }
    case .retryPrint(let seconds):
      let timer = Timer(loop: loop) { [weak self] in self?.handle(.retryDue) }
      timer.schedule(after: seconds)
      retry = timer
    case .warn(let text):
      warn(text)
    case .note(let text):
      log(text)
    case .refuse(let status, let text):
      // One line a buzzer or light script can match on: the word and the printer's status
      // are fixed, the rest is for people.
      log(say("DITOLAK", "REFUSED") + " \(status.rawValue): \(text)")
    case .exit:
      shutdown()
    }
  }

  /// The ticket's printer bytes, with its QR code as `--qr` asks; without the code (and a
  /// warning) when the link is too long for one that fits the paper.
  private func ticketBytes(_ content: TicketContent) -> [UInt8] {
    if let qr = qrCode(for: content),
      let bytes = try? TicketLayout.render(content, paper: options.paper, qr: qr)
    {
      return bytes
    }
    var bare = content
    bare.trackURL = nil
    warn(
      say(
        "tiket \(content.number): tautan terlalu panjang untuk kode QR; dicetak tanpa kode QR",
        "ticket \(content.number): the link is too long for a QR code; printed without one"))
    // Without a link the layout has nothing it could refuse.
    return (try? TicketLayout.render(bare, paper: options.paper, qr: .native)) ?? []
  }

  /// A raster drawn by libqrencode to fit the paper, or `GS ( k` with `--qr native` (and for
  /// a ticket without a link, where it is never used); nil when no raster fits.
  private func qrCode(for content: TicketContent) -> TicketQR? {
    guard options.qr == .raster, let url = content.trackURL else { return .native }
    let paper = options.paper
    guard let code = try? QRCode(url, correction: .medium),
      let raster = code.raster(fitting: paper.dots, maxDotsPerModule: paper.maxQRDotsPerModule),
      let image = try? BitImage(width: raster.width, height: raster.height, bits: raster.bits)
    else { return nil }
    return .raster(image)
  }

  private func say(_ indonesian: String, _ english: String) -> String {
    options.language.pick(indonesian, english)
  }

  private func shutdown() {
    input.stop()
    retry?.cancel()
    printer.stop()
    feed.stop()
    signals = nil
    // Lets the feed's close frame and last acknowledgement leave before the loop ends.
    let timer = Timer(loop: loop) { [loop] in loop.stop() }
    timer.schedule(after: 0.2)
    retry = timer
  }
}
