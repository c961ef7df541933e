import HallWire
import Foundation
import SeededRandom
import Testing

@testable import QueueCore

/// Random commands over two days, checking the hall's invariants after each, and that a
/// hall restored from the persisted changes looks exactly like the live one.
@Suite struct RandomDayTests {
  func randomCommand(_ rng: inout SeededRandom, hall: Hall) -> Command {
    let counter = Int.random(in: 1...6, using: &rng)  // 6 does not exist
    let service = ["A", "B", "C", "Z"].randomElement(using: &rng)!
    switch Int.random(in: 0..<100, using: &rng) {
    case 0..<35:
      return .issue(
        service: service, priority: Bool.random(using: &rng),
        box: Int.random(in: 0..<5, using: &rng) == 0 ? "K1" : nil,
        request: Int.random(in: 0..<4, using: &rng) == 0
          ? "r\(Int.random(in: 0..<20, using: &rng))" : nil)
    case 35..<55:
      let targets: [CallTarget] = [
        .auto, .auto, .service(service),
        .number(TicketRecord.number(service: service, seqNo: Int.random(in: 1...15, using: &rng))),
      ]
      return .call(counter: counter, targets.randomElement(using: &rng)!)
    case 55..<60: return .recall(counter: counter)
    case 60..<65: return .start(counter: counter)
    case 65..<72: return .done(counter: counter)
    case 72..<76: return .noshow(counter: counter)
    case 76..<80: return .transfer(counter: counter, to: service)
    case 80..<84: return .cancel(ticketID: "t\(Int.random(in: 1...60, using: &rng))")
    case 84..<87: return .pause(counter: counter, reason: Bool.random(using: &rng) ? "rehat" : nil)
    case 87..<90: return .resume(counter: counter)
    case 90..<93: return .open(counter: counter)
    case 93..<95: return .close(counter: counter)
    default: return .printed(job: "J\(Int.random(in: 1...Int(max(1, hall.lastSeq)), using: &rng))")
    }
  }

  func checkInvariants(
    _ hall: Hall, at now: Millis, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let today = hall.tickets.values.filter { $0.day == hall.day }
    #expect(Set(today.map(\.number)).count == today.count, sourceLocation: sourceLocation)
    for s in hall.config.services {
      let waiting = hall.tickets.values.filter { $0.state == .waiting && $0.service == s.id }
      #expect(hall.waitingCounts()[s.id] == waiting.count, sourceLocation: sourceLocation)
      // Positions count other services' tickets the same counters call first (issue 19), so
      // they need not be 1…n within a service; every waiting ticket has one, and an ETA.
      let views = waiting.map { hall.view($0, at: now) }
      #expect(views.allSatisfy { ($0.position ?? 0) >= 1 }, sourceLocation: sourceLocation)
      #expect(views.allSatisfy { ($0.etaS ?? -1) >= 0 }, sourceLocation: sourceLocation)
      if let quota = s.quota {
        #expect(
          today.filter { $0.issuedService == s.id }.count <= quota, sourceLocation: sourceLocation)
      }
    }
    for c in hall.config.counters {
      let record = hall.counterRecord(c.id)!
      if let id = record.ticketID {
        let t = hall.tickets[id]
        #expect(t?.counter == c.id, sourceLocation: sourceLocation)
        #expect(t?.state == .called || t?.state == .serving, sourceLocation: sourceLocation)
      }
      if record.state == .closed { #expect(record.ticketID == nil, sourceLocation: sourceLocation) }
    }
    let held = hall.tickets.values.filter { $0.state == .called || $0.state == .serving }
    for t in held {
      #expect(hall.counterRecord(t.counter ?? -1)?.ticketID == t.id, sourceLocation: sourceLocation)
    }
  }

  @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
  func randomCommandsKeepTheHallConsistentAndRestorable(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    var store = FakeStore()
    let hall = makeHall(now: monday9)
    var now = monday9
    var lastSeq: Int64 = 0
    var numbersByDay: [String: Set<String>] = [:]
    for step in 0..<600 {
      // Six hours on Monday, then (step 300) Tuesday.
      now += seconds(Int64.random(in: 0...70, using: &rng))
      if step == 300 { now = at("2026-12-01", "08:30:00") }
      let command = randomCommand(&rng, hall: hall)
      let before = hall.lastSeq
      let viewBefore = hall.hallView(at: now, boxes: [])
      do {
        let out = try hall.handle(command, at: now)
        store.apply(out)
        for e in out.events {
          #expect(e.seq == lastSeq + 1)
          lastSeq = e.seq
        }
        #expect(out.changes.lastSeq == (out.events.isEmpty ? nil : hall.lastSeq))
        if case .ticket(let t, true) = out.reply {
          let day = hall.record(id: t.id)!.day
          #expect(numbersByDay[day, default: []].insert(t.number).inserted, "\(t.number) again")
        }
      } catch {
        // A refusal changes nothing, except the automatic rollover before it on the first
        // command of Tuesday, which comes with the next outcome.
        if step != 300 {
          #expect(hall.lastSeq == before)
          #expect(
            json(hall.hallView(at: now, boxes: [])) as NSDictionary
              == json(viewBefore) as NSDictionary)
        }
      }
      checkInvariants(hall, at: now)
      if step % 50 == 49 {
        let ids = IDs()
        ids.next = 10_000 + step
        let restored = Hall(
          config: hall.config, restoring: store.state(today: hall.day), now: now,
          makeTicketID: ids.make)
        #expect(restored.lastSeq == hall.lastSeq)
        #expect(
          json(restored.hallView(at: now, boxes: [])) as NSDictionary
            == json(hall.hallView(at: now, boxes: [])) as NSDictionary, "seed \(seed) step \(step)")
        for t in hall.tickets.values where t.day == hall.day {
          #expect(restored.ticket(id: t.id, at: now) == hall.ticket(id: t.id, at: now))
        }
        #expect(
          restored.pendingPrintJobs(box: "K1", at: now).map(\.0)
            == hall.pendingPrintJobs(box: "K1", at: now).map(\.0))
      }
    }
    #expect(numbersByDay.count == 2)
  }
}
