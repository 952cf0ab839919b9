import ArgumentParser
import BanTinKit
import Foundation

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: Terminal.bilingual("help.new"))

    @Argument(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newTitle")))
    var title: String

    @Option(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newCategory")))
    var category: String?

    @Flag(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newDocument")))
    var document = false

    @Option(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newNumber")))
    var number: String?

    @Option(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newType")))
    var type: String?

    @Option(help: ArgumentHelp(stringLiteral: Terminal.bilingual("help.newIssuer")))
    var issuer: String?

    @Option(help: "Tags, separated by commas.")
    var tags: String?

    @OptionGroup var project: ProjectOptions

    /// `bantin new "-Hội nghị"`: a title starting with a dash would be read as options (`-h`: the help, exit 0),
    /// so every word of `new` that is not one of its options goes after a `--`, where it can only be the title.
    static func protectingTitle(_ arguments: [String]) -> [String] {
        guard arguments.first == "new", !arguments.contains("--") else { return arguments }
        let takesValue: Set<String> = ["--category", "--tags", "--content", "--templates", "--output", "--lang",
                                       "--number", "--type", "--issuer"]
        let flags: Set<String> = ["--drafts", "-h", "--help", "--document"]
        var options: [String] = [], words: [String] = []
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.prefix { $0 != "=" })
            if takesValue.contains(argument), index + 1 < arguments.count {
                options += [argument, arguments[index + 1]]
                index += 2
                continue
            }
            if flags.contains(argument) || (takesValue.contains(name) && argument.contains("=")) {
                options.append(argument)
            } else {
                words.append(argument)
            }
            index += 1
        }
        return ["new"] + options + (words.isEmpty ? [] : ["--"] + words)
    }

    func run() throws {
        project.language()
        let contentFolder = URL(fileURLWithPath: project.content)
        let siteURL = contentFolder.appendingPathComponent("site.yml")
        do {
            // An article needs its category (optional only because a document has none): said before anything else.
            guard document || category != nil else { throw BuildFailure([.error("bantin new", Message("new.categoryMissing"))]) }
            guard FileManager.default.fileExists(atPath: siteURL.path) else {
                throw BuildFailure([.error(siteURL.relativePath, Message("new.siteMissing"))])
            }
            // Read as the build reads it: a link leading out of the content folder is refused.
            var problems: [Diagnostic] = []
            guard let siteFile = ContentLoader(contentDirectory: contentFolder).siteFile(into: &problems) else {
                throw BuildFailure(problems)
            }
            let (config, configProblems) = SiteConfig.parse(siteFile)
            guard let config else { throw BuildFailure(configProblems) }
            let file: NewArticle.File
            if document {
                file = try NewDocument.make(title: title, number: number ?? "", type: type ?? "", issuer: issuer ?? "",
                                            config: config, now: Date())
            } else {
                file = try NewArticle.make(title: title, category: category ?? "",
                                           tags: tags?.split(separator: ",").map(String.init) ?? [],
                                           config: config, now: Date())
            }
            let target = contentFolder.appendingPathComponent(file.path)
            guard !FileManager.default.fileExists(atPath: target.path) else {
                throw BuildFailure([.error(target.relativePath, Message("new.exists"))])
            }
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            // withoutOverwriting: an article saved in the meantime is not replaced either.
            try Data(file.text.utf8).write(to: target, options: .withoutOverwriting)
            // English: the path alone, for scripts; Vietnamese: the path and what to do next.
            print(Terminal.say(Message(document ? "new.createdDocument" : "new.created", ["path": "\(target.relativePath)"])))
        } catch let failure as BuildFailure {
            Terminal.print(failure.diagnostics)
            throw ExitCode.failure
        }
    }
}
