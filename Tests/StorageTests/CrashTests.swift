import Foundation
import Testing

@testable import Storage

#if canImport(Glibc)
  import Glibc
#endif

/// Kills a writer process mid-stream and checks the file against what it had acknowledged.
@Test func killedWriterLosesNoAcknowledgedTicketAndLeavesNoHalfBatch() throws {
  let file = TemporaryDatabase()
  defer { file.remove() }
  let day = "2026-11-28"

  let acknowledged = try runWriterUntilKilled(database: file.path, forAtLeast: .milliseconds(500))
  try #require(acknowledged.count > 10, "the writer acknowledged too little to test anything")

  let store = try Store(path: file.path)
  for line in acknowledged {
    let ticket = try store.ticket(id: "T\(line.number)")
    #expect(ticket?.seqNo == line.number, "acknowledged ticket T\(line.number) is missing")
    #expect(try store.events(after: line.seq - 1, limit: 1).first?.seq == line.seq)
  }

  // Each ticket was written with its event and its number in one batch: the file holds
  // tickets and events for exactly the same numbers, and the numbering row covers them all.
  let tickets = try store.tickets(day: day)
  let events = try store.events(after: 0, limit: 10_000_000)
  let ticketNumbers = Set(tickets.map(\.seqNo))
  #expect(ticketNumbers == Set(events.map { Int($0.seq) }))
  #expect(ticketNumbers == Set(1...max(1, tickets.count)))
  for event in events {
    #expect(event.json.contains(#""id":"T\#(event.seq)""#))
  }
  let recovery = try store.loadHall(day: day, recentEventLimit: 1).hall
  let last = recovery.sequences.first { $0.service == "A" }?.lastSeqNo ?? 0
  let highestAcknowledged = acknowledged.map(\.number).max() ?? 0
  #expect(last >= highestAcknowledged)
  #expect(last == tickets.count)
  #expect(recovery.lastSeq == Int64(tickets.count))
  #expect(recovery.counters.first?.ticketID == "T\(last)")

  // A restarted writer continues the numbering after the last stored number, reusing none.
  let resumed = try runWriterUntilKilled(database: file.path, forAtLeast: .zero)
  #expect(resumed.first?.number == last + 1)
}

private struct Acknowledgement {
  let seq: Int64
  let number: Int
}

/// Runs `store-bench crash-writer`, reads its `committed SEQ NUMBER` lines for at least
/// `duration` (and at least one line), then SIGKILLs it while it keeps committing.
private func runWriterUntilKilled(database: String, forAtLeast duration: Duration) throws
  -> [Acknowledgement]
{
  let process = Process()
  process.executableURL = try storeBenchExecutable()
  process.arguments = ["crash-writer", "--db", database]
  let output = Pipe()
  process.standardOutput = output
  try process.run()
  defer { process.waitUntilExit() }

  let clock = ContinuousClock()
  let start = clock.now
  var pending = Data()
  var lines: [Acknowledgement] = []
  while lines.isEmpty || clock.now - start < duration {
    let chunk = output.fileHandleForReading.availableData
    guard !chunk.isEmpty else {
      kill(process.processIdentifier, SIGKILL)
      throw TestFailure("crash-writer exited early with status \(process.terminationStatus)")
    }
    pending.append(chunk)
    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
      let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
      pending.removeSubrange(pending.startIndex...newline)
      let fields = line.split(separator: " ")
      guard fields.count == 3, fields[0] == "committed", let seq = Int64(fields[1]),
        let number = Int(fields[2])
      else {
        kill(process.processIdentifier, SIGKILL)
        throw TestFailure("unexpected line from crash-writer: \(line)")
      }
      lines.append(Acknowledgement(seq: seq, number: number))
    }
  }
  kill(process.processIdentifier, SIGKILL)
  return lines
}

/// The `store-bench` built next to this test bundle (SwiftPM puts every product of the
/// package, and the test bundle, in one directory such as `.build/debug`).
private func storeBenchExecutable() throws -> URL {
  var candidates: [URL] = []
  if let executable = Bundle.main.executableURL {
    candidates.append(executable.deletingLastPathComponent())
  }
  candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
  candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
  candidates.append(
    URL(fileURLWithPath: FileManager.default.currentDirectoryPath + "/.build/debug"))
  for directory in candidates {
    let binary = directory.appendingPathComponent("store-bench")
    if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
  }
  throw TestFailure("store-bench not found in \(candidates.map(\.path))")
}
