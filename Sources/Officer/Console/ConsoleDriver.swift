import FoundationEssentials
import Terminal

/// Runs the console's actions: sends commands over the officer client, draws frames.
/// The event loop owns it and calls in from its callbacks, all on one thread:
///
/// - standard input readable → `keyboard(_:)` with the bytes read;
/// - feed open / text message / closed → `feedConnected()`, `feedMessage(_:)`,
///   `feedDisconnected(reason:)`;
/// - a one-second timer → `tick(now:)`; SIGWINCH → `resize(_:)`.
///
/// After any call, `isFinished` says the officer quit: stop the loop, restore the terminal.
public final class ConsoleDriver {
  public private(set) var model: ConsoleModel
  public private(set) var isFinished = false
  private var screen: Screen
  private var decoder = KeyDecoder()
  private let client: OfficerClient
  private let write: (String) -> Void

  public init(
    model: ConsoleModel, client: OfficerClient, size: TerminalSize,
    write: @escaping (String) -> Void
  ) {
    self.model = model
    self.client = client
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
    guard let event = try? HallEvent.decode(text) else { return }
    handle(.event(event))
  }

  public func tick(now: Date) { handle(.tick(now)) }

  public func resize(_ size: TerminalSize) {
    screen.resize(width: size.columns, height: size.rows)
    draw()
  }

  private func handle(_ input: ConsoleInput) {
    var pending = model.update(input)
    var redraw = false
    while !pending.isEmpty {
      let action = pending.removeFirst()
      switch action {
      case .redraw: redraw = true
      case .quit: isFinished = true
      case .send(let request):
        // Show that something is happening before a possibly slow request.
        if redraw {
          draw()
          redraw = false
        }
        let result: Result<CommandOutcome, OfficerError>
        do {
          result = .success(try client.perform(request).outcome)
        } catch {
          result = .failure(error)
        }
        pending += model.update(.result(request, result))
      }
    }
    if redraw && !isFinished { draw() }
  }

  private func draw() {
    let frame = screen.frame(model.lines(width: screen.width, height: screen.height))
    if !frame.isEmpty { write(frame) }
  }
}
