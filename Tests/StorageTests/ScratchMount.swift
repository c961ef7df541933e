import Foundation

/// A small tmpfs of its own, to make a place that is really full or really read-only: the
/// tests run as root, for whom permission bits do not make anything read-only.
final class ScratchMount {
  let path: String

  /// Whether this process may mount (root with CAP_SYS_ADMIN, as on the CI machine).
  static let available: Bool = {
    guard let probe = try? ScratchMount(kilobytes: 64) else { return false }
    probe.unmount()
    return true
  }()

  init(kilobytes: Int, readOnly: Bool = false) throws {
    path =
      FileManager.default.temporaryDirectory
      .appendingPathComponent("antre-mount-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    var options = "size=\(kilobytes)k"
    if readOnly { options += ",ro" }
    try Self.run("/bin/mount", ["-t", "tmpfs", "-o", options, "tmpfs", path])
  }

  /// Makes a writable mount read-only, keeping what is on it.
  func remountReadOnly() throws {
    try Self.run("/bin/mount", ["-o", "remount,ro", path])
  }

  func unmount() {
    try? Self.run("/bin/umount", [path])
    try? FileManager.default.removeItem(atPath: path)
  }

  private static func run(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw TestFailure("\(tool) \(arguments.joined(separator: " ")) failed")
    }
  }
}
