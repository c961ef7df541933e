import HTTP
import Testing

@Suite struct RouterTests {
  func router() -> Router<String> {
    var router = Router<String>()
    router.add(.GET, "/api/hall", "hall")
    router.add(.POST, "/api/tickets", "issue")
    router.add(.GET, "/api/tickets/:id", "ticket")
    router.add(.DELETE, "/api/tickets/:id", "cancel")
    router.add(.GET, "/api/tickets/stats", "ticket stats")
    router.add(.POST, "/api/counters/:n/call", "call")
    router.add(.GET, "/*", "static")
    return router
  }

  @Test func capturesNamedSegments() {
    guard case .found(let handler, let parameters) = router().match(.POST, "/api/counters/3/call")
    else { Issue.record("no match"); return }
    #expect(handler == "call")
    #expect(parameters["n"] == "3")
    #expect(parameters.int("n") == 3)
  }

  @Test func literalSegmentBeatsACapture() {
    guard case .found(let handler, _) = router().match(.GET, "/api/tickets/stats") else {
      Issue.record("no match"); return
    }
    #expect(handler == "ticket stats")
  }

  @Test func sameCaptureRoutesByMethod() {
    guard case .found(let handler, let parameters) = router().match(.DELETE, "/api/tickets/abc")
    else { Issue.record("no match"); return }
    #expect(handler == "cancel")
    #expect(parameters["id"] == "abc")
  }

  @Test func knownPathWithAnotherMethodIsMethodNotAllowed() {
    guard case .methodNotAllowed(let allowed) = router().match(.PUT, "/api/counters/3/call") else {
      Issue.record("expected 405"); return
    }
    #expect(allowed == [.POST])
  }

  @Test func unknownPathIsNotFound() {
    var router = Router<String>()
    router.add(.GET, "/api/hall", "hall")
    guard case .notFound = router.match(.GET, "/api/nothing") else {
      Issue.record("expected 404"); return
    }
    guard case .notFound = router.match(.GET, "/api/hall/extra") else {
      Issue.record("expected 404 for a longer path"); return
    }
  }

  @Test func headFallsBackToGet() {
    guard case .found(let handler, _) = router().match(.HEAD, "/api/hall") else {
      Issue.record("no match"); return
    }
    #expect(handler == "hall")
  }

  @Test func restPatternCapturesTheRemainingPath() {
    guard case .found(let handler, let parameters) = router().match(.GET, "/displays/hall.html")
    else { Issue.record("no match"); return }
    #expect(handler == "static")
    #expect(parameters["*"] == "displays/hall.html")
  }

  @Test func nonNumericCaptureIsNotAnInt() {
    #expect(RouteParameters(["n": "x1"]).int("n") == nil)
    #expect(RouteParameters(["n": "-1"]).int("n") == nil)
    #expect(RouteParameters(["n": "12"]).int("n") == 12)
  }
}

@Suite struct RouterSpecificityTests {
  @Test func catchAllDoesNotHideA405OnASpecificPath() {
    var router = Router<String>()
    router.add(.GET, "/*", "static")
    router.add(.POST, "/api/counters/:n/call", "call")
    guard case .methodNotAllowed(let allowed) = router.match(.PUT, "/api/counters/1/call") else {
      Issue.record("expected 405")
      return
    }
    #expect(allowed == [.POST])
  }
}
