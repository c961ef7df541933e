import HTTP
import EscPos
import Reactor

/// A receipt printer the box sends tickets to. One ticket at a time: `print` is not called
/// again before its completion ran.
public protocol Printer: AnyObject {
  /// Each status change the printer reports or its transport implies (unreachable → offline).
  var onStatus: (PrinterStatus) -> Void { get set }
  /// A human name for log lines: `/dev/usb/lp0`, `tcp://10.0.0.5:9100`.
  var name: String { get }
  func start()
  /// Calls `completion` once the transport accepted every byte, or with why it did not.
  func print(_ bytes: [UInt8], completion: @escaping (Result<Void, TicketBoxError>) -> Void)
  func stop()
}

/// `--printer`: a device path, `tcp://HOST:PORT` or `file:PATH`.
public enum PrinterAddress: Equatable, Sendable {
  case device(path: String)
  case tcp(host: String, port: Int)
  case file(path: String)

  public init(_ text: String) throws(TicketBoxError) {
    if text.hasPrefix("tcp://") {
      guard let url = URLParts(text), url.pathAndQuery.isEmpty else { throw .badPrinter(text) }
      self = .tcp(host: url.host, port: url.port ?? 9100)
    } else if text.hasPrefix("file:") {
      let path = String(text.dropFirst(5))
      guard !path.isEmpty else { throw .badPrinter(text) }
      self = .file(path: path)
    } else if text.hasPrefix("/") {
      self = .device(path: text)
    } else {
      throw .badPrinter(text)
    }
  }

  public func makePrinter(loop: EventLoop) -> any Printer {
    switch self {
    case .device(let path): PathPrinter.device(loop: loop, path: path)
    case .tcp(let host, let port): TCPPrinter(loop: loop, host: host, port: port)
    case .file(let path): PathPrinter.file(loop: loop, path: path)
    }
  }
}
