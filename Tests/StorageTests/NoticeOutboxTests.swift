import Notices
import Testing

@testable import Storage

private func notice(_ id: String, subject: String = "t-1", at: Int64 = 1_000) -> Notice {
  Notice(
    id: id, subject: subject, event: .called, body: Array(#"{"id":"\#(id)","phone":"+628"}"#.utf8),
    createdAt: at, expiresAt: at + 3_600_000)
}

@Suite struct NoticeOutboxTests {
  @Test func aNoticeIsStoredOnceWhateverItsState() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    let store = try Store(path: file.path)
    #expect(try store.enqueue(notice("near-t-1")))
    #expect(try !store.enqueue(notice("near-t-1")))
    try store.markNoticeDelivered(id: "near-t-1", at: 2_000)
    #expect(try !store.enqueue(notice("near-t-1")), "delivered: still not made again")
    #expect(try store.pendingNotices().isEmpty)
  }

  @Test func pendingNoticesComeInTheOrderMadeUntilDeliveredOrGivenUp() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    let store = try Store(path: file.path)
    for id in ["b", "a", "c", "d"] { try store.enqueue(notice(id)) }
    try store.recordNoticeAttempt(id: "a", attempts: 2, nextAt: 9_000, error: "HTTP 503")
    try store.markNoticeDelivered(id: "c", at: 5_000)
    try store.markNoticeGivenUp(id: "d", at: 6_000)
    let reopened = try Store(path: file.path)
    let pending = try reopened.pendingNotices()
    #expect(pending.map(\.notice.id) == ["b", "a"])
    #expect(pending[1].attempts == 2)
    #expect(pending[1].nextAt == 9_000)
    #expect(try reopened.notice(id: "a")?.lastError == "HTTP 503")
    #expect(pending[0] == Outbox.Pending(notice: notice("b")))
    #expect(try reopened.notice(id: "c")?.deliveredAt == 5_000)
    #expect(try reopened.notice(id: "d")?.givenUpAt == 6_000)
  }

  @Test func aNoticeIsRolledBackWithTheChangeThatMadeIt() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    let store = try Store(path: file.path)
    try store.begin()
    try store.upsert(Fixtures.ticket("t-1"))
    try store.enqueue(notice("called-t-1-7"))
    store.rollback()
    #expect(try store.pendingNotices().isEmpty)
    #expect(try store.enqueue(notice("called-t-1-7")), "the id is free again")
  }

  @Test func pruningDeletesOnlyFinishedNoticesOlderThanTheCutoff() throws {
    let file = TemporaryDatabase()
    defer { file.remove() }
    let store = try Store(path: file.path)
    try store.enqueue(notice("old-delivered", at: 1_000))
    try store.enqueue(notice("old-given-up", at: 1_000))
    try store.enqueue(notice("old-pending", at: 1_000))
    try store.enqueue(notice("new-delivered", at: 9_000))
    try store.markNoticeDelivered(id: "old-delivered", at: 2_000)
    try store.markNoticeGivenUp(id: "old-given-up", at: 2_000)
    try store.markNoticeDelivered(id: "new-delivered", at: 9_500)
    #expect(try store.pruneNotices(before: 5_000) == 2)
    #expect(try store.notice(id: "old-delivered") == nil)
    #expect(try store.notice(id: "old-pending") != nil)
    #expect(try store.notice(id: "new-delivered") != nil)
    #expect(try store.noticeIDs(since: 5_000) == ["new-delivered"])
  }
}
