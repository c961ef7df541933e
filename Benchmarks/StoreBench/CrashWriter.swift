import HallWire
import QueueCore
import Storage

/// Commits tickets forever in batches of 1 to 8, each ticket with its `issued` event and its
/// number, and after each commit prints `committed SEQ NUMBER` for every ticket in it.
/// The crash test kills it at a random moment; the ticket of number N has id `T<N>` and
/// request `req-<N>`, so the test can check every printed line against the file.
/// Continues from what the file holds, so it can be restarted on the same file.
func runCrashWriter(_ options: Options) {
  let day = "2026-11-28"
  let store = openStore(options.db)
  do {
    let hall = try store.loadHall(day: day, recentEventLimit: 0).hall
    var seq = hall.lastSeq
    var number = hall.sequences.first { $0.service == "A" }?.lastSeqNo ?? 0
    var batch = 0
    var committed: [(Int64, Int)] = []
    while true {
      batch += 1
      try store.begin()
      committed.removeAll(keepingCapacity: true)
      for _ in 0..<(batch % 8 + 1) {
        seq += 1
        number += 1
        let at = 1_764_296_102_000 + seq
        var ticket = Synthetic.ticket(serial: number, day: day, service: "A", seqNo: number, at: at)
        ticket.id = "T\(number)"
        ticket.request = "req-\(number)"
        try store.upsert(ticket)
        try store.append(Synthetic.event(seq: seq, type: "issued", ticket: ticket, at: at))
        try store.setNumber(DaySequence(day: day, service: "A", lastSeqNo: number))
        committed.append((seq, number))
      }
      try store.upsert(
        CounterRecord(id: 1, state: .open, ticketID: "T\(number)", since: seq))
      try store.commit()
      for (seq, number) in committed { writeLine("committed \(seq) \(number)") }
    }
  } catch {
    fail("crash-writer: \(error)")
  }
}
