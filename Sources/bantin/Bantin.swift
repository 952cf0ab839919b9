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

    /// As the parser's own `main`, but its complaints about the command line are said in the editors' language.
    static func main() async {
        do {
            var command = try parseAsRoot()
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
