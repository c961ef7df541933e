import Foundation

@testable import Storage

/// A database path in a fresh temporary directory, removed by `remove()`.
final class TemporaryDatabase {
  let directory: URL
  let path: String

  init() {
    directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-storage-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent("antre.sqlite").path
  }

  /// Deletes the directory; call it from a `defer` so the value lives until the test ends.
  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }

  func write(_ text: String) throws {
    try text.write(toFile: path, atomically: false, encoding: .utf8)
  }

  /// Sets `PRAGMA user_version` behind the store's back, as a newer program would.
  func setUserVersion(_ version: Int) throws {
    try Connection(path: path).execute("PRAGMA user_version = \(version)")
  }
}

struct TestFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
