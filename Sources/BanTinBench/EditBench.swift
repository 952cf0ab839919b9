import BanTinKit
import Foundation

/// `serve`'s rebuild measured in one process, stage by stage: a full build with a remembering state, then
/// `edits` times one article's body is changed, previewed (`Build.preview`) and the site rebuilt. The article's file gets its text back
/// at the end.
enum EditBench {
    static func run(content: URL, templates: URL, output: URL, edits: Int) throws {
        let options = Build.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output)
        let state = BuildState()
        let first = try Build.run(options, state: state)
        print(String(format: "first build: %.3f s (%d files written)", first.seconds, first.filesWritten))
        let folder = content.appendingPathComponent("articles")
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil),
              let article = (walker.allObjects as? [URL])?.filter({ $0.pathExtension == "md" }).sorted(by: { $0.path < $1.path }).dropFirst(4).first
        else { throw CocoaError(.fileNoSuchFile) }
        let original = try Data(contentsOf: article)
        defer { try? original.write(to: article) }
        for edit in 1...edits {
            try (original + Data("\nMột câu thêm vào, lần \(edit).\n".utf8)).write(to: article)
            if let preview = Build.preview(options, state: state, changed: [article.path]) {
                print(String(format: "edit %d: preview %.3f s, %d pages written", edit, preview.seconds, preview.pagesWritten))
            } else {
                print("edit \(edit): no preview")
            }
            let report = try Build.run(options, state: state)
            let stages = report.stages.map { String(format: "%@ %.3f", $0.name, $0.seconds) }.joined(separator: ", ")
            print(String(format: "edit %d: %.3f s, %d written (%@)", edit, report.seconds, report.filesWritten, stages))
        }
    }
}
