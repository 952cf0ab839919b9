import ArgumentParser
import BanTinKit
import Foundation

@main
struct Bantin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bantin",
        abstract: Terminal.bilingual("help.bantin"),
        subcommands: [BuildCommand.self, ServeCommand.self, NewCommand.self, CheckCommand.self, CounterCommand.self,
                      RelatedCommand.self, DeployConfigCommand.self, StatusCommand.self],
        defaultSubcommand: BuildCommand.self)

    /// As the parser's own `main`, but its complaints about the command line are said in the editors' language;
    /// `new`'s title is kept from being read as options first (`NewCommand.protectingTitle`).
    static func main() async {
        do {
            var command = try parseAsRoot(NewCommand.protectingTitle(Array(CommandLine.arguments.dropFirst())))
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            guard code != .success, !message.isEmpty else { exit(withError: error) }
            Terminal.error(ArgumentWords.translated(message, in: ArgumentWords.language(Array(CommandLine.arguments.dropFirst()))))
            Foundation.exit(code.rawValue)
        }
    }
}
