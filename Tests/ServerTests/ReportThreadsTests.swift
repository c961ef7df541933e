import Foundation
import HTTP
import Reactor
import Storage
import Synchronization
import Testing

@testable import Server

/// A period report runs on a thread of its own and is answered on the loop, which goes on
/// meanwhile (a year's report is about a second of CPU).
@Suite struct ReportThreadsTests {
  final class Gate: Sendable {
    let open = Atomic<Bool>(false)
  }

  private func database() throws -> (URL, String) {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-reports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("hall.sqlite").path
    _ = try Store(path: path)
    return (directory, path)
  }

  @Test func theLoopGoesOnWhileAReportIsComputed() throws {
    let (directory, path) = try database()
    defer { try? FileManager.default.removeItem(at: directory) }
    let loop = EventLoop()
    let threads = try #require(ReportThreads(loop: loop, databasePath: path))
    let gate = Gate()
    var answer: String?
    threads.run({ store throws(StorageError) in
      while !gate.open.load(ordering: .acquiring) { usleep(1_000) }
      return .text("schema \(try store.schemaVersion())")
    }) { result in
      answer = (try? result.get()).map { String(decoding: $0.body, as: UTF8.self) }
    }
    var ticks = 0
    let timer = Timer(loop: loop, repeating: true) { ticks += 1 }
    timer.schedule(after: 0.001)
    #expect(loop.run(until: { ticks >= 5 }, timeout: 5))
    #expect(answer == nil)
    gate.open.store(true, ordering: .releasing)
    #expect(loop.run(until: { answer != nil }, timeout: 5))
    #expect(answer == "schema \(try Store(path: path).schemaVersion())")
    timer.cancel()
  }

  @Test func reportsBeyondTheLimitWaitTheirTurnAndAllAreAnswered() throws {
    let (directory, path) = try database()
    defer { try? FileManager.default.removeItem(at: directory) }
    let loop = EventLoop()
    let threads = try #require(ReportThreads(loop: loop, databasePath: path, maxRunning: 1))
    var answers: [String] = []
    for n in 1...3 {
      threads.run({ _ throws(StorageError) in .text("report \(n)") }) { result in
        answers += [
          (try? result.get()).map { String(decoding: $0.body, as: UTF8.self) } ?? "failed"
        ]
      }
    }
    #expect(loop.run(until: { answers.count == 3 }, timeout: 5))
    #expect(answers == ["report 1", "report 2", "report 3"])
  }

  @Test func aDatabaseThatCannotBeOpenedAnswersAFailure() throws {
    let loop = EventLoop()
    let threads = try #require(
      ReportThreads(loop: loop, databasePath: "/nonexistent-antre-directory/hall.sqlite"))
    var failed = false
    threads.run({ _ throws(StorageError) in .text("never") }) { result in
      if case .failure = result { failed = true }
    }
    #expect(loop.run(until: { failed }, timeout: 5))
  }
}
