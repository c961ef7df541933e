import Reactor
import Wording

/// Writes one ticket to a path opened for it (a device or a file), without blocking the loop:
/// a full device buffer (EAGAIN) is retried every 50 ms until `timeout`.
final class DescriptorWriter {
  private let loop: EventLoop
  private var fd: Int32
  private let bytes: [UInt8]
  private let name: String
  private var written = 0
  private let deadline: Double
  private var timer: Timer?
  private var completion: ((Result<Void, TicketBoxError>) -> Void)?
  private let language: Language

  /// Opens `path` and starts writing; `completion` runs once, maybe before this returns.
  @discardableResult
  static func write(
    _ bytes: [UInt8], to path: String, append: Bool, name: String, loop: EventLoop,
    language: Language, timeout: Double = 30,
    completion: @escaping (Result<Void, TicketBoxError>) -> Void
  ) -> DescriptorWriter? {
    switch SystemCalls.openForWriting(path, append: append) {
    case .failure(let error):
      completion(
        .failure(
          .printerFailed(
            language.pick(
              "tidak dapat membuka \(name): \(error.message)",
              "cannot open \(name): \(error.message)"))))
      return nil
    case .success(let fd):
      let writer = DescriptorWriter(
        loop: loop, fd: fd, bytes: bytes, name: name, timeout: timeout, language: language,
        completion: completion)
      writer.step()
      return writer
    }
  }

  private init(
    loop: EventLoop, fd: Int32, bytes: [UInt8], name: String, timeout: Double,
    language: Language, completion: @escaping (Result<Void, TicketBoxError>) -> Void
  ) {
    self.language = language
    self.loop = loop
    self.fd = fd
    self.bytes = bytes
    self.name = name
    self.deadline = loop.monotonicNow + timeout
    self.completion = completion
  }

  private func step() {
    while written < bytes.count {
      switch SystemCalls.write(fd, bytes[written...]) {
      case .wrote(let n):
        written += n
      case .wouldBlock:
        guard loop.monotonicNow < deadline else {
          return finish(
            .failure(
              .printerFailed(
                language.pick(
                  "\(name) menerima \(written) dari \(bytes.count) byte lalu berhenti selama 30 detik (kertas habis atau tutup terbuka?)",
                  "\(name) took \(written) of \(bytes.count) bytes and then nothing for 30 s (paper out or cover open?)"
                ))))
        }
        let timer = self.timer ?? Timer(loop: loop) { [weak self] in self?.step() }
        self.timer = timer
        timer.schedule(after: 0.05)
        return
      case .failed(let message):
        return finish(
          .failure(
            .printerFailed(
              language.pick(
                "\(name) gagal setelah \(written) dari \(bytes.count) byte: \(message)",
                "\(name) failed after \(written) of \(bytes.count) bytes: \(message)"))))
      }
    }
    finish(.success(()))
  }

  private func finish(_ result: Result<Void, TicketBoxError>) {
    if fd >= 0 {
      SystemCalls.close(fd)
      fd = -1
    }
    timer?.cancel()
    let completion = self.completion
    self.completion = nil
    completion?(result)
  }

  func cancel() {
    completion = nil
    finish(.success(()))
  }
}
