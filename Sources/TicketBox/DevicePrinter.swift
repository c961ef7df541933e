import EscPos
import Reactor

/// A printer behind a device node (`/dev/usb/lp0`), opened for each ticket. The kernel's
/// `usblp` reports no paper status through `write`, so the status is what writing shows:
/// `ok` once a ticket went through, `offline` when the device is missing or fails.
public final class DevicePrinter: Printer {
  public var onStatus: (PrinterStatus) -> Void = { _ in }
  public var name: String { path }
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
    writer = DescriptorWriter.write(bytes, to: path, append: false, name: path, loop: loop) {
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
