import HallWire
import QueueCore
import Testing

@testable import Storage

@Test func recoveryReturnsTodaysTicketsAndOnlyTheUnfinishedOlderOnes() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  let today = "2026-11-28"
  let todays: [TicketRecord] =
    ([.waiting, .called, .serving, .done, .noshow, .cancelled, .expired] as [TicketState])
    .enumerated().map {
      Fixtures.ticket(
        "today-\($0.offset)", day: today, seqNo: $0.offset + 1,
        state: $0.element)
    }
  let olderStates: [TicketState] = [
    .waiting, .called, .serving, .done, .noshow, .cancelled, .expired,
  ]
  var olderUnfinished: [TicketRecord] = []
  for (dayIndex, day) in ["2026-11-26", "2026-11-27"].enumerated() {
    for (index, state) in olderStates.enumerated() {
      let ticket = Fixtures.ticket(
        "\(day)-\(state)", day: day, seqNo: dayIndex * 10 + index,
        state: state)
      try store.upsert(ticket)
      if [.waiting, .called, .serving].contains(state) { olderUnfinished.append(ticket) }
    }
  }
  for ticket in todays { try store.upsert(ticket) }
  try store.upsert(Fixtures.ticket("tomorrow", day: "2026-11-29", state: .waiting))

  let recovery = try store.loadHall(day: today, recentEventLimit: 0).hall
  #expect(recovery.tickets.count == todays.count + olderUnfinished.count)
  #expect(Array(recovery.tickets.prefix(todays.count)) == todays)
  #expect(Set(recovery.tickets.dropFirst(todays.count).map(\.id)) == Set(olderUnfinished.map(\.id)))
}

@Test func recoveryReturnsTheLastEventsAscendingAndTheLastSeq() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  #expect(try store.loadHall(day: "2026-11-28", recentEventLimit: 3).hall.lastSeq == 0)
  try store.begin()
  for seq in 1...10 { try store.append(Fixtures.event(Int64(seq))) }
  try store.commit()
  let recovery = try store.loadHall(day: "2026-11-28", recentEventLimit: 3)
  #expect(recovery.hall.lastSeq == 10)
  #expect(recovery.recentEvents == [8, 9, 10].map { Fixtures.event($0) })
  #expect(try store.loadHall(day: "2026-11-28", recentEventLimit: 50).recentEvents.count == 10)
}

@Test func recoveryInsideAnOpenTransactionLeavesItOpen() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  try store.begin()
  try store.upsert(Fixtures.ticket("t-1"))
  let recovery = try store.loadHall(day: "2026-11-28", recentEventLimit: 0).hall
  #expect(recovery.tickets.map(\.id) == ["t-1"])
  #expect(store.inTransaction)
  try store.commit()
}

@Test func storageErrorsMapToInternalErrorOnTheWire() {
  let errors: [StorageError] = [
    .openFailed("x"), .migrationFailed("x"), .constraintViolation("x"), .busy("x"), .io("x"),
    .corrupt("x"), .failed("x"),
  ]
  for error in errors {
    #expect(error.httpStatus == 500)
    #expect(error.code == "internal_error")
    #expect(error.message.contains("x"))
  }
}
