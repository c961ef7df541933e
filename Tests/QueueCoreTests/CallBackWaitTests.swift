import HallWire
import Testing

@testable import QueueCore
import Reports

@Suite struct CallBackWaitTests {
  /// Issued, called after 120 s, no-show, called back 50 minutes later, served.
  private func calledBackTicket() throws -> (Hall, TicketRecord) {
    let hall = makeHall()
    let ticket = try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(120))
    _ = try hall.handle(.noshow(counter: 1), at: monday9 + seconds(300))
    try hall.callNext(1, .number("A001"), at: monday9 + seconds(120) + minutes(50))
    _ = try hall.handle(.start(counter: 1), at: monday9 + seconds(180) + minutes(50))
    _ = try hall.handle(.done(counter: 1), at: monday9 + seconds(480) + minutes(50))
    return (hall, hall.record(id: ticket.id)!)
  }

  @Test func aNoShowCalledBackKeepsItsFirstCallForTheWait() throws {
    let (hall, record) = try calledBackTicket()
    #expect(record.state == .done)
    #expect(record.firstCall == monday9 + seconds(120))
    #expect(record.calledAt == monday9 + seconds(120) + minutes(50))
    #expect(record.wasCalledBack)
    let stats = Stats.compute(tickets: [record], config: hall.config)
    let a = stats.services.first { $0.id == "A" }!
    #expect(a.waitS.max == 120)
    #expect(a.calledBack == 1)
    #expect(a.served == 1)
    #expect(a.serviceS.max == 300)
  }

  @Test func theCSVShowsTheFirstCallAndTheCallBackApart() throws {
    let (hall, record) = try calledBackTicket()
    let lines = TicketsCSV.render(tickets: [record], config: hall.config).split(separator: "\r\n")
    let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
    let row = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    func field(_ name: String) -> String { String(row[header.firstIndex(of: Substring(name))!]) }
    #expect(field("called_at") == "2026-11-30T09:02:00+07:00")
    #expect(field("called_back_at") == "2026-11-30T09:52:00+07:00")
    #expect(field("wait_s") == "120")
    #expect(field("service_s") == "300")
  }

  @Test func aTicketCalledOnceHasNoCallBack() throws {
    let hall = makeHall()
    let ticket = try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(45))
    _ = try hall.handle(.recall(counter: 1), at: monday9 + seconds(90))
    let record = hall.record(id: ticket.id)!
    #expect(!record.wasCalledBack)
    #expect(Stats.compute(tickets: [record], config: hall.config).services[0].calledBack == 0)
    #expect(Stats.compute(tickets: [record], config: hall.config).services[0].waitS.max == 45)
  }

  @Test func aCallBackBeforeATransferCountsInTheFirstService() throws {
    let hall = makeHall()
    let ticket = try hall.issue("A", at: monday9)
    try hall.callNext(1, at: monday9 + seconds(60))
    _ = try hall.handle(.noshow(counter: 1), at: monday9 + seconds(200))
    try hall.callNext(1, .number("A001"), at: monday9 + seconds(600))
    _ = try hall.handle(.transfer(counter: 1, to: "B"), at: monday9 + seconds(700))
    let stats = Stats.compute(tickets: [hall.record(id: ticket.id)!], config: hall.config)
    let a = stats.services.first { $0.id == "A" }!
    #expect(a.calledBack == 1 && a.transferred == 1 && a.waitS.max == 60)
    // At counter 1 from the call-back to the transfer.
    #expect(stats.counters.first { $0.id == 1 }!.serviceS.max == 100)
  }
}
