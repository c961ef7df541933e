import Testing

@testable import Storage

/// Issue 16: every index on `tickets` is written by every ticket change, so the schema keeps
/// only those a lookup needs; the year's report reads the rows through `tickets_by_number`.
@Test func ticketsCarryOnlyTheIndexesALookupNeeds() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  _ = try Store(path: file.path)
  let indexes = try Connection(path: file.path)
    .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets'")
    .rows { $0.text(0) }
  #expect(
    Set(indexes)
      == [
        "sqlite_autoindex_tickets_1", "tickets_unfinished", "tickets_by_request",
        "tickets_by_number",
      ])
}

@Test func aReportReadsEveryTicketOfItsDaysAfterTheIndexesWereSlimmed() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let store = try Store(path: file.path)
  var days: [String: Int] = [:]
  for (i, day) in ["2026-11-29", "2026-11-30", "2026-11-30", "2026-12-01"].enumerated() {
    try store.upsert(Fixtures.ticket("t\(i)", day: day, seqNo: i + 1))
  }
  try store.forEachReportTicket(from: "2026-11-30", to: "2026-12-01") {
    days[$0.day, default: 0] += 1
  }
  #expect(days == ["2026-11-30": 2, "2026-12-01": 1])
}
