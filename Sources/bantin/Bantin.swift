import ArgumentParser

@main
struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Static site generator for the department's news portal.",
        subcommands: [BuildCommand.self, CounterCommand.self, RelatedCommand.self],
        defaultSubcommand: BuildCommand.self)
}
