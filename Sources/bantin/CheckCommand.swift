import ArgumentParser
import BanTinKit
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List every problem in content/ (and templates/), one a line as file:line: message; exit 1 on errors.")

    @OptionGroup var project: ProjectOptions

    func run() throws {
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
        for problem in problems { print(problem.description) }
        let errors = problems.filter { $0.severity == .error }.count
        Terminal.error("checked \(loaded.articleFiles.count) articles, \(loaded.pageFiles.count) pages: "
                       + "\(errors) error\(errors == 1 ? "" : "s"), \(problems.count - errors) warning\(problems.count - errors == 1 ? "" : "s")")
        if errors > 0 { throw ExitCode.failure }
    }
}
