import Foundation
import Testing
@testable import BanTinKit

/// A small project on disk (fixture site, real templates) with `count` articles.
struct TestProject {
    let folder: URL
    var content: URL { folder.appendingPathComponent("content") }
    var output: URL { folder.appendingPathComponent("public") }

    init(articles count: Int = 3, siteYAML: String = Fixtures.siteYAML) throws {
        folder = try Fixtures.temporaryFolder()
        let articles = content.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        for index in 0..<count {
            try write(Fixtures.article("a\(index)", title: "Tin số \(index)").text, to: "content/articles/a\(index).md")
        }
    }

    func write(_ text: String, to path: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    var options: Build.Options {
        var options = Build.Options(contentDirectory: content,
                                    templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                    outputDirectory: output)
        options.now = Fixtures.options.now
        return options
    }

    func failure() -> [String] {
        do {
            try Build.run(options)
            return []
        } catch let failure as BuildFailure {
            return failure.errors.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
