import HallWire
import Reactor

/// Lines from standard input on the loop. This polls (`poll(2)` with no wait) every 50 ms,
/// far below what a button press can notice, rather than using `ReadableWatcher`: standard
/// input may be a regular file (`antre ticketbox < presses.txt`), which epoll refuses. It
/// never changes the descriptor's flags (it is often shared with a shell).
final class LineReader {
  var onLine: (String) -> Void = { _ in }
  var onEnd: () -> Void = {}
  private let fd: Int32
  private var timer: Timer?
  private var pending: [UInt8] = []

  init(loop: EventLoop, fd: Int32 = 0) {
    self.fd = fd
    timer = Timer(loop: loop, repeating: true) { [weak self] in self?.check() }
  }

  func start() {
    timer?.schedule(after: 0.05)
    check()
  }

  func stop() {
    timer?.cancel()
    timer = nil
  }

  private func check() {
    while timer != nil, SystemCalls.isReadable(fd) {
      guard let bytes = SystemCalls.read(fd, max: 4096) else {
        stop()
        if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
        pending = []
        onEnd()
        return
      }
      if bytes.isEmpty { return }
      pending += bytes
      while let newline = pending.firstIndex(of: 0x0A) {
        let line = String(decoding: pending[..<newline], as: UTF8.self)
        pending.removeSubrange(...newline)
        onLine(line)
      }
    }
  }
}
