import ArgumentParser
import Foundation
import Logging
import Server

struct Serve: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the hall: HTTP API, static pages and the live feed on one port.")

  @Option(help: "The hall file (YAML or JSON). Default: the bundled sample hall.")
  var config: String?

  @Option(help: "The SQLite database file (created if missing).")
  var db = "antre.sqlite"

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one.")
  var port = 8080

  @Option(help: "Directory holding Displays/ and Assets/. Default: found automatically.")
  var root: String?

  @Flag(help: "Serve /ws/echo, which echoes every message (WebSocket conformance testing).")
  var echo = false

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
  }

  func run() throws {
    LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    let logger = Logger(label: "antre.serve")
    let root = self.root ?? defaultResourceRoot(executablePath: CommandLine.arguments[0])
    let configPath = config ?? root + "/Halls/mpp-banyuwangi.yaml"
    let options = ServerOptions(
      configPath: configPath, databasePath: db, host: host, port: port, resourceRoot: root,
      echo: echo)
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
