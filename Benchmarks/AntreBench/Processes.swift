import Foundation

/// A child process whose standard output is read line by line, on the caller's schedule.
final class Child {
  let process = Process()
  private let output = Pipe()
  private var buffered = ""
  private(set) var lines: [String] = []

  /// Starts `executable` with `arguments`, pinned to `cpus` with `taskset` when given.
  init(_ executable: String, _ arguments: [String], cpus: String? = nil, directory: String? = nil)
    throws
  {
    if let cpus {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
      process.arguments = ["-c", cpus, executable] + arguments
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    }
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
  }

  var pid: Int32 { process.processIdentifier }

  /// Reads until a line satisfies `match` (returning it) or the output ends (nil).
  func waitForLine(where match: (String) -> Bool) -> String? {
    while true {
      if let index = lines.firstIndex(where: match) { return lines[index] }
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { return nil }
      buffered += String(decoding: chunk, as: UTF8.self)
      while let newline = buffered.firstIndex(of: "\n") {
        lines.append(String(buffered[..<newline]))
        buffered = String(buffered[buffered.index(after: newline)...])
      }
    }
  }

  /// Reads to the end of the output and waits for the exit.
  func finish() -> [String] {
    _ = waitForLine { _ in false }
    if !buffered.isEmpty { lines.append(buffered) }
    buffered = ""
    process.waitUntilExit()
    return lines
  }

  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    process.waitUntilExit()
  }
}

/// Runs a command to completion and returns its standard output's lines.
func run(_ executable: String, _ arguments: [String], cpus: String? = nil) throws -> [String] {
  try Child(executable, arguments, cpus: cpus).finish()
}

/// A server under test: `antre serve` or the bare responder, on an ephemeral port.
final class ServerUnderTest {
  let child: Child
  let port: Int
  let startedAt: Double
  let listeningAfter: Double

  init(_ executable: String, _ arguments: [String], cpus: String?, directory: String? = nil)
    throws
  {
    startedAt = monotonicNow()
    child = try Child(executable, arguments, cpus: cpus, directory: directory)
    guard let line = child.waitForLine(where: { $0.hasPrefix("listening on http://") }),
      let port = line.split(separator: ":").last.flatMap({ Int($0) })
    else {
      child.stop()
      throw BenchError.serverDidNotStart(executable)
    }
    listeningAfter = monotonicNow() - startedAt
    self.port = port
  }

  var pid: Int32 {
    // With taskset the child execs the server in place, so the pid is the server's.
    child.pid
  }

  func stop() { child.stop() }

  /// Resident set size in KiB, from /proc/PID/status.
  var residentKiB: Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
      return Int(line.dropFirst(6).split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? "")
    }
    return nil
  }
}

enum BenchError: Error, CustomStringConvertible {
  case serverDidNotStart(String)
  case requestFailed(String)
  case unexpectedOutput(String)
  case buildFailed(String)

  var description: String {
    switch self {
    case .serverDidNotStart(let what): "\(what) did not print its listening line"
    case .requestFailed(let what): "request failed: \(what)"
    case .unexpectedOutput(let what): "unexpected output: \(what)"
    case .buildFailed(let what): "build failed: \(what)"
    }
  }
}

func monotonicNow() -> Double {
  var now = timespec()
  clock_gettime(CLOCK_MONOTONIC, &now)
  return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// One HTTP/1.1 request on a fresh connection, with a blocking socket: for setup steps
/// (issuing a few tickets, the first call after start-up), never for measured load.
func httpRequest(
  port: Int, method: String, path: String, token: String? = nil, body: String = ""
) throws -> (status: Int, body: String) {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw BenchError.requestFailed("socket") }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_port = in_port_t(UInt16(port).bigEndian)
  address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
  let connected = withUnsafePointer(to: &address) {
    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
    }
  }
  guard connected == 0 else { throw BenchError.requestFailed("connect to port \(port)") }
  var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
  if let token { head += "Authorization: Bearer \(token)\r\n" }
  head += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n"
  let request = Array((head + body).utf8)
  var sent = 0
  while sent < request.count {
    let n = request[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard n > 0 else { throw BenchError.requestFailed("write") }
    sent += n
  }
  var response: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    response += buffer[0..<n]
  }
  let text = String(decoding: response, as: UTF8.self)
  guard text.hasPrefix("HTTP/1.1 "), let status = Int(text.dropFirst(9).prefix(3)) else {
    throw BenchError.requestFailed("\(method) \(path): no HTTP response")
  }
  let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
  return (status, body)
}
