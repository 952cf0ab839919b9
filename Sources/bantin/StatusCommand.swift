import ArgumentParser
import BanTinKit
import Foundation

/// `bantin status`: how the last build went (the server's timed builds too), as `TRANG-THAI.txt` says it, in
/// the chosen language. Exit status 1 while the builds fail, so a monitoring script can ask the same question.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "status", abstract: Terminal.bilingual("help.status"))

    @OptionGroup var project: ProjectOptions

    func run() throws {
        project.language()
        let content = URL(fileURLWithPath: project.content)
        guard let status = BuildStatus.load(project: BuildStatus.project(content: content)) else {
            Terminal.error(Terminal.say(Message("status.none")))
            throw ExitCode.failure
        }
        print(status.text(in: Terminal.language, timeZone: BuildStatus.timeZone(content: content)), terminator: "")
        if !status.succeeded { throw ExitCode.failure }
    }
}
