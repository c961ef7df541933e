import HallWire
import ArgumentParser
import FeedClient
import FoundationEssentials
import Reactor
import Terminal

/// The console's I/O on one event loop: keys from the raw terminal, the hall's feed,
/// commands over HTTP, a one-second clock and the window's size. All of it feeds one
/// `ConsoleDriver`; the terminal is restored however the loop ends.
final class ConsoleSession {
  let loop: EventLoop
  let terminal: RawTerminal
  let driver: ConsoleDriver
  let feed: FeedClient
  private var keyboard: ReadableWatcher?
  private var clock: Timer?
  private var signals: SignalWatcher?

  init(loop: EventLoop, terminal: RawTerminal, driver: ConsoleDriver, feed: FeedClient) {
    self.loop = loop
    self.terminal = terminal
    self.driver = driver
    self.feed = feed
  }

  /// Runs until the officer quits or a signal ends it.
  func run() {
    driver.onFinish = { [weak self] in self?.loop.stop() }
    feed.onStatus = { [weak self] status in
      switch status {
      case .open: self?.driver.feedConnected()
      case .disconnected(let reason): self?.driver.feedDisconnected(reason: reason)
      case .connecting: break
      }
    }
    feed.onMessage = { [weak self] text in self?.driver.feedMessage(text) }
    keyboard = ReadableWatcher(loop: loop, fileDescriptor: terminal.input) { [weak self] in
      self?.readKeys()
    }
    let clock = Timer(loop: loop, repeating: true) { [weak self] in
      self?.driver.tick(now: Date())
    }
    clock.schedule(after: 1)
    self.clock = clock
    // Ctrl-C arrives as a key (raw mode turns ISIG off); SIGINT still comes from `kill`.
    signals = SignalWatcher(
      loop: loop, signals: [.interrupt, .terminate, .hangup, .windowChanged]
    ) { [weak self] signal in
      guard let self else { return }
      if signal == .windowChanged {
        if let size = self.terminal.size { self.driver.resize(size) }
      } else {
        self.loop.stop()
      }
    }

    driver.start()
    feed.start()
    loop.run()

    feed.stop()
    keyboard?.cancel()
    clock.cancel()
    signals = nil
    terminal.restore()
  }

  private func readKeys() {
    do {
      guard let bytes = try terminal.readAvailable() else {
        // The terminal went away (its window closed): nobody is left to press Q.
        loop.stop()
        return
      }
      driver.keyboard(bytes)
    } catch {
      loop.stop()
    }
  }
}

extension Console {
  public func run() throws {
    let messages = Messages(language: options.lang)
    let settings = try options.settingsOrExit()
    guard let url = Self.feedURL(settings: settings) else {
      StandardError.write(
        messages.error(.invalidServerURL(settings.server), counter: settings.counter) + "\n")
      throw ExitCode(2)
    }
    let terminal: RawTerminal
    do {
      terminal = try RawTerminal()
    } catch {
      StandardError.write(messages.terminal(error) + "\n")
      throw ExitCode(2)
    }
    let loop = EventLoop()
    let driver = makeDriver(
      settings: settings,
      transport: ReactorTransport(
        server: settings.server, loop: loop, timeout: 5, language: options.lang),
      size: terminal.size ?? .standard,
      write: terminal.write)
    let feed = FeedClient(loop: loop, url: url, token: settings.token)
    let session = ConsoleSession(loop: loop, terminal: terminal, driver: driver, feed: feed)
    withExtendedLifetime(session) { session.run() }
  }
}
