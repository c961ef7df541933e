import ArgumentParser
import Foundation
import Server

struct Tokens: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show the hall's tokens and the addresses to give each device.",
    discussion: """
      Reads the same hall file and database as `antre serve`. Tokens missing from the hall \
      file are generated on first start and kept in the database; this shows them again.
      """)

  @OptionGroup var hall: HallFiles

  @Option(help: "The address devices use to reach the server, for the printed links.")
  var server = "http://127.0.0.1:8080"

  func run() throws {
    let root = defaultResourceRoot(executablePath: CommandLine.arguments[0])
    do {
      let tokens = try AntreServer.tokens(
        configPath: hall.configPath(root: root), databasePath: hall.db)
      print(tokenBanner(tokens, base: server, heading: "Tokens of this hall:"))
    } catch {
      FileHandle.standardError.write(Data("antre tokens: \(error)\n".utf8))
      throw ExitCode(error.exitCode)
    }
  }
}
