import ArgumentParser

@main
struct Bantin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: Terminal.bilingual("help.bantin"),
        subcommands: [BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self, CounterCommand.self,
                      RelatedCommand.self, DeployConfigCommand.self],
        defaultSubcommand: BuildCommand.self)
}
