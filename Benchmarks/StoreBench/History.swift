import HallWire
import QueueCore
import Storage

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes `days` days of history ending today (about `tickets` tickets, each with its events,
/// numbers and some print jobs), one transaction per day, then times opening the file and
/// `loadHall` for today, as the server's start-up does.
func runHistory(_ options: Options) {
  let total = options.tickets > 0 ? options.tickets : 1_000_000
  let days = options.days
  let today = Int(time(nil)) / 86_400
  removeDatabase(options.db)
  writeLine(
    "store-bench history: \(total) tickets over \(days) days, "
      + "\(options.eventsPerTicket) events each, file \(options.db)")

  let clock = ContinuousClock()
  let start = clock.now
  var counts = (tickets: 0, events: 0, olderUnfinished: 0)
  do {
    let store = openStore(options.db)
    try store.begin()
    for id in 1...12 {
      try store.upsert(
        CounterRecord(id: id, state: .open, since: Int64(today - days) * 86_400_000))
    }
    try store.setMeta("admin_token", "generated-admin-token")
    try store.setMeta("kiosk_token.K1", "generated-kiosk-token")
    try store.commit()

    var seq: Int64 = 0
    for dayIndex in 0..<days {
      let dayNumber = today - days + 1 + dayIndex
      let day = civilDay(dayNumber)
      let isToday = dayIndex == days - 1
      let perDay = total / days + (dayIndex < total % days ? 1 : 0)
      // 08:00 at UTC+7 is 01:00 UTC; tickets spread over a seven-hour day.
      let opening = Int64(dayNumber) * 86_400_000 + 3_600_000
      let spacing = Int64(7 * 3_600_000 / max(1, perDay))
      var lastNumber: [String: Int] = [:]
      try store.begin()
      for index in 0..<perDay {
        counts.tickets += 1
        let service = Synthetic.services[index % Synthetic.services.count]
        let seqNo = (lastNumber[service] ?? 0) + 1
        lastNumber[service] = seqNo
        let issuedAt = opening + Int64(index) * spacing
        var ticket = Synthetic.ticket(
          serial: counts.tickets, day: day, service: service, seqNo: seqNo, at: issuedAt)
        ticket.request = index % 3 == 0 ? "req-\(counts.tickets)" : nil
        ticket.box = index % 10 == 0 ? "K1" : nil
        let state = historicState(
          index: index, perDay: perDay, dayIndex: dayIndex, isToday: isToday)
        if !isToday && [.waiting, .called, .serving].contains(state) {
          counts.olderUnfinished += 1
        }
        ticket.state = state
        if state != .waiting && state != .cancelled {
          ticket.calledAt = issuedAt + 600_000
          ticket.counter = index % 12 + 1
          ticket.calls = 1
        }
        if state == .serving || state == .done { ticket.startedAt = issuedAt + 660_000 }
        if state == .done || state == .noshow { ticket.finishedAt = issuedAt + 960_000 }
        if state == .cancelled { ticket.finishedAt = issuedAt + 300_000 }
        try store.upsert(ticket)

        let types = eventTypes(for: state)
        for number in 0..<options.eventsPerTicket {
          seq += 1
          counts.events += 1
          let type = types[number % types.count]
          try store.append(
            Synthetic.event(seq: seq, type: type, ticket: ticket, at: issuedAt + Int64(number)))
        }
        if let box = ticket.box {
          let printed = isToday && index >= perDay - 30 ? nil : issuedAt + 2_000
          try store.insert(
            PrintJob(
              job: "J\(counts.tickets)", box: box, ticketID: ticket.id, createdAt: issuedAt,
              printedAt: printed))
        }
      }
      for (service, last) in lastNumber {
        try store.setNumber(DaySequence(day: day, service: service, lastSeqNo: last))
      }
      try store.commit()
    }
  } catch {
    fail("history: \(error)")
  }
  let generation = seconds(clock.now - start)
  var info = stat()
  let size = stat(options.db, &info) == 0 ? Int(info.st_size) : 0
  writeLine(
    "generated \(counts.tickets) tickets, \(counts.events) events in "
      + "\(format(generation, decimals: 1)) s; file \(size / 1_048_576) MiB; "
      + "\(counts.olderUnfinished) tickets of earlier days left unfinished")

  measureRecovery(options.db, day: civilDay(today))
}

/// Times what the server's start-up does with the file: open it (with the migrations check),
/// then `loadHall` for `day` with 1000 recent events. The first run starts with the
/// file's pages dropped from the OS cache, as after a reboot; the others find them cached.
func measureRecovery(_ path: String, day: String) {
  writeLine("start-up for \(day) (open, then loadHall with 1000 recent events):")
  let clock = ContinuousClock()
  for attempt in 1...3 {
    if attempt == 1 {
      for suffix in ["", "-wal", "-shm"] { dropFromPageCache(path + suffix) }
    }
    do {
      let openStart = clock.now
      let store = try Store(path: path)
      let opened = clock.now
      let (hall, recentEvents) = try store.loadHall(day: day, recentEventLimit: 1000)
      let loaded = clock.now
      writeLine(
        "  \(attempt == 1 ? "cold" : "warm"): open \(format(seconds(opened - openStart) * 1000, decimals: 1)) ms, "
          + "loadHall \(format(seconds(loaded - opened) * 1000, decimals: 1)) ms; "
          + "\(hall.tickets.count) tickets, \(hall.sequences.count) numbers, "
          + "lastSeq \(hall.lastSeq), \(recentEvents.count) events, "
          + "\(hall.pendingPrintJobs.count) unprinted jobs, \(hall.counters.count) counters")
    } catch {
      fail("recovery: \(error)")
    }
  }
}

/// Asks the kernel to forget this one file's cached pages (`posix_fadvise` DONTNEED),
/// without touching the rest of the machine's cache.
private func dropFromPageCache(_ path: String) {
  let descriptor = open(path, O_RDONLY)
  guard descriptor >= 0 else { return }
  _ = fdatasync(descriptor)
  _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_DONTNEED))
  close(descriptor)
}

/// Past days end with most tickets done; a few are left waiting (a forgotten rollover),
/// which start-up must still find. Today is in full swing.
private func historicState(index: Int, perDay: Int, dayIndex: Int, isToday: Bool)
  -> TicketState
{
  if isToday {
    let position = Double(index) / Double(max(1, perDay))
    if position < 0.6 { return index % 20 == 0 ? .noshow : .done }
    if position < 0.62 { return index % 2 == 0 ? .serving : .called }
    return .waiting
  }
  if index == 5 && dayIndex % 10 == 0 { return .waiting }
  if index % 33 == 0 { return .cancelled }
  if index % 20 == 0 { return .noshow }
  return .done
}

private func eventTypes(for state: TicketState) -> [String] {
  switch state {
  case .waiting: ["issued"]
  case .cancelled: ["issued", "finished"]
  case .called, .serving: ["issued", "called"]
  default: ["issued", "called", "finished"]
  }
}
