import ArgumentParser
import BanTinKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: Terminal.bilingual("help.check"))

    @OptionGroup var project: ProjectOptions

    func run() throws {
        project.language()
        try project.requireSite("check")
        let (problems, articles, pages) = Build.check(project.build())
        for problem in problems { print(problem.rendered(in: Terminal.language)) }
        let errors = problems.filter { $0.severity == .error }.count
        Terminal.error(Terminal.say(Message("cli.checked", ["articles": .count(articles), "pages": .count(pages),
                                                             "errors": .count(errors), "warnings": .count(problems.count - errors)])))
        if errors > 0 { throw ExitCode.failure }
    }
}
