import ArgumentParser

@main
struct Bantin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: "Static site generator for the department's news portal.",
        subcommands: [BuildCommand.self, NewCommand.self, CheckCommand.self],
        defaultSubcommand: BuildCommand.self)
}
