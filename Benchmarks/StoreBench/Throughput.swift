import QueueCore
import Storage

/// Commits the same synthetic load one ticket per transaction, then in groups of 16 and 64
/// (or the sizes given with `--batches`),
/// each on a fresh file: a ticket is one ticket upsert, one event append, one number update.
func runThroughput(_ options: Options) {
  let tickets = options.tickets > 0 ? options.tickets : 20_000
  writeLine("store-bench throughput: \(tickets) tickets per run, file \(options.db)")
  writeLine("batch  commits  seconds  commits/s  tickets/s")
  // Rows are built before the clock starts: the figures are the store's cost alone.
  let rows = (1...max(1, tickets)).map { serial in
    let service = Synthetic.services[serial % Synthetic.services.count]
    let seqNo = (serial + Synthetic.services.count - 1) / Synthetic.services.count
    let at = 1_764_296_102_000 + Int64(serial)
    let ticket = Synthetic.ticket(
      serial: serial, day: "2026-11-28", service: service, seqNo: seqNo, at: at)
    return (
      ticket: ticket,
      event: Synthetic.event(seq: Int64(serial), type: "issued", ticket: ticket, at: at),
      number: DaySequence(day: "2026-11-28", service: service, lastSeqNo: seqNo)
    )
  }
  for batch in options.batches {
    removeDatabase(options.db)
    let store = openStore(options.db)
    let clock = ContinuousClock()
    let start = clock.now
    var commits = 0
    var issued = 0
    do {
      while issued < tickets {
        try store.begin()
        for _ in 0..<min(batch, tickets - issued) {
          let row = rows[issued]
          issued += 1
          try store.upsert(row.ticket)
          try store.append(row.event)
          try store.setNumber(row.number)
        }
        try store.commit()
        commits += 1
      }
    } catch {
      fail("batch \(batch): \(error)")
    }
    let elapsed = seconds(clock.now - start)
    writeLine(
      "\(pad(batch, 5))  \(pad(commits, 7))  \(pad(format(elapsed, decimals: 2), 7))  "
        + "\(pad(format(Double(commits) / elapsed), 9))  \(pad(format(Double(issued) / elapsed), 9))"
    )
  }
  removeDatabase(options.db)
}

func pad(_ value: Int, _ width: Int) -> String { pad(String(value), width) }

func pad(_ text: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - text.count)) + text
}
