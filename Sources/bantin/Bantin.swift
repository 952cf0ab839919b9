import ArgumentParser

@main
struct Bantin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Static site generator for the department's news portal.",
        subcommands: [BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self, CounterCommand.self,
                      RelatedCommand.self],
        defaultSubcommand: BuildCommand.self)
}
