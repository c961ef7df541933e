import Foundation
import HallWire
import Testing

@testable import QueueCore
@testable import Reports

@Suite struct StatsTests {
  func dayOfTickets() throws -> (Hall, [TicketRecord]) {
    var store = FakeStore()
    let hall = makeHall()
    func run(_ c: Command, _ t: Millis) throws { store.apply(try hall.handle(c, at: t)) }
    try run(.issue(service: "A", priority: false), monday9)  // A001
    try run(.issue(service: "A", priority: false), monday9 + minutes(1))  // A002
    try run(.issue(service: "A", priority: false), monday9 + minutes(2))  // A003
    try run(.issue(service: "B", priority: false), monday9 + minutes(3))  // B001
    try run(.call(counter: 1, .auto), monday9 + minutes(10))  // A001 waited 600 s
    try run(.start(counter: 1), monday9 + minutes(11))
    try run(.done(counter: 1), monday9 + minutes(16))  // served 300 s
    try run(.call(counter: 1, .auto), monday9 + minutes(21))  // A002 waited 1200 s
    try run(.noshow(counter: 1), monday9 + minutes(23))
    try run(.cancel(ticketID: "t3"), monday9 + minutes(24))
    try run(.call(counter: 2, .service("B")), monday9 + minutes(13))  // B001 waited 600 s
    try run(.done(counter: 2), monday9 + minutes(15))  // served 120 s (never started)
    return (hall, Array(store.tickets.values))
  }

  @Test func perServiceAndPerCounterFigures() throws {
    let (hall, tickets) = try dayOfTickets()
    let report = Stats.compute(tickets: tickets, config: hall.config)
    let a = report.services[0]
    #expect(a.id == "A" && a.issued == 3 && a.served == 1 && a.noshow == 1 && a.cancelled == 1)
    #expect(a.waitS == Summary([600, 1200]))
    #expect(a.waitS.mean == 900 && a.waitS.max == 1200 && a.waitS.p50 == 600)
    #expect(a.serviceS.mean == 300)
    let b = report.services[1]
    #expect(b.issued == 1 && b.served == 1 && b.serviceS.max == 120)
    let c = report.services[2]
    #expect(c.issued == 0 && c.waitS.mean == nil)
    #expect(report.counters[0].served == 1 && report.counters[1].served == 1)
    #expect(report.counters[2].served == 0 && report.counters[2].serviceS.p90 == nil)
  }

  @Test func percentilesAreNearestRank() {
    let s = Summary(Array(1...10))
    #expect(s.p50 == 5 && s.p90 == 9 && s.max == 10 && s.mean == 6)  // 5.5 rounds to 6
    #expect(Summary([7]).p90 == 7)
    #expect(Summary([]) == Summary([]))
  }

  @Test func reportJSONShape() throws {
    let (hall, tickets) = try dayOfTickets()
    let o = json(Stats.compute(tickets: tickets, config: hall.config, date: "2026-11-30"))
    #expect(keys(o) == ["date", "services", "counters"])
    #expect(o["date"] as? String == "2026-11-30")
    let service = (o["services"] as! [[String: Any]])[0]
    #expect(
      keys(service) == [
        "id", "name", "issued", "served", "noshow", "cancelled", "expired", "transferred",
        "called_back", "wait_s", "service_s",
      ])
    #expect(keys(service["wait_s"] as! [String: Any]) == ["mean", "p50", "p90", "max"])
    let counter = (o["counters"] as! [[String: Any]])[0]
    #expect(keys(counter) == ["id", "name", "served", "transferred", "service_s"])
  }

  @Test func figuresNotMeasuredAreWrittenAsNull() throws {
    let day = json(Stats.compute(tickets: [], config: makeHall().config))
    #expect(day["date"] is NSNull)
    let waits = ((day["services"] as! [[String: Any]])[0]["wait_s"] as! [String: Any])
    #expect(["mean", "p50", "p90", "max"].allSatisfy { waits[$0] is NSNull })
    let officer = json(RangeStats.OfficerStats(id: "198001012005011001", name: "Sari"))
    #expect(
      ["service_mean_s", "service_p90_s", "ikm"].allSatisfy { officer[$0] is NSNull })
  }

  @Test func transferredTicketsCountWhereIssuedAndWhereServed() throws {
    let hall = makeHall()
    var store = FakeStore()
    store.apply(try hall.handle(.issue(service: "A", priority: false), at: monday9))
    store.apply(try hall.handle(.call(counter: 2, .auto), at: monday9 + minutes(5)))
    store.apply(try hall.handle(.transfer(counter: 2, to: "B"), at: monday9 + minutes(6)))
    store.apply(try hall.handle(.call(counter: 2, .auto), at: monday9 + minutes(9)))
    store.apply(try hall.handle(.done(counter: 2), at: monday9 + minutes(12)))
    let report = Stats.compute(tickets: Array(store.tickets.values), config: hall.config)
    #expect(report.services[0].issued == 1 && report.services[0].served == 0)
    #expect(report.services[1].issued == 0 && report.services[1].served == 1)
    #expect(report.services[1].waitS.max == 180)  // waited in B since the transfer
  }

  @Test func csvHasAHeaderAndOneRowPerTicket() throws {
    let (hall, tickets) = try dayOfTickets()
    let csv = TicketsCSV.render(tickets: tickets, config: hall.config)
    let lines = csv.split(separator: "\r\n").map(String.init)
    #expect(lines.count == 5)
    #expect(lines[0] == TicketsCSV.header.joined(separator: ","))
    #expect(
      lines[1]
        == "2026-11-30,A001,A,A,false,done,2026-11-30T09:00:00+07:00,2026-11-30T09:10:00+07:00,"
        + "2026-11-30T09:11:00+07:00,2026-11-30T09:16:00+07:00,1,1,600,300,,,,false")
    #expect(lines[2].hasPrefix("2026-11-30,A002,A,A,false,noshow,"))
    #expect(lines[3].contains(",cancelled,") && lines[3].hasSuffix(",,0,,,,,,false"))
    #expect(!csv.contains("t1"))
  }

  @Test func csvQuotesFieldsThatNeedIt() {
    #expect(CSV.field("plain", separator: ",") == "plain")
    #expect(CSV.field("a,b", separator: ",") == "\"a,b\"")
    #expect(CSV.field("a,b", separator: ";") == "a,b")
    #expect(CSV.field("a;b", separator: ";") == "\"a;b\"")
    #expect(CSV.field("say \"hi\"", separator: ",") == "\"say \"\"hi\"\"\"")
  }
}
