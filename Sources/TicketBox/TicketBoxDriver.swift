import EscPos
import FeedClient
import FoundationEssentials
import Reactor

/// Runs `TicketBoxCore` on a loop: the feed, standard input and the printer feed it inputs,
/// and its actions go out to them.
public final class TicketBoxDriver {
  public struct Options: Sendable {
    public var server: String
    public var token: String
    public var printer: PrinterAddress
    public var paper: Paper

    public init(server: String, token: String, printer: PrinterAddress, paper: Paper) {
      self.server = server
      self.token = token
      self.printer = printer
      self.paper = paper
    }
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
    core = TicketBoxCore(serverURL: String(base)) { UUID().uuidString.lowercased() }
    feed = FeedClient(loop: loop, url: url, token: options.token)
    printer = options.printer.makePrinter(loop: loop)
    input = LineReader(loop: loop)
  }

  /// Runs until standard input ends and everything pending is done, or a signal.
  public func run() {
    feed.onStatus = { [weak self] status in
      guard let self else { return }
      switch status {
      case .open:
        self.log("connected to \(self.options.server)")
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
      self?.warn("stopping on \(signal)")
      self?.shutdown()
    }
    log("ticket box: server \(options.server), printer \(printer.name)")
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
      if !feed.send(text: message.json) {
        // The feed closed under us; `.disconnected` follows and resends what matters.
        warn("server: could not send \(message.json)")
      }
    case .print(let task):
      let bytes: [UInt8]
      do {
        bytes = try TicketLayout.render(task.content, paper: options.paper)
      } catch {
        // Only a tracking URL too long for a QR code gets here: print without the code.
        var content = task.content
        content.trackURL = nil
        bytes = (try? TicketLayout.render(content, paper: options.paper)) ?? []
        warn("ticket \(task.content.number): \(error); printed without QR code")
      }
      let key = task.key
      printer.print(bytes) { [weak self] result in
        // Completion may come from inside `print`: let the current action list finish first.
        self?.loop.soon { [weak self] in
          switch result {
          case .success: self?.handle(.printed(key))
          case .failure(let error): self?.handle(.printFailed(key, reason: "\(error)"))
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
    case .exit:
      shutdown()
    }
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
