import Foundation
import Testing

@testable import Storage

/// A small tmpfs mounted for one test, so the disk can really fill up. Needs root (CI runs as
/// root); elsewhere `mount` fails and the test says so instead of passing silently.
private final class SmallVolume {
  let path: String

  init?(megabytes: Int) {
    path = FileManager.default.temporaryDirectory.path + "/antre-full-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    guard Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(megabytes)m", "tmpfs", path]) else {
      try? FileManager.default.removeItem(atPath: path)
      return nil
    }
  }

  func unmount() {
    _ = Self.run("/bin/umount", [path])
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Fills all but `leaving` bytes of the volume with one file.
  func fill(leaving: Int) throws {
    let attributes = try FileManager.default.attributesOfFileSystem(forPath: path)
    let free = (attributes[.systemFreeSize] as? NSNumber)?.intValue ?? 0
    let size = max(0, free - leaving)
    FileManager.default.createFile(
      atPath: path + "/filler", contents: Data(count: size))
  }

  func freeFiller() throws {
    try FileManager.default.removeItem(atPath: path + "/filler")
  }

  func size(of name: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path + "/" + name))?[.size] as? NSNumber)?
      .intValue ?? 0
  }

  private static func run(_ tool: String, _ arguments: [String]) -> Bool {
    let process = Process()
    process.executableURL = URL(filePath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
  }
}

@Test func writesResumeWhenSpaceReturnsAfterTheDiskFilled() throws {
  guard let volume = SmallVolume(megabytes: 8) else {
    Issue.record("cannot mount a tmpfs here (not root?): the disk-full test did not run")
    return
  }
  defer { volume.unmount() }
  let path = volume.path + "/antre.sqlite"
  var store: Store? = try Store(path: path)
  // Less free space than the WAL's checkpoint point (1000 pages, about 4 MiB).
  try volume.fill(leaving: 2 * 1024 * 1024)

  var acknowledged: [Int] = []
  var refused: Int?
  for number in 1...5000 {
    let batch = try #require(store)
    do {
      try batch.begin()
      try batch.upsert(Fixtures.ticket("T\(number)", seqNo: number, request: "r\(number)"))
      try batch.append(Fixtures.event(Int64(number)))
      try batch.commit()
      acknowledged.append(number)
    } catch {
      #expect(batch.isFailing, "\(error)")
      batch.rollback()
      refused = number
      break
    }
  }
  let failedAt = try #require(refused, "the disk never filled")
  #expect(acknowledged.count > 10)

  // A restart while the disk is still full opens the file and still refuses nothing it had.
  store = nil
  store = try Store(path: path)
  try volume.freeFiller()

  // Space is back: the next write succeeds at once, and the WAL is given back on a retry.
  let reopened = try #require(store)
  try reopened.begin()
  try reopened.upsert(Fixtures.ticket("T\(failedAt)", seqNo: failedAt, request: "r\(failedAt)"))
  try reopened.commit()
  #expect(!reopened.isFailing)
  #expect(reopened.reclaimJournalSpace())
  #expect(volume.size(of: "antre.sqlite-wal") == 0)

  let stored = Set(try reopened.tickets(day: "2026-11-28").map(\.seqNo))
  #expect(stored == Set(acknowledged + [failedAt]))
}

@Test func aFailedCommitIsFlaggedUntilOneSucceeds() throws {
  guard let volume = SmallVolume(megabytes: 4) else {
    Issue.record("cannot mount a tmpfs here (not root?): the disk-full test did not run")
    return
  }
  defer { volume.unmount() }
  let store = try Store(path: volume.path + "/antre.sqlite")
  try volume.fill(leaving: 256 * 1024)
  var number = 0
  while !store.isFailing && number < 5000 {
    number += 1
    do {
      try store.begin()
      try store.upsert(Fixtures.ticket("T\(number)", seqNo: number))
      try store.commit()
    } catch {
      store.rollback()
    }
  }
  #expect(store.isFailing)
  #expect(try store.ticket(id: "T\(number)") == nil)
  try volume.freeFiller()
  try store.begin()
  try store.upsert(Fixtures.ticket("T\(number)", seqNo: number))
  try store.commit()
  #expect(!store.isFailing)
}
