import QueueCore

extension Store {
  /// Writes what one command changed; the caller holds the transaction open.
  public func persist(_ changes: Changes) throws(StorageError) {
    for t in changes.tickets { try upsert(t) }
    for c in changes.counters { try upsert(c) }
    for s in changes.sequences { try setNumber(s) }
    for j in changes.newPrintJobs { try insert(j) }
    for j in changes.printedJobs { try markPrinted(job: j.job, at: j.printedAt ?? 0) }
    if let day = changes.serviceDay { try recordServiceDay(day) }
    for o in changes.officers { try upsert(o) }
    for s in changes.surveys { try insert(s) }
    for b in changes.bookings { try upsert(b) }
  }
}
