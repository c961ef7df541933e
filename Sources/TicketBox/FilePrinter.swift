import EscPos
import Reactor

/// `file:PATH`: each ticket's bytes appended to a file (created if missing), for tests and
/// for printing later with `cat PATH > /dev/usb/lp0`.
public final class FilePrinter: Printer {
  public var onStatus: (PrinterStatus) -> Void = { _ in }
  public var name: String { "file:" + path }
  private let loop: EventLoop
  private let path: String
  private var writer: DescriptorWriter?

  public init(loop: EventLoop, path: String) {
    self.loop = loop
    self.path = path
  }

  public func start() {}

  public func print(
    _ bytes: [UInt8], completion: @escaping (Result<Void, TicketBoxError>) -> Void
  ) {
    writer = DescriptorWriter.write(bytes, to: path, append: true, name: name, loop: loop) {
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
