import Foundation

/// A wall clock for `antre serve` that the test moves, through libfaketime (Debian
/// `faketime`): the server reads an offset from a file on every clock call
/// (`FAKETIME_NO_CACHE`), and its monotonic clock stays real so its timers keep working.
final class FakeClock {
  static let library = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
  let file: URL

  static var isAvailable: Bool { FileManager.default.fileExists(atPath: library) }

  init(directory: URL) {
    file = directory.appendingPathComponent("faketime")
  }

  /// For `ServerProcess(environment:)`.
  var environment: [String: String] {
    [
      "LD_PRELOAD": Self.library, "FAKETIME_TIMESTAMP_FILE": file.path,
      "FAKETIME_NO_CACHE": "1", "FAKETIME_DONT_FAKE_MONOTONIC": "1", "DONT_FAKE_MONOTONIC": "1",
    ]
  }

  /// From now on the server's clock reads `instant` and runs on from there.
  func set(_ instant: Date) throws {
    let offset = Int((instant.timeIntervalSinceNow).rounded())
    try (offset >= 0 ? "+\(offset)" : "\(offset)").write(
      to: file, atomically: true, encoding: .utf8)
  }

  /// A wall-clock time in the test halls' zone (+07:00): `jakarta("2026-12-01", "23:59:50")`.
  static func jakarta(_ date: String, _ time: String) -> Date {
    ISO8601DateFormatter().date(from: "\(date)T\(time)+07:00")!
  }
}
