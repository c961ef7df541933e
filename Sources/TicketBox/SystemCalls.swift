import HallWire
import Glibc

/// The libc calls the ticket box makes itself (the loop's sockets are Reactor's). Each
/// wrapper names its C function; errors come back as the system's text, never a code.
enum SystemCalls {
  enum WriteResult: Equatable {
    case wrote(Int)
    /// EAGAIN: the device or pipe is full for now.
    case wouldBlock
    case failed(String)
  }

  /// `open(2)` for writing, non-blocking so a stuck printer never blocks the loop.
  static func openForWriting(_ path: String, append: Bool) -> Result<Int32, SystemError> {
    var flags = O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY
    if append { flags |= O_APPEND | O_CREAT }
    let fd = open(path, flags, 0o644)
    return fd >= 0 ? .success(fd) : .failure(SystemError.current())
  }

  /// `write(2)`, retried on EINTR.
  static func write(_ fd: Int32, _ bytes: ArraySlice<UInt8>) -> WriteResult {
    while true {
      let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
      if n >= 0 { return .wrote(n) }
      if errno == EINTR { continue }
      if errno == EAGAIN || errno == EWOULDBLOCK { return .wouldBlock }
      return .failed(SystemError.current().message)
    }
  }

  /// `write(2)` until all is written or it fails (for log lines on fds 1 and 2).
  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      guard case .wrote(let n) = write(fd, bytes[offset...]), n > 0 else { return }
      offset += n
    }
  }

  /// `close(2)`.
  static func close(_ fd: Int32) {
    _ = Glibc.close(fd)
  }

  /// `poll(2)` with a zero timeout: true when reading `fd` would not block (data or end).
  static func isReadable(_ fd: Int32) -> Bool {
    var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    return poll(&p, 1, 0) > 0 && p.revents != 0
  }

  /// `read(2)`: nil at end of input (or on an error, which ends input too).
  static func read(_ fd: Int32, max: Int) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: max)
    while true {
      let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, max) }
      if n > 0 { return Array(buffer[..<n]) }
      if n < 0, errno == EINTR { continue }
      if n < 0, errno == EAGAIN { return [] }
      return nil
    }
  }
}

/// An errno as text (`strerror(3)`).
struct SystemError: Error, Equatable {
  var message: String

  static func current() -> SystemError {
    SystemError(message: String(cString: strerror(errno)))
  }
}
