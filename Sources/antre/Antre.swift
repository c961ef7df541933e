import ArgumentParser

@main
struct Antre: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "antre",
    abstract: "Queue numbers and counter displays for a public service hall.",
    subcommands: [Serve.self])
}
