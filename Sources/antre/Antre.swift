import ArgumentParser
import Officer
import TicketBox

@main
struct Antre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "antre",
    abstract: "Queue numbers and counter displays for a public service hall.",
    subcommands: [
      Serve.self, Tokens.self, Login.self, Next.self, Recall.self, Start.self, Done.self,
      NoShow.self,
      Transfer.self, Pause.self, Resume.self, Open.self, Close.self, Status.self, Console.self,
      TicketBoxCommand.self, BackupCommand.self, RestoreCommand.self, CentralCommand.self,
      Report.self, Officers.self, SignIn.self, SignOut.self, Simulate.self,
    ])
}
