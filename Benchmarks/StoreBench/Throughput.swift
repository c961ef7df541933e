import Storage

/// Commits the same synthetic load one ticket per transaction, then in groups of 16 and 64,
/// each on a fresh file: a ticket is one ticket upsert, one event append, one number update.
func runThroughput(_ options: Options) {
  let tickets = options.tickets > 0 ? options.tickets : 20_000
  writeLine("store-bench throughput: \(tickets) tickets per run, file \(options.db)")
  writeLine("batch  commits  seconds  commits/s  tickets/s")
  for batch in [1, 16, 64] {
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
          issued += 1
          let service = Synthetic.services[issued % Synthetic.services.count]
          let seqNo = (issued + Synthetic.services.count - 1) / Synthetic.services.count
          let at = 1_764_296_102_000 + Int64(issued)
          let ticket = Synthetic.ticket(
            serial: issued, day: "2026-11-28", service: service, seqNo: seqNo, at: at)
          try store.upsert(ticket)
          try store.append(
            Synthetic.event(seq: Int64(issued), type: "issued", ticket: ticket, at: at))
          try store.setNumber(NumberRow(day: "2026-11-28", service: service, last: seqNo))
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
