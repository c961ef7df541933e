import HallWire
import Foundation
import Postgres
import Reactor
import Testing

/// Statements on an event loop: the answer arrives through the socket watcher, and a
/// server that went away fails them at once instead of hanging the loop.
@Suite(.serialized) struct PostgresClientTests {
  @Test func queriesAnswerOnTheLoopInTheOrderSent() throws {
    let cluster = try PostgresCluster()
    let loop = EventLoop()
    let client = try PostgresClient(loop: loop, url: cluster.url)
    var answers: [String] = []
    for n in 1...5 {
      client.query("SELECT $1::integer * 2", [String(n)]) { result in
        answers.append((try? result.get().scalar ?? "") ?? "error")
      }
    }
    #expect(loop.run(until: { answers.count == 5 }, timeout: 10))
    #expect(answers == ["2", "4", "6", "8", "10"])
  }

  @Test func aRefusedStatementIsATypedErrorAndTheNextOneWorks() throws {
    let cluster = try PostgresCluster()
    let loop = EventLoop()
    let client = try PostgresClient(loop: loop, url: cluster.url)
    var first: Result<QueryResult, PostgresError>?
    var second: Result<QueryResult, PostgresError>?
    client.query("SELECT * FROM no_such_table") { first = $0 }
    client.query("SELECT 'ok'") { second = $0 }
    #expect(loop.run(until: { second != nil }, timeout: 10))
    guard case .failure(.statementFailed(let state, _)) = first else {
      Issue.record("expected a refused statement, got \(String(describing: first))")
      return
    }
    #expect(state == "42P01")
    #expect((try? second?.get().scalar) == "ok")
  }

  @Test func aStoppedServerFailsStatementsAndTheClientReconnectsLater() throws {
    let cluster = try PostgresCluster()
    let loop = EventLoop()
    let client = try PostgresClient(loop: loop, url: cluster.url)
    client.retryAfterSeconds = 0
    var answer: Result<QueryResult, PostgresError>?
    client.query("SELECT 1") { answer = $0 }
    #expect(loop.run(until: { answer != nil }, timeout: 10))
    try cluster.stop()
    answer = nil
    client.query("SELECT 1") { answer = $0 }
    #expect(loop.run(until: { answer != nil }, timeout: 10))
    guard case .failure(.unavailable) = answer else {
      Issue.record("expected unavailable, got \(String(describing: answer))")
      return
    }
    try cluster.start()
    answer = nil
    client.query("SELECT 1") { answer = $0 }
    #expect(loop.run(until: { answer != nil }, timeout: 10))
    #expect((try? answer?.get().scalar) == "1")
  }

  @Test func aBadURLIsRefusedBeforeConnecting() {
    #expect(throws: PostgresError.self) {
      _ = try PostgresClient(loop: EventLoop(), url: "http://example")
    }
  }
}
