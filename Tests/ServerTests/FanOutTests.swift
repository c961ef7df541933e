import HallWire
import Testing

@testable import Server

@Suite struct FanOutTests {
  @Test func aBatchsEventsReachEachScreenInOneWriteInOrder() throws {
    let f = try AppFixture()
    for _ in 0..<2 {
      _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    }
    _ = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    let screens = (0..<3).map { _ in FakePeer() }
    for s in screens {
      f.app.attach(s, since: nil, now: f.now)
      s.clear()
    }
    // Calling again (a minute later: a repeat within seconds is the same call) finishes the
    // current ticket and calls the next: two events, one batch.
    f.now += 60_000
    _ = f.roundTrip(.POST, "/api/counters/1/call", token: "c1-secret")
    for s in screens {
      #expect(s.frames.count == 1)
      #expect(s.types == ["finished", "called"])
    }
  }

  @Test func aDetachedScreenGetsNothingAndTheOthersStillDo() throws {
    let f = try AppFixture()
    let screens = (0..<4).map { _ in FakePeer() }
    for s in screens { f.app.attach(s, since: nil, now: f.now) }
    f.app.detach(screens[1])
    f.app.detach(screens[0])
    for s in screens { s.clear() }
    _ = f.roundTrip(.POST, "/api/tickets", token: "k1-secret", body: #"{"service":"A"}"#)
    #expect(screens[0].types.isEmpty && screens[1].types.isEmpty)
    #expect(screens[2].types == ["issued"] && screens[3].types == ["issued"])
    #expect(f.app.feed.peers.count == 2)
  }
}
