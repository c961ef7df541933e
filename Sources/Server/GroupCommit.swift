import Logging
import QueueCore
import Reactor
import Storage

/// The open group-commit batch (DESIGN.md rule 1): the changes of one loop turn share one
/// SQLite transaction, and what they produced — replies, feed frames, print jobs, screens that
/// connected meanwhile — waits here until `COMMIT` returns.
struct GroupCommit {
  /// A feed frame made once, for everyone or for one ticket box.
  struct Frame {
    var seq: Int64
    var bytes: SharedBytes
    var box: String?
  }

  /// What a committed (or failed) batch lets out.
  struct Batch {
    var openedAt = 0.0
    var commands = 0
    var frames: [Frame] = []
    var deliveries: [(Bool) -> Void] = []
    /// Peers that connected while the batch was open: they must see committed state only.
    var attachments: [() -> Void] = []
    /// The last number handed out per day and service in this batch: the numbering rows are
    /// written just before COMMIT, in the same transaction, one per service instead of one
    /// per ticket.
    var numbers: [DaySequence] = []
  }

  private(set) var isOpen = false
  private var batch = Batch()

  /// Opens the transaction for the first change of a batch; true when it just opened (the
  /// loop then schedules the commit).
  mutating func openIfNeeded(_ store: Store) throws(StorageError) -> Bool {
    guard !isOpen else { return false }
    try store.begin()
    isOpen = true
    batch.openedAt = EventLoop.monotonicNow
    return true
  }

  mutating func add(frame: Frame) { batch.frames.append(frame) }
  mutating func add(delivery: @escaping (Bool) -> Void) { batch.deliveries.append(delivery) }
  mutating func add(_ attachment: @escaping () -> Void) { batch.attachments.append(attachment) }
  mutating func countCommand() { batch.commands += 1 }

  mutating func add(numbers: [DaySequence]) {
    for s in numbers {
      if let i = batch.numbers.firstIndex(where: { $0.service == s.service && $0.day == s.day }) {
        batch.numbers[i].lastSeqNo = max(batch.numbers[i].lastSeqNo, s.lastSeqNo)
      } else {
        batch.numbers.append(s)
      }
    }
  }

  /// Commits and hands over the batch: to let out, or (with the error, rolled back) to refuse.
  mutating func commit(_ store: Store) -> (Batch, StorageError?) {
    guard isOpen else { return (Batch(), nil) }
    let b = take()
    do {
      for s in b.numbers { try store.setNumber(s) }
      try store.commit()
      return (b, nil)
    } catch {
      store.rollback()
      return (b, error)
    }
  }

  /// Rolls back the open batch and hands over what was waiting in it.
  mutating func abandon(_ store: Store) -> Batch {
    if isOpen { store.rollback() }
    return take()
  }

  private mutating func take() -> Batch {
    let b = batch
    batch = Batch()
    isOpen = false
    return b
  }
}
