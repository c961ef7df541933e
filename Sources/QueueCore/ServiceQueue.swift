import HallWire

/// A waiting ticket as a queue holds it: just what ordering needs, no dictionary look-ups.
struct QueueEntry: Sendable, Equatable {
  var id: String
  var enqueuedAt: Millis
  var issuedAt: Millis
  var seqNo: Int
  var priority: Bool

  init(_ t: TicketRecord) {
    id = t.id
    enqueuedAt = t.waitingSince
    issuedAt = t.issuedAt
    seqNo = t.seqNo
    priority = t.priority
  }

  /// Longest in the queue first; then earlier issue.
  static func precedes(_ a: QueueEntry, _ b: QueueEntry) -> Bool {
    if a.enqueuedAt != b.enqueuedAt { return a.enqueuedAt < b.enqueuedAt }
    if a.issuedAt != b.issuedAt { return a.issuedAt < b.issuedAt }
    if a.seqNo != b.seqNo { return a.seqNo < b.seqNo }
    return a.id < b.id
  }
}

/// One service's waiting tickets as two lists, priority and normal, each kept in `precedes`
/// order. Within a list that is also score order (same weight, same target), so the best
/// ticket is one of two heads and a ticket's position is its index plus a binary search in
/// the other list: O(log n), cheap enough to run for every event.
struct ServiceQueue: Sendable {
  var priority: [QueueEntry] = []
  var normal: [QueueEntry] = []

  var count: Int { priority.count + normal.count }
  var isEmpty: Bool { priority.isEmpty && normal.isEmpty }

  /// Runs `body` on the list `e` belongs to.
  private mutating func withList<R>(of e: QueueEntry, _ body: (inout [QueueEntry]) -> R) -> R {
    e.priority ? body(&priority) : body(&normal)
  }

  mutating func insert(_ e: QueueEntry) {
    withList(of: e) { ServiceQueue.insert(e, into: &$0) }
  }

  /// Usually an append: tickets join in time order.
  private static func insert(_ e: QueueEntry, into list: inout [QueueEntry]) {
    if let last = list.last, QueueEntry.precedes(e, last) {
      list.insert(e, at: partition(list) { QueueEntry.precedes($0, e) })
    } else {
      list.append(e)
    }
  }

  mutating func remove(_ e: QueueEntry) {
    withList(of: e) { ServiceQueue.remove(e, from: &$0) }
  }

  private static func remove(_ e: QueueEntry, from list: inout [QueueEntry]) {
    if list.first?.id == e.id {
      list.removeFirst()
      return
    }
    let i = partition(list) { QueueEntry.precedes($0, e) }
    if i < list.count, list[i].id == e.id {
      list.remove(at: i)
    } else if let j = list.firstIndex(where: { $0.id == e.id }) {
      list.remove(at: j)
    }
  }

  func index(of e: QueueEntry) -> Int? {
    let list = e.priority ? priority : normal
    let i = ServiceQueue.partition(list) { QueueEntry.precedes($0, e) }
    if i < list.count, list[i].id == e.id { return i }
    return list.firstIndex { $0.id == e.id }
  }

  /// The first index whose element fails `isBefore`, given that `isBefore` holds for a prefix.
  static func partition(_ list: [QueueEntry], _ isBefore: (QueueEntry) -> Bool) -> Int {
    var lo = 0
    var hi = list.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if isBefore(list[mid]) { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
