import ArgumentParser
import Central
import Foundation
import Logging
import Server

struct CentralCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "central",
    abstract: "Serve the region's view of every hall from the central PostgreSQL.")

  @Option(help: "The central database (postgres://USER:PASS@HOST:PORT/DB).")
  var postgres: String

  @Option(help: "Address to listen on.")
  var host = "127.0.0.1"

  @Option(help: "Port to listen on; 0 picks a free one.")
  var port = 8090

  @Option(help: "The admin token for the API. Default: a fresh one, printed at start.")
  var token: String?

  @Option(help: "Directory holding Displays/. Default: found automatically.")
  var root: String?

  func validate() throws {
    guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
    if let token, token.count < 16 {
      throw ValidationError("--token must be at least 16 characters")
    }
  }

  func run() throws {
    LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
    let logger = Logger(label: "antre.central")
    let root = self.root ?? defaultResourceRoot(executablePath: CommandLine.arguments[0])
    let adminToken = token ?? freshToken()
    let server: CentralServer
    do {
      server = try CentralServer(
        options: CentralOptions(
          postgresURL: postgres, host: host, port: port, adminToken: adminToken,
          resourceRoot: root),
        logger: logger)
    } catch {
      FileHandle.standardError.write(Data("antre central: \(error)\n".utf8))
      throw ExitCode(error.exitCode)
    }
    let base = "http://\(server.host):\(server.boundPort)"
    if token == nil {
      FileHandle.standardOutput.write(
        Data(
          "Admin token generated for this run: \(adminToken)\n  region: \(base)/region.html#token=\(adminToken)\n"
            .utf8))
    }
    FileHandle.standardOutput.write(Data("listening on \(base)\n".utf8))
    server.run()
  }

  private func freshToken() -> String {
    var rng = SystemRandomNumberGenerator()
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    return String((0..<32).map { _ in alphabet[Int(rng.next() % 64)] })
  }
}
