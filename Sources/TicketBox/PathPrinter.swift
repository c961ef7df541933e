import EscPos
import Reactor
import Wording

/// A printer reached through a path, opened for each ticket:
/// - a device node (`/dev/usb/lp0`): the kernel's `usblp` reports no paper status through
///   `write`, so the status is what writing shows — `ok` once a ticket went through,
///   `offline` when the device is missing or fails;
/// - `file:PATH`: each ticket appended to a file (created if missing), for tests and for
///   printing later with `cat PATH > /dev/usb/lp0`.
public final class PathPrinter: Printer {
  public var onStatus: (PrinterStatus) -> Void = { _ in }
  public let name: String
  public var language = Language.id
  private let loop: EventLoop
  private let path: String
  private let append: Bool
  private var writer: DescriptorWriter?

  public static func device(loop: EventLoop, path: String) -> PathPrinter {
    PathPrinter(loop: loop, path: path, append: false, name: path)
  }

  public static func file(loop: EventLoop, path: String) -> PathPrinter {
    PathPrinter(loop: loop, path: path, append: true, name: "file:" + path)
  }

  private init(loop: EventLoop, path: String, append: Bool, name: String) {
    self.loop = loop
    self.path = path
    self.append = append
    self.name = name
  }

  public func start() {}

  public func print(
    _ bytes: [UInt8], completion: @escaping (Result<Void, TicketBoxError>) -> Void
  ) {
    writer = DescriptorWriter.write(
      bytes, to: path, append: append, name: name, loop: loop, language: language
    ) {
      [weak self] result in
      self?.writer = nil
      switch result {
      case .success: self?.onStatus(.ok)
      case .failure: self?.onStatus(.offline)
      }
      completion(result)
    }
  }

  public func stop() {
    writer?.cancel()
    writer = nil
  }
}
