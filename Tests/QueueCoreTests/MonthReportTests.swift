import Foundation
import HallWire
import SeededRandom
import Testing

@testable import QueueCore

/// November 2026 run through the core minute by minute: arrivals 08:00–14:00, three
/// counters (two with officers), no-shows, and a survey after some services. The test keeps
/// its own log of what it did and computes the expected figures from that log alone.
@Suite struct MonthReportTests {
  struct Expected {
    var issued: [String: Int] = [:]
    var served: [String: Int] = [:]
    var noshow: [String: Int] = [:]
    var waits: [String: [Int]] = [:]
    var serviceTimes: [String: [Int]] = [:]
    var hours = [Int](repeating: 0, count: 24)
    var officerServed: [String: Int] = [:]
    var officerTimes: [String: [Int]] = [:]
    var answers: [[Int]] = []
    var officerAnswers: [String: [[Int]]] = [:]
  }

  func simulate() throws -> (HallConfig, [ReportTicket], [SurveyRecord], Expected) {
    let config = fixtureConfig()
    var rng = SeededRandom(seed: 20_261_101)
    var tickets: [String: TicketRecord] = [:]
    var surveys: [SurveyRecord] = []
    var e = Expected()
    let start = at("2026-11-01", "07:00:00")
    let hall = makeHall(config, now: start)
    for o in ["sari", "budi"] {
      _ = try hall.handle(
        .addOfficer(id: o, name: o.capitalized, pin: "123456", salt: salt), at: start)
    }
    let officerAt = [1: "sari", 2: "budi"]
    // What the test knows of each ticket it saw: issue time and service.
    var issuedAt: [String: (Millis, String)] = [:]

    for day in 0..<30 {
      let date = LocalTime(dayNumber: dayNumber(of: "2026-11-01")! + Int64(day), secondOfDay: 0)
        .date
      let open = at(date, "07:59:00")
      for (c, o) in officerAt {
        _ = try hall.handle(.signIn(counter: c, officer: o, pin: "123456"), at: open)
      }
      var busyUntil: [Int: Millis] = [1: 0, 2: 0, 3: 0]
      var current: [Int: (id: String, calledAt: Millis)] = [:]
      for minute in 0..<(10 * 60) {
        let now = at(date, "08:00:00") + minutes(Int64(minute))
        if minute < 6 * 60, Int.random(in: 0..<10, using: &rng) < 4 {
          let service = Bool.random(using: &rng) ? "A" : "B"
          let t = try hall.issue(service, at: now)
          issuedAt[t.id] = (now, service)
          e.issued[service, default: 0] += 1
          e.hours[8 + minute / 60] += 1
        }
        for c in [1, 2, 3] where busyUntil[c]! <= now {
          if let (id, calledAt) = current[c] {
            let service = issuedAt[id]!.1
            if Int.random(in: 0..<20, using: &rng) == 0 {
              let out = try hall.handle(.noshow(counter: c), at: now)
              for t in out.changes.tickets { tickets[t.id] = t }
              e.noshow[service, default: 0] += 1
            } else {
              let out = try hall.handle(.done(counter: c), at: now)
              for t in out.changes.tickets { tickets[t.id] = t }
              let took = Int((now - calledAt) / 1000)
              e.served[service, default: 0] += 1
              e.serviceTimes[service, default: []].append(took)
              if let o = officerAt[c] {
                e.officerServed[o, default: 0] += 1
                e.officerTimes[o, default: []].append(took)
              }
              if Int.random(in: 0..<10, using: &rng) < 3 {
                let scores = (0..<9).map { _ in Int.random(in: 1...4, using: &rng) }
                let s = try hall.handle(
                  .answerSurvey(ticketID: id, SurveyAnswer(scores: scores)), at: now)
                surveys.append(s.changes.surveys[0])
                e.answers.append(scores)
                if let o = officerAt[c] { e.officerAnswers[o, default: []].append(scores) }
              }
            }
            current[c] = nil
          }
          let out = try hall.handle(.call(counter: c, .auto), at: now)
          for t in out.changes.tickets { tickets[t.id] = t }
          if let t = out.ticket {
            let (issued, service) = issuedAt[t.id]!
            let wait = Int((now - issued) / 1000)
            e.waits[service, default: []].append(wait)
            current[c] = (t.id, now)
            busyUntil[c] = now + minutes(Int64.random(in: 3...9, using: &rng))
          }
        }
      }
    }
    return (config, tickets.values.map(ReportTicket.init), surveys, e)
  }

  static func nearestRank(_ values: [Int], _ p: Double) -> Int {
    let s = values.sorted()
    return s[max(0, Int((p * Double(s.count)).rounded(.up)) - 1)]
  }

  @Test func reportOfASimulatedMonthMatchesTheTestsOwnLog() throws {
    let (config, tickets, surveys, e) = try simulate()
    let range = try ReportRange(from: "2026-11-01", to: "2026-11-30", today: "2026-12-01")
    let started = Date()
    let r = RangeStats.compute(
      tickets: tickets, surveys: surveys,
      officers: [
        Officer(id: "sari", name: "Sari", active: true),
        Officer(id: "budi", name: "Budi", active: true),
      ],
      config: config, range: range)
    print(
      "report over \(tickets.count) tickets took \(Int(Date().timeIntervalSince(started) * 1000)) ms"
    )
    #expect(tickets.count > 2000)
    for s in r.services where s.id == "A" || s.id == "B" {
      #expect(s.issued == e.issued[s.id])
      #expect(s.served == e.served[s.id])
      #expect(s.noshow == (e.noshow[s.id] ?? 0))
      let waits = e.waits[s.id]!
      #expect(s.waitS.max == waits.max())
      #expect(s.waitS.p90 == Self.nearestRank(waits, 0.9))
      #expect(s.waitS.p50 == Self.nearestRank(waits, 0.5))
      #expect(s.waitS.mean == Int((Double(waits.reduce(0, +)) / Double(waits.count)).rounded()))
      let times = e.serviceTimes[s.id]!
      #expect(s.serviceS.p90 == Self.nearestRank(times, 0.9))
      #expect(s.serviceS.mean == Int((Double(times.reduce(0, +)) / Double(times.count)).rounded()))
    }
    #expect(r.arrivalsByHour == e.hours)
    #expect(r.byDay.count == 30 && r.byDay.map(\.issued).reduce(0, +) == tickets.count)
    for o in r.officers {
      #expect(o.served == e.officerServed[o.id])
      let t = e.officerTimes[o.id]!
      #expect(o.serviceP90S == Self.nearestRank(t, 0.9))
      let mine = e.officerAnswers[o.id]!
      let expected =
        (Double(mine.joined().reduce(0, +)) / Double(9 * mine.count) * 25 * 100).rounded() / 100
      #expect(o.ikm == expected)
    }
    #expect(Set(r.officers.map(\.id)) == ["sari", "budi"])
    // The hall's IKM, by element means the way the regulation's worksheet does it.
    let n = Double(e.answers.count)
    let means = (0..<9).map { i in Double(e.answers.map { $0[i] }.reduce(0, +)) / n }
    let ikm = (means.reduce(0, +) / 9 * 25 * 100).rounded() / 100
    #expect(r.ikm.hall.value == ikm)
    #expect(r.ikm.hall.respondents == e.answers.count)
    let served = e.served.values.reduce(0, +)
    #expect(r.ikm.served == served)
    #expect(r.ikm.minSample == IKM.minSample(population: served))
    #expect(r.counters[2].ikm != nil && r.counters[0].served == e.officerServed["sari"])
  }

  @Test func withinTargetIsTheShareOfServedTicketsCalledInTime() throws {
    let (config, tickets, surveys, _) = try simulate()
    let range = try ReportRange(from: "2026-11-01", to: "2026-11-30", today: "2026-12-01")
    let r = RangeStats.compute(
      tickets: tickets, surveys: surveys, officers: [], config: config, range: range)
    for s in r.services where s.served > 0 {
      let target = config.service(s.id)!.targetWaitS
      let done = tickets.filter { $0.service == s.id && $0.state == .done }
      let inTime = done.filter { Int(($0.calledAt! - $0.enqueuedAt) / 1000) <= target }.count
      #expect(s.withinTarget == Double(inTime) / Double(done.count))
      #expect(s.withinTarget! > 0 && s.withinTarget! <= 1)
    }
  }

  @Test func rangesAreWholeDaysOfAtMost366() throws {
    let r = try ReportRange(from: "2025-12-01", to: "2026-12-01", today: "2026-12-01")
    #expect(r.days == 366)
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try ReportRange(from: "2025-11-30", to: "2026-12-01", today: "x")
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try ReportRange(from: "2026-12-02", to: "2026-12-01", today: "x")
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try ReportRange(from: "2026-13-01", to: nil, today: "x")
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try ReportRange(from: "1 Dec", to: nil, today: "x")
    }
    expectRefusal(.badRequest) { () throws(QueueError) in
      _ = try ReportRange(from: "2026-02-30", to: nil, today: "x")
    }
    let one = try ReportRange(from: nil, to: nil, today: "2026-12-01")
    #expect(one.from == "2026-12-01" && one.to == "2026-12-01" && one.days == 1)
  }
}

/// A period of one day must read as the day's own statistics (`Stats.compute`), transfers
/// and call-backs included.
@Suite struct RangeMatchesDayStatsTests {
  @Test(arguments: [UInt64(3), 17, 2026])
  func oneDayRangeMatchesTheDaysStats(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    var store = FakeStore()
    let hall = makeHall(now: monday9)
    var now = monday9
    for _ in 0..<500 {
      now += seconds(Int64.random(in: 0...70, using: &rng))
      let command = RandomDayTests().randomCommand(&rng, hall: hall)
      if let out = try? hall.handle(command, at: now) { store.apply(out) }
    }
    let records = Array(store.tickets.values)
    let day = Stats.compute(tickets: records, config: hall.config)
    let range = try ReportRange(from: "2026-11-30", to: "2026-11-30", today: "2026-11-30")
    let period = RangeStats.compute(
      records: records, surveys: [], officers: [], config: hall.config, range: range)
    #expect(records.contains { !$0.legs.isEmpty }, "the day has transfers")
    for (d, p) in zip(day.services, period.services) {
      #expect(d.id == p.id)
      let dayCounts: [Int] = [
        d.issued, d.served, d.noshow, d.cancelled, d.expired, d.transferred, d.calledBack,
      ]
      let periodCounts: [Int] = [
        p.issued, p.served, p.noshow, p.cancelled, p.expired, p.transferred, p.calledBack,
      ]
      #expect(dayCounts == periodCounts, "service \(d.id)")
      #expect(d.waitS == p.waitS && d.serviceS == p.serviceS, "service \(d.id)")
    }
    for (d, p) in zip(day.counters, period.counters) {
      #expect(d.served == p.served && d.transferred == p.transferred && d.serviceS == p.serviceS)
    }
  }
}
