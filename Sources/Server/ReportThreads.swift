import HTTP
import Reactor
import Storage
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// Computes period reports on threads of their own, each with its own connection to the
/// hall's database (WAL gives it a consistent snapshot while the loop goes on writing), so a
/// year's report — about a second of CPU — never holds calls and tickets. At most
/// `maxRunning` run at once; more wait in line on the loop. A finished thread leaves its
/// response in a locked inbox and wakes the loop through a pipe; the loop answers it.
final class ReportThreads {
  private let loop: EventLoop
  private let databasePath: String
  private let maxRunning: Int
  private var running = 0
  private var waiting: [(id: Int, work: HallApp.ReportWork)] = []
  private var completions: [Int: (Result<HTTPResponse, StorageError>) -> Void] = [:]
  private var nextID = 0
  private let inbox = Inbox()
  private let wakeRead: Int32
  private let wakeWrite: Int32
  private var watcher: ReadableWatcher?

  private final class Inbox: Sendable {
    let finished = Mutex<[(id: Int, result: Result<HTTPResponse, StorageError>)]>([])
  }

  init?(loop: EventLoop, databasePath: String, maxRunning: Int = 2) {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return nil }
    for fd in fds {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }
    self.loop = loop
    self.databasePath = databasePath
    self.maxRunning = maxRunning
    (wakeRead, wakeWrite) = (fds[0], fds[1])
    watcher = ReadableWatcher(loop: loop, fileDescriptor: wakeRead) { [unowned self] in
      self.collect()
    }
  }

  deinit {
    watcher?.cancel()
    // A thread still running would write to the pipe after a close, perhaps into a file
    // that reused the number; a server that stops with a report running keeps the two.
    if running == 0 {
      close(wakeRead)
      close(wakeWrite)
    }
  }

  func run(
    _ work: @escaping HallApp.ReportWork,
    completion: @escaping (Result<HTTPResponse, StorageError>) -> Void
  ) {
    nextID += 1
    completions[nextID] = completion
    waiting.append((nextID, work))
    startWaiting()
  }

  private func startWaiting() {
    while running < maxRunning, !waiting.isEmpty {
      let (id, work) = waiting.removeFirst()
      let (path, inbox, wake) = (databasePath, inbox, wakeWrite)
      let started = startDetachedThread {
        let result: Result<HTTPResponse, StorageError>
        do throws(StorageError) {
          result = HallApp.run(work, on: try Store(path: path))
        } catch {
          result = .failure(error)
        }
        inbox.finished.withLock { $0.append((id, result)) }
        var byte: UInt8 = 1
        _ = write(wake, &byte, 1)
      }
      switch started {
      case .success: running += 1
      case .failure(let error):
        completions.removeValue(forKey: id)?(
          .failure(.openFailed("no thread for the report: \(error.message)")))
      }
    }
  }

  private func collect() {
    var buffer = [UInt8](repeating: 0, count: 64)
    while read(wakeRead, &buffer, buffer.count) > 0 {}
    let done = inbox.finished.withLock { items in
      defer { items.removeAll() }
      return items
    }
    for (id, result) in done {
      running -= 1
      completions.removeValue(forKey: id)?(result)
    }
    startWaiting()
  }
}
