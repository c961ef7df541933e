import HTTP
import Testing

@testable import Server

/// The router's shortcut for the hot POSTs must route exactly as the router does.
@Suite struct FastRouteTests {
  let router = Router<Endpoint>.makeAPI()

  @Test func fastRouteAgreesWithTheRouter() {
    let paths = [
      "/api/tickets", "/api/counters/3/call", "/api/counters/007/done", "/api/counters/12/pause",
      "/api/counters/3/nonsense", "/api/counters/123456789/call",
    ]
    for path in paths {
      guard case .found(let endpoint, let params) = router.match(.POST, path) else {
        Issue.record("the router does not route \(path)")
        continue
      }
      switch HallApp.fastRoute(path) {
      case .issue: #expect(endpoint == .issue, "\(path)")
      case .counter(let n, let action):
        #expect(endpoint == .counter && params.int("n") == n && params["action"] == action)
      case nil: Issue.record("\(path) is not on the fast route")
      }
    }
  }

  @Test func unusualSpellingsAreLeftToTheRouter() {
    let paths = [
      "/api/tickets/", "/api/ticketsx", "/api/counters/", "/api/counters/3", "/api/counters/3/",
      "/api/counters//3/call", "/api/counters/x/call", "/api/counters/3/call/",
      "/api/counters/3/a/b",
      "/api/counters/1234567890/call", "/api/hall", "/",
    ]
    for path in paths { #expect(HallApp.fastRoute(path) == nil, "\(path)") }
  }
}
