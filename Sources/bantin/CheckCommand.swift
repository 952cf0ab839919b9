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
        let (content, templates) = (project.content, project.templates)
        let contentFolder = URL(fileURLWithPath: content)
        let loader = ContentLoader(contentDirectory: contentFolder)
        let loaded = loader.load()
        var templateSources: [String: SourceFile]?
        var loadProblems = loaded.diagnostics
        if FileManager.default.fileExists(atPath: templates) {
            do {
                templateSources = try TemplateLoader(templatesDirectory: URL(fileURLWithPath: templates),
                                                     displayRoot: contentFolder.deletingLastPathComponent()).templateSources()
            } catch { loadProblems += error.diagnostics }
        }
        let imagesFolder = loader.display(contentFolder.appendingPathComponent("images")) + "/"
        let problems = ContentCheck.run(.init(siteFile: loaded.siteFile, articleFiles: loaded.articleFiles,
                                              pageFiles: loaded.pageFiles, templates: templateSources,
                                              images: loader.imageSizes(), imagesFolder: imagesFolder,
                                              loadDiagnostics: loadProblems,
                                              imageHeaders: ContentCheck.imageHeaders(
                                                  in: contentFolder.appendingPathComponent("images"),
                                                  displayRoot: contentFolder.deletingLastPathComponent())))
        for problem in problems { print(problem.rendered(in: Terminal.language)) }
        let errors = problems.filter { $0.severity == .error }.count
        Terminal.error(Terminal.say(Message("cli.checked", ["articles": .count(loaded.articleFiles.count), "pages": .count(loaded.pageFiles.count),
                                                             "errors": .count(errors), "warnings": .count(problems.count - errors)])))
        if errors > 0 { throw ExitCode.failure }
    }
}
