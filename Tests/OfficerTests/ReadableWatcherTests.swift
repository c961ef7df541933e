import HallWire
import Reactor
import Testing

#if canImport(Glibc)
  import Glibc
#endif

// The console reads its keys through Reactor's ReadableWatcher; this checks it on a pipe.
@Test func readableWatcherCallsWhenBytesArriveAndStopsWhenCancelled() {
  var fds: [Int32] = [0, 0]
  pipe(&fds)
  defer {
    close(fds[0])
    close(fds[1])
  }
  let loop = EventLoop()
  var received: [UInt8] = []
  let watcher = ReadableWatcher(loop: loop, fileDescriptor: fds[0]) {
    var buffer = [UInt8](repeating: 0, count: 16)
    let n = read(fds[0], &buffer, buffer.count)
    if n > 0 { received += buffer.prefix(n) }
  }
  #expect(!loop.run(until: { !received.isEmpty }, timeout: 0.1))
  var bytes: [UInt8] = [0x6E, 0x71]
  _ = write(fds[1], &bytes, 2)
  #expect(loop.run(until: { received == [0x6E, 0x71] }, timeout: 2))
  watcher.cancel()
  _ = write(fds[1], &bytes, 1)
  #expect(!loop.run(until: { received.count > 2 }, timeout: 0.1))
}
