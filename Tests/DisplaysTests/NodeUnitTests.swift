import Foundation
import Testing

/// The pages' logic (number words, clip sequences, QR encoder, hall state, feed backoff) is
/// JavaScript; its tests run under Node, and this makes `swift test` run them too.
struct NodeUnitTests {
  static let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // DisplaysTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  static let node: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    for dir in path.split(separator: ":") {
      let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("node")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
  }()

  @Test(.enabled(if: node != nil, "node is not installed: the JavaScript unit tests are skipped"))
  func javaScriptUnitTestsPassUnderNode() throws {
    let process = Process()
    process.executableURL = Self.node
    process.arguments = ["--test", "Tests/DisplaysTests/js/"]
    process.currentDirectoryURL = Self.packageRoot
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    // Read before waiting: a full pipe would otherwise block node forever.
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    #expect(process.terminationStatus == 0, "node --test failed:\n\(text)")
  }
}
