#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// An exclusive `flock` on `<database>.lock`, held by the server for as long as it runs and
/// by a restore while it replaces the file. The kernel drops the lock when the holder's
/// process ends, however it ends, so a crash leaves no stale lock to clear by hand; the
/// holder's pid is written into the file only for the message.
public final class DatabaseLock {
  public let path: String
  private let descriptor: Int32

  /// Takes the lock, or throws `.busy` naming the process that holds it.
  public init(databasePath: String) throws(StorageError) {
    path = databasePath + ".lock"
    let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard fd >= 0 else {
      throw .openFailed("\(path): \(String(cString: strerror(errno)))")
    }
    guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
      let holder = Self.readPid(fd)
      close(fd)
      throw .busy(
        "\(databasePath) is in use by a running Antre server"
          + (holder.map { " (pid \($0))" } ?? "") + "; stop it first")
    }
    descriptor = fd
    let text = "\(getpid())\n"
    _ = ftruncate(fd, 0)
    _ = text.withCString { pwrite(fd, $0, strlen($0), 0) }
  }

  deinit {
    // Closing the descriptor releases the lock; the file stays (removing it would race a
    // process that has it open but not yet locked).
    close(descriptor)
  }

  private static func readPid(_ fd: Int32) -> Int? {
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 31, 0) }
    guard count > 0 else { return nil }
    return Int(
      String(decoding: buffer[..<count].filter { $0 >= 48 && $0 <= 57 }, as: UTF8.self)
    )
  }
}
