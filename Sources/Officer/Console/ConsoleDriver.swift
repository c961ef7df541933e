import HallWire
import FoundationEssentials
import Terminal

/// Runs the console's actions: sends commands, draws frames.
/// The event loop owns it and calls in from its callbacks, all on one thread:
///
/// - standard input readable → `keyboard(_:)` with the bytes read;
/// - feed open / text message / closed → `feedConnected()`, `feedMessage(_:)`,
///   `feedDisconnected(reason:)`;
/// - a one-second timer → `tick(now:)`; SIGWINCH → `resize(_:)`.
///
/// Commands go out one at a time without blocking the loop; their answers come back as
/// `.result` inputs. An action key pressed while a command is still out is dropped, so a
/// double press of N calls one ticket, not two.
///
/// After any call, `isFinished` says the officer quit: stop the loop, restore the terminal.
public final class ConsoleDriver {
  public private(set) var model: ConsoleModel
  public private(set) var isFinished = false
  private var screen: Screen
  private var decoder = KeyDecoder()
  private let transport: any AsyncOfficerTransport
  private let token: String
  private let write: (String) -> Void
  public private(set) var isBusy = false
  /// Called once, when the officer quits.
  public var onFinish: () -> Void = {}

  public init(
    model: ConsoleModel, transport: any AsyncOfficerTransport, token: String, size: TerminalSize,
    write: @escaping (String) -> Void
  ) {
    self.model = model
    self.transport = transport
    self.token = token
    self.write = write
    screen = Screen(width: size.columns, height: size.rows)
  }

  /// Draws the first frame.
  public func start() { draw() }

  public func keyboard(_ bytes: [UInt8]) {
    for key in decoder.decode(bytes) where !isFinished {
      handle(.key(key))
    }
  }

  public func feedConnected() { handle(.feedConnected) }

  public func feedDisconnected(reason: String) { handle(.feedDisconnected(reason: reason)) }

  /// One text frame of the feed; a frame this client cannot read is skipped, as the
  /// next snapshot or event brings the state back.
  public func feedMessage(_ text: String) {
    guard let event = try? FeedMessage(parsing: text) else { return }
    handle(.event(event))
  }

  public func tick(now: Date) { handle(.tick(now)) }

  public func resize(_ size: TerminalSize) {
    screen.resize(width: size.columns, height: size.rows)
    draw()
  }

  private func handle(_ input: ConsoleInput) {
    guard !isFinished else { return }
    var redraw = false
    var request: OfficerRequest?
    for action in model.update(input) {
      switch action {
      case .redraw: redraw = true
      case .quit: isFinished = true
      case .send(let r): if !isBusy && request == nil { request = r }
      }
    }
    if isFinished {
      onFinish()
      return
    }
    // Draw first, so that what was pressed shows before a possibly slow answer.
    if redraw { draw() }
    if let request { send(request) }
  }

  private func send(_ request: OfficerRequest) {
    isBusy = true
    OfficerClient.perform(
      request, counter: model.counterID, token: token, over: transport
    ) { [weak self] result in
      guard let self else { return }
      self.isBusy = false
      self.handle(.result(request, result.map(\.outcome)))
    }
  }

  private func draw() {
    let frame = screen.frame(model.lines(width: screen.width, height: screen.height))
    if !frame.isEmpty { write(frame) }
  }
}
