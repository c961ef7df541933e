import HallWire
import ArgumentParser

extension OfficerCommand {
  /// Sends the command's request to the configured server and exits with `execute`'s status.
  public func run() throws {
    let status = execute(transport: { ReactorTransport(server: $0.server, language: options.lang) })
    if status != 0 { throw ExitCode(status) }
  }
}
