import HallWire
import Testing

@testable import QueueCore

/// `waitingTicketsWithPhone(aheadAtMost:)`, what the "near" trigger walks after each change.
@Suite struct NoticeWatchTests {
  let nine = at("2026-11-30", "09:00:00")

  @Test func onlyPhoneTicketsThatMayBeNearAreListedAndNoNearOneIsLeftOut() throws {
    let hall = makeAppointmentHall()
    for _ in 0..<4 { _ = try hall.handle(.issue(service: "A", priority: false), at: nine) }
    let far = try #require(
      try hall.handle(.issueRemote(service: "A", phone: "081100000001"), at: nine).ticket)
    // Four ahead, limit 3: not listed. A walk-in is never listed.
    #expect(hall.waitingTicketsWithPhone(aheadAtMost: { _ in 3 }).isEmpty)
    #expect(hall.waitingTicketsWithPhone(aheadAtMost: { _ in 4 }).map(\.id) == [far.id])
    // A priority ticket issued later does not move it in its own list: still listed at 4,
    // and its real position (what the server checks) is further back.
    _ = try hall.handle(.issue(service: "A", priority: true), at: nine)
    #expect(hall.waitingTicketsWithPhone(aheadAtMost: { _ in 4 }).map(\.id) == [far.id])
    #expect((hall.ticket(id: far.id, at: nine)?.peopleAhead ?? 0) >= 4)
    // Each listed ticket's real people ahead is never below its list index: none is missed.
    for limit in 0...6 {
      let listed = Set(hall.waitingTicketsWithPhone(aheadAtMost: { _ in limit }).map(\.id))
      let ahead = hall.ticket(id: far.id, at: nine)?.peopleAhead ?? .max
      if ahead <= limit { #expect(listed.contains(far.id), "limit \(limit)") }
    }
    _ = try hall.handle(.cancel(ticketID: far.id), at: nine)
    #expect(hall.waitingTicketsWithPhone(aheadAtMost: { _ in 100 }).isEmpty)
  }
}
