/// The feed's memory of recent events, so a screen reconnecting with `since=N` gets exactly
/// what it missed. Bounded: once events after `N` have been evicted the gap can't be
/// filled, and the caller sends a fresh snapshot instead.
///
/// Invariant: every event with `seq > floor` is in the ring. Seqs are strictly increasing
/// but not contiguous (print jobs are routed to one box only), so coverage is tracked by
/// this floor rather than by counting.
struct ReplayRing<Payload> {
  private var seqs: [Int64] = []
  private var payloads: [Payload] = []
  private var head = 0
  let capacity: Int
  private(set) var floor: Int64

  init(capacity: Int, floor: Int64 = 0) {
    precondition(capacity > 0)
    self.capacity = capacity
    self.floor = floor
  }

  var count: Int { seqs.count }

  mutating func append(seq: Int64, _ payload: Payload) {
    if seqs.count < capacity {
      seqs.append(seq)
      payloads.append(payload)
    } else {
      floor = seqs[head]
      seqs[head] = seq
      payloads[head] = payload
      head = (head + 1) % capacity
    }
  }

  enum Replay {
    /// Everything after `since`, oldest first; empty when the client is up to date.
    case events([Payload])
    /// The ring no longer holds all events after `since`, or `since` is from the future
    /// (another database): the client needs a snapshot.
    case gap
  }

  func replay(after since: Int64, lastSeq: Int64) -> Replay {
    if since < 0 || since > lastSeq || since < floor { return .gap }
    var out: [Payload] = []
    for i in 0..<seqs.count {
      let j = (head + i) % seqs.count
      if seqs[j] > since { out.append(payloads[j]) }
    }
    return .events(out)
  }
}
