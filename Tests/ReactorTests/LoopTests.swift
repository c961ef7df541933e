import Reactor
import Testing

@Suite struct LoopTests {
  @Test func idleTriggerRunsAfterEveryPendingNormalEvent() {
    let loop = EventLoop()
    var order: [String] = []
    let commit = Trigger(loop: loop, priority: EventLoop.idlePriority) { order.append("commit") }
    let requests = (0..<3).map { index in
      Trigger(loop: loop) {
        order.append("request \(index)")
        if index == 0 { commit.fire() }
      }
    }
    commit.fire()
    for request in requests { request.fire() }
    loop.run(until: { order.contains("commit") }, timeout: 5)
    #expect(order == ["request 0", "request 1", "request 2", "commit"])
  }

  @Test func triggerFiredTwiceBeforeRunningRunsOnce() {
    let loop = EventLoop()
    var runs = 0
    let trigger = Trigger(loop: loop) { runs += 1 }
    trigger.fire()
    trigger.fire()
    #expect(trigger.isPending)
    loop.runOnce(nonBlocking: true)
    loop.runOnce(nonBlocking: true)
    #expect(runs == 1)
  }

  @Test func urgentTimerRunsBeforeNormalWork() {
    let loop = EventLoop()
    var order: [String] = []
    let normal = Trigger(loop: loop) { order.append("normal") }
    let deadline = Timer(loop: loop, priority: EventLoop.urgentPriority) {
      order.append("deadline")
    }
    deadline.schedule(after: 0)
    loop.run(until: { !deadline.isScheduled }, timeout: 5)
    normal.fire()
    deadline.schedule(after: 0)
    loop.run(until: { order.count == 3 }, timeout: 5)
    #expect(order == ["deadline", "deadline", "normal"])
  }

  @Test func repeatingTimerFiresUntilCancelled() {
    let loop = EventLoop()
    var ticks = 0
    let timer = Timer(loop: loop, repeating: true) { ticks += 1 }
    timer.schedule(after: 0.001)
    #expect(loop.run(until: { ticks >= 3 }, timeout: 5))
    timer.cancel()
    let settled = ticks
    loop.run(until: { false }, timeout: 0.02)
    #expect(ticks == settled)
  }

  @Test func timerDroppedInItsOwnCallbackIsFreedSafely() {
    let loop = EventLoop()
    var timer: Timer?
    var fired = false
    timer = Timer(loop: loop) {
      fired = true
      timer = nil
    }
    timer?.schedule(after: 0)
    #expect(loop.run(until: { fired && timer == nil }, timeout: 5))
    loop.runOnce(nonBlocking: true)
  }

  @Test func signalArrivesAsALoopCallback() {
    let loop = EventLoop()
    var caught: [Signal] = []
    let watcher = SignalWatcher(loop: loop, signals: [.hangup]) { caught.append($0) }
    raiseHangup()
    #expect(loop.run(until: { !caught.isEmpty }, timeout: 5))
    #expect(caught == [.hangup])
    _ = watcher
  }

  @Test func stopEndsRun() {
    let loop = EventLoop()
    let timer = Timer(loop: loop) { loop.stop() }
    timer.schedule(after: 0.001)
    loop.run()
  }

  @Test func monotonicClockAdvances() {
    let loop = EventLoop()
    let start = loop.monotonicNow
    #expect(start > 0)
    #expect(loop.monotonicNow >= start)
  }
}
