import ArgumentParser
import Foundation
import Logging
import QueueCore
import Server

struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the hall: HTTP API, static pages and the live feed on one port.")

  @OptionGroup var hall: HallFiles

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one.")
  var port = 8080

  @Option(help: "Directory holding Displays/ and Assets/. Default: found automatically.")
  var root: String?

  @Option(help: "Ship the event log to this central PostgreSQL (postgres://USER:PASS@HOST/DB).")
  var central: String?

  @Option(help: "This hall's id in the central database: 1–32 of a-z, 0-9 and -.")
  var hallId: String?

  @Flag(help: "Serve /ws/echo, which echoes every message (WebSocket conformance testing).")
  var echo = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    guard (central == nil) == (hallId == nil) else {
      throw ValidationError("--central and --hall-id go together")
    }
    if let hallId, !CentralTarget.isValidHallID(hallId) {
      throw ValidationError("--hall-id must be 1–32 of a-z, 0-9 and -")
    }
  }

  func run() throws {
    LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    let logger = Logger(label: "antre.serve")
    let root = self.root ?? defaultResourceRoot(executablePath: CommandLine.arguments[0])
    var options = ServerOptions(
      configPath: hall.configPath(root: root), databasePath: hall.db, host: host, port: port,
      resourceRoot: root, echo: echo)
    if let central, let hallId { options.central = CentralTarget(url: central, hall: hallId) }
    let server: AntreServer
    do {
      server = try AntreServer(options: options, logger: logger)
    } catch {
      FileHandle.standardError.write(Data("antre serve: \(error)\n".utf8))
      throw ExitCode(error.exitCode)
    }
    let base = "http://\(server.host):\(server.boundPort)"
    // Written straight to the descriptor: stdio would buffer it when stdout is a pipe, and
    // scripts wait for this line before connecting.
    if let fresh = server.generatedTokens {
      FileHandle.standardOutput.write(Data((tokenBanner(fresh, base: base) + "\n").utf8))
    }
    FileHandle.standardOutput.write(Data("listening on \(base)\n".utf8))
    server.run()
  }
}

/// Printed once, when tokens are first generated: where each device should point.
func tokenBanner(
  _ t: TokenTable, base: String,
  heading: String =
    "Tokens generated on first start (kept in the database; `antre tokens` shows them):"
) -> String {
  var lines = [heading]
  if !t.admin.isEmpty {
    lines.append("  admin:      \(t.admin)")
    lines.append("  dashboard:  \(base)/dashboard.html#token=\(t.admin)")
  }
  for (id, token) in t.counters.sorted(by: { $0.key < $1.key }) {
    lines.append("  counter \(id):  antre login --server \(base) --counter \(id) --token \(token)")
  }
  for (id, token) in t.kiosks.sorted(by: { $0.key < $1.key }) {
    lines.append("  kiosk \(id):   \(base)/kiosk.html?box=\(id)#token=\(token)")
  }
  lines.append("  hall screen: \(base)/hall.html")
  return lines.joined(separator: "\n")
}
