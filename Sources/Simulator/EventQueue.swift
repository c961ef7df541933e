import HallWire

/// Virtual-clock events, earliest first; equal times in the order they were pushed.
struct Event {
  enum Kind {
    case dayStart(Int), dayEnd(Int), arrival(Visitor), free(Int), shiftStart(Int), shiftEnd(Int)
    case sample
    case book([BookedVisitor]), checkIn(Visitor, code: String)
  }
  var at: Millis
  var kind: Kind
  var order: Int = 0
}

struct EventQueue {
  var heap: [Event] = []
  var pushed = 0

  mutating func push(_ e: Event) {
    var e = e
    e.order = pushed
    pushed += 1
    heap.append(e)
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard Self.before(heap[i], heap[parent]) else { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  mutating func pop() -> Event? {
    guard !heap.isEmpty else { return nil }
    let top = heap[0]
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < heap.count, Self.before(heap[l], heap[m]) { m = l }
        if r < heap.count, Self.before(heap[r], heap[m]) { m = r }
        if m == i { break }
        heap.swapAt(i, m)
        i = m
      }
    }
    return top
  }

  static func before(_ a: Event, _ b: Event) -> Bool {
    a.at != b.at ? a.at < b.at : a.order < b.order
  }
}
