import Foundation
import HTTP
import Testing

@testable import Server

/// Issue 16: a counter's action is served ahead of ticket requests, and only a counter's.
@Suite struct CounterFirstTests {
  private func counterFirst(_ f: AppFixture, _ path: String, token: String?) -> Bool {
    var headers = HTTPHeaders()
    if let token { headers.set("Authorization", "Bearer \(token)") }
    return f.app.handle(
      HTTPRequest(method: .POST, uri: path, headers: headers, body: []), now: f.now,
      monotonic: Double(f.now) / 1000
    ) { _ in }
  }

  @Test func onlyACounterWithItsTokenIsServedFirst() throws {
    let f = try AppFixture()
    #expect(counterFirst(f, "/api/counters/1/open", token: "c1-secret"))
    #expect(counterFirst(f, "/api/counters/1/open", token: "admin-secret"))
    // A stranger, a wrong counter or a kiosk gets an error and no priority.
    #expect(!counterFirst(f, "/api/counters/1/open", token: nil))
    #expect(!counterFirst(f, "/api/counters/1/open", token: "c2-secret"))
    #expect(!counterFirst(f, "/api/counters/1/open", token: "k1-secret"))
    #expect(!counterFirst(f, "/api/tickets", token: "k1-secret"))
  }

  @Test func aCounterActionCommitsWithoutWaitingForTheTurnToEnd() throws {
    let f = try AppFixture()
    var urgentCommits = 0
    f.app.onCounterAction = { urgentCommits += 1 }
    f.request(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(urgentCommits == 0)
    f.request(.POST, "/api/counters/1/call", token: "c1-secret")
    #expect(urgentCommits == 1)
    f.app.commit()
    // A refused action changed nothing: there is nothing to hurry.
    f.request(.POST, "/api/counters/1/call", token: "c2-secret")
    #expect(urgentCommits == 1)
  }
}
