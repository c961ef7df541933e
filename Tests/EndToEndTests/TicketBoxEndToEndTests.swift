import Foundation
#if canImport(Glibc)
  import Glibc
#endif
import Synchronization
import Testing
import ZbarReader

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// `antre ticketbox` against a real `antre serve`, printing to a fake TCP printer
/// (Support/fake_printer.py) that records every byte and answers `DLE EOT`.
@Suite(.serialized) struct TicketBoxEndToEndTests {
  @Test func aLineOnStandardInputIssuesOneTicketAndPrintsIt() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    box.send(line: "A")
    #expect(try await eventually { printer.count("A001") == 1 }, "\(box.logs)")
    let hall = try await server.request("GET", "/api/hall").object
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.first { $0["id"] as? String == "A" }?["issued"] as? Int == 1)
    #expect(services.first { $0["id"] as? String == "B" }?["issued"] as? Int == 0)

    // End of input: the box finishes and exits cleanly, having printed that one ticket.
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    #expect(printer.count("NOMOR ANTREAN") == 1)
    #expect(printer.count("Pindai untuk memantau antrean") == 1)
  }

  @Test func aLineForAnUnknownServiceIssuesNothingAndSaysWhy() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    #expect(try await eventually { try await server.boxConnected() })
    box.send(line: "Z")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0)
    #expect(box.logs.contains("tidak ada layanan Z"), "\(box.logs)")
    #expect(printer.count("NOMOR ANTREAN") == 0)
  }

  @Test func aJobPrintedButNotAcknowledgedPrintsOnceMoreAfterAKillAndNoOther() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory)
    // The first box talks to the server through a relay that can swallow what the box says,
    // so its acknowledgement never arrives: the state a kill -9 right after printing leaves.
    let relay = try Relay(to: server.port)
    let first = try TicketBoxProcess(
      server: "http://127.0.0.1:\(relay.port)", printer: printer.address,
      directory: server.directory, name: "box1")
    #expect(try await eventually { try await server.boxConnected() }, "\(first.logs)")
    relay.swallowUpstream()

    let issued = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "A", "box": "K1"])
    #expect(issued.status == 201)
    let number = try #require(issued.object["number"] as? String)
    #expect(try await eventually { printer.count(number) == 1 }, "\(first.logs)")
    first.kill9()
    relay.close()

    let second = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box2")
    #expect(try await eventually { printer.count(number) == 2 }, "\(second.logs)")
    second.closeInput()
    #expect(second.waitForExit(timeout: 30) == 0, "\(second.logs)")

    // A third box gets any job still unacknowledged before a new one: only the new one prints.
    let third = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box3")
    #expect(try await eventually { try await server.boxConnected() })
    let next = try await server.request(
      "POST", "/api/tickets", token: "admin-secret", json: ["service": "B", "box": "K1"])
    let nextNumber = try #require(next.object["number"] as? String)
    #expect(try await eventually { printer.count(nextNumber) == 1 }, "\(third.logs)")
    #expect(printer.count(number) == 2)
    #expect(printer.count("NOMOR ANTREAN") == 3)
    third.closeInput()
    #expect(third.waitForExit(timeout: 30) == 0)
  }

  @Test func aPaperOutPrinterShowsInTheHall() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory, status: "paper_out")
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    #expect(
      try await eventually { try await server.boxPrinter() == "paper_out" }, "\(box.logs)")
    #expect(box.logs.contains("kertas habis"))
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0)
  }

  @Test func aPaperOutBoxRefusesPressesAndIssuesNothing() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory, status: "paper_out")
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box",
      extra: ["--lang", "en"])
    #expect(
      try await eventually { try await server.boxPrinter() == "paper_out" }, "\(box.logs)")
    box.send(line: "A")
    box.send(line: "B")
    #expect(
      try await eventually { box.logs.components(separatedBy: "REFUSED paper_out: ").count == 3 },
      "\(box.logs)")
    #expect(box.logs.contains("no ticket was issued"))
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    let hall = try await server.request("GET", "/api/hall").object
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.map { $0["issued"] as? Int } == services.map { _ in 0 })
    #expect(printer.bytes.isEmpty)
  }

  @Test func oncePaperIsLoadedAgainAPressIssuesAndPrints() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory, status: "paper_out")
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    #expect(
      try await eventually { try await server.boxPrinter() == "paper_out" }, "\(box.logs)")
    box.send(line: "A")
    #expect(try await eventually { box.logs.contains("DITOLAK paper_out: ") }, "\(box.logs)")
    try printer.setStatus("ok")
    // The box asks every 5 s.
    #expect(try await eventually(timeout: 15) { try await server.boxPrinter() == "ok" })
    box.send(line: "A")
    #expect(try await eventually { printer.count("NOMOR ANTREAN") == 1 }, "\(box.logs)")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    // One ticket in all: the refused press left nothing behind.
    let hall = try await server.request("GET", "/api/hall").object
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.first { $0["id"] as? String == "A" }?["issued"] as? Int == 1)
    #expect(printer.count("A001") == 1 && printer.count("A002") == 0)
  }

  @Test func aPrintedTicketRenderedFromItsBytesDecodesToItsTrackingLink() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box")
    box.send(line: "A")
    #expect(try await eventually { printer.count("NOMOR ANTREAN") == 1 }, "\(box.logs)")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")

    let bytes = [UInt8](printer.bytes)
    #expect(!bytes.contains(sequence: [0x1D, 0x28, 0x6B]), "GS ( k in a raster ticket")
    #expect(bytes.contains(sequence: [0x1D, 0x76, 0x30, 0]))
    let tickets = try renderTickets(bytes, widthDots: 384, directory: server.directory)
    #expect(tickets.count == 1)
    let ticket = try #require(tickets.first)
    #expect(ticket.unknownCommands == 0)
    #expect(ticket.text.contains("NOMOR ANTREAN"))
    let links = try zbarDecode(ticket.png)
    #expect(links.count == 1, "\(links)")
    let link = try #require(links.first)
    let prefix = server.baseURL + "/track.html?t="
    #expect(link.hasPrefix(prefix), "\(link)")
    // The id in the link is the ticket's: the tracking page will find it.
    let id = String(link.dropFirst(prefix.count).prefix { $0 != "&" })
    let tracked = try await server.request("GET", "/api/tickets/\(id)")
    #expect(tracked.status == 200)
    #expect(tracked.object["number"] as? String == "A001")
  }

  @Test func withQrNativeTheTicketCarriesGsParenKAndStillDecodes() async throws {
    let server = try ServerProcess()
    let printer = try FakePrinter(directory: server.directory)
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: printer.address, directory: server.directory, name: "box",
      extra: ["--qr", "native"])
    box.send(line: "B")
    #expect(try await eventually { printer.count("NOMOR ANTREAN") == 1 }, "\(box.logs)")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    let bytes = [UInt8](printer.bytes)
    #expect(bytes.contains(sequence: [0x1D, 0x28, 0x6B]))
    #expect(!bytes.contains(sequence: [0x1D, 0x76, 0x30]))
    let ticket = try #require(
      renderTickets(bytes, widthDots: 384, directory: server.directory).first)
    #expect(try zbarDecode(ticket.png).first?.hasPrefix(server.baseURL + "/track.html?t=") == true)
  }

  @Test func anUnreachablePrinterIsOfflineInTheHallAndPressesAreRefused() async throws {
    let server = try ServerProcess()
    let unused = try Relay(to: 9)  // a free port; closed at once so nothing listens there
    let port = unused.port
    unused.close()
    let box = try TicketBoxProcess(
      server: server.baseURL, printer: "tcp://127.0.0.1:\(port)", directory: server.directory,
      name: "box")
    #expect(try await eventually { try await server.boxPrinter() == "offline" }, "\(box.logs)")
    #expect(try await eventually { try await server.boxConnected() })
    // An offline printer would give the visitor nothing: the press is refused.
    box.send(line: "A")
    #expect(try await eventually { box.logs.contains("DITOLAK offline: ") }, "\(box.logs)")
    box.closeInput()
    #expect(box.waitForExit(timeout: 30) == 0, "\(box.logs)")
    let hall = try await server.request("GET", "/api/hall").object
    let services = hall["services"] as? [[String: Any]] ?? []
    #expect(services.first { $0["id"] as? String == "A" }?["issued"] as? Int == 0)
  }
}

// MARK: - Helpers

extension Array where Element == UInt8 {
  func contains(sequence: [UInt8]) -> Bool {
    guard count >= sequence.count else { return false }
    return (0...(count - sequence.count)).contains {
      self[$0..<$0 + sequence.count].elementsEqual(sequence)
    }
  }
}

/// A ticket as paper shows it: emupos's rendering of the printer bytes (Support/render_ticket.py).
struct RenderedTicket {
  var png: URL
  var text: String
  var unknownCommands: Int
}

/// A Python with emupos: 3.13 or later from pyenv (where .ci/run installs it), else `python3`.
func emuposPython() -> String {
  if let explicit = ProcessInfo.processInfo.environment["ANTRE_EMUPOS_PYTHON"] { return explicit }
  let versions = FileManager.default.homeDirectoryForCurrentUser
    .appendingPathComponent(".pyenv/versions")
  let found = ((try? FileManager.default.contentsOfDirectory(atPath: versions.path)) ?? [])
    .filter { $0.hasPrefix("3.13") || $0.hasPrefix("3.14") }.sorted().last
  return found.map { versions.appendingPathComponent("\($0)/bin/python").path } ?? "python3"
}

/// Each ticket in `bytes` rendered to a PNG (one per cut), with its text.
func renderTickets(_ bytes: [UInt8], widthDots: Int, directory: URL) throws -> [RenderedTicket] {
  let source = directory.appendingPathComponent("render-\(UUID().uuidString).bin")
  try Data(bytes).write(to: source)
  let prefix = directory.appendingPathComponent("ticket-\(UUID().uuidString)").path
  let script = ServerProcess.packageRoot
    .appendingPathComponent("Tests/EndToEndTests/Support/render_ticket.py").path
  let output = try runProgram(
    emuposPython(),
    [script, "--in", source.path, "--out-prefix", prefix, "--width-dots", String(widthDots)])
  var tickets: [RenderedTicket] = []
  var unknown = 0
  for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
    if line.hasPrefix(prefix) {
      tickets.append(
        RenderedTicket(png: URL(fileURLWithPath: String(line)), text: "", unknownCommands: 0))
    } else if line.hasPrefix("unknown ") {
      unknown = Int(line.dropFirst(8)) ?? -1
    } else if !tickets.isEmpty {
      tickets[tickets.count - 1].text += line + "\n"
    }
  }
  for i in tickets.indices { tickets[i].unknownCommands = unknown }
  return tickets
}

/// Runs a program to its end and returns its standard output.
func runProgram(_ program: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
  process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
  let out = Pipe()
  process.standardOutput = out
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// Polls `condition` every 50 ms until it holds or `timeout` seconds pass.
func eventually(
  timeout: Double = 15, _ condition: () async throws -> Bool
) async throws -> Bool {
  let deadline = Date().addingTimeInterval(timeout)
  while Date() < deadline {
    if try await condition() { return true }
    try await Task.sleep(nanoseconds: 50_000_000)
  }
  return try await condition()
}

extension ServerProcess {
  func box() async throws -> [String: Any]? {
    let boxes = try await request("GET", "/api/hall").object["boxes"] as? [[String: Any]]
    return boxes?.first { $0["id"] as? String == "K1" }
  }

  func boxConnected() async throws -> Bool {
    try await box()?["connected"] as? Bool == true
  }

  func boxPrinter() async throws -> String? {
    try await box()?["printer"] as? String
  }
}

final class FakePrinter {
  let process = Process()
  let output: URL
  private(set) var port = 0

  /// The file the printer reads its status from: write `ok` or `paper_out` to change it.
  let statusFile: URL

  init(directory: URL, status: String = "ok") throws {
    output = directory.appendingPathComponent("printed-\(UUID().uuidString).bin")
    statusFile = directory.appendingPathComponent("printer-status-\(UUID().uuidString)")
    let script = ServerProcess.packageRoot
      .appendingPathComponent("Tests/EndToEndTests/Support/fake_printer.py").path
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", script, "--out", output.path, "--status", status, "--status-file",
      statusFile.path,
    ]
    let stdout = Pipe()
    process.standardOutput = stdout
    try process.run()
    var text = ""
    while !text.contains("\n") {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { throw E2EError.serverExited("fake printer: " + text) }
      text += String(decoding: chunk, as: UTF8.self)
    }
    port =
      Int(text.split(separator: " ").last?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
      ?? 0
  }

  var address: String { "tcp://127.0.0.1:\(port)" }

  /// Takes the paper out (`paper_out`) or loads it (`ok`) from the next status request on.
  func setStatus(_ status: String) throws {
    try Data(status.utf8).write(to: statusFile)
  }

  var bytes: Data { (try? Data(contentsOf: output)) ?? Data() }

  /// How many times `text` occurs in what was printed.
  func count(_ text: String) -> Int {
    let haystack = [UInt8](bytes)
    let needle = [UInt8](text.utf8)
    guard !needle.isEmpty, haystack.count >= needle.count else { return 0 }
    var n = 0
    var i = 0
    while i <= haystack.count - needle.count {
      if haystack[i..<i + needle.count].elementsEqual(needle) {
        n += 1
        i += needle.count
      } else {
        i += 1
      }
    }
    return n
  }

  deinit {
    // SIGKILL: the test runner blocks SIGTERM, and children inherit that mask.
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }
}

/// `antre ticketbox` with a pipe on standard input and its output in files.
final class TicketBoxProcess {
  let process = Process()
  /// The box's standard input. Both ends are close-on-exec: a process another test starts
  /// meanwhile must not inherit the writing end, or closing ours would never reach the box as
  /// the end of its input.
  let input: FileHandle
  let logURL: URL

  init(
    server: String, printer: String, directory: URL, name: String, extra: [String] = []
  ) throws {
    logURL = directory.appendingPathComponent("\(name).log")
    FileManager.default.createFile(atPath: logURL.path, contents: nil)
    let log = try FileHandle(forWritingTo: logURL)
    process.executableURL = ServerProcess.antreBinary
    process.arguments =
      [
        "ticketbox", "--server", server, "--box", "K1", "--token", "k1-secret", "--printer",
        printer, "--width", "58",
      ] + extra
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    let reading = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
    input = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
    process.standardInput = reading
    process.standardOutput = log
    process.standardError = log
    try process.run()
    try? reading.close()
  }

  var logs: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

  func send(line: String) {
    input.write(Data((line + "\n").utf8))
  }

  func closeInput() {
    try? input.close()
  }

  func kill9() {
    guard process.isRunning else { return }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }

  /// The exit status, or nil if it is still running after `timeout` seconds.
  func waitForExit(timeout: Double) -> Int32? {
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    return process.isRunning ? nil : process.terminationStatus
  }

  deinit {
    if process.isRunning { kill9() }
  }
}

/// A TCP relay to 127.0.0.1:`target`, one thread per direction. After `swallowUpstream()`
/// it drops what clients send (the server hears nothing more) while still passing what the
/// server sends.
final class Relay: Sendable {
  let port: Int
  private let listener: Int32
  private let swallowing = Atomic<Bool>(false)

  init(to target: Int) throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    self.listener = listener
    var one: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var address = Relay.loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(listener, 8) == 0 else { throw E2EError.serverExited("relay") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        getsockname(listener, $0, &length)
      }
    }
    port = Int(UInt16(bigEndian: address.sin_port))
    Thread { [self] in
      while true {
        let client = accept(listener, nil, nil)
        guard client >= 0 else { return }
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var to = Relay.loopback(port: target)
        let connected = withUnsafePointer(to: &to) {
          $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
          }
        }
        guard connected == 0 else {
          Glibc.close(client)
          Glibc.close(upstream)
          continue
        }
        Thread { self.pump(from: client, to: upstream, upstream: true) }.start()
        Thread { self.pump(from: upstream, to: client, upstream: false) }.start()
      }
    }.start()
  }

  func swallowUpstream() {
    swallowing.store(true, ordering: .sequentiallyConsistent)
  }

  func close() {
    shutdown(listener, Int32(SHUT_RDWR))
  }

  private func pump(from: Int32, to: Int32, upstream: Bool) {
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      let n = buffer.withUnsafeMutableBytes { read(from, $0.baseAddress, $0.count) }
      if n <= 0 { break }
      if upstream && swallowing.load(ordering: .sequentiallyConsistent) { continue }
      var offset = 0
      while offset < n {
        let w = buffer[offset..<n].withUnsafeBytes {
          send(to, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
        }
        if w <= 0 { break }
        offset += w
      }
    }
    // Either side gone: end both, so the other pump and the peers see it too.
    shutdown(to, Int32(SHUT_RDWR))
    shutdown(from, Int32(SHUT_RDWR))
  }

  private static func loopback(port: Int) -> sockaddr_in {
    var a = sockaddr_in()
    a.sin_family = sa_family_t(AF_INET)
    a.sin_port = in_port_t(UInt16(port)).bigEndian
    a.sin_addr.s_addr = inet_addr("127.0.0.1")
    return a
  }
}
