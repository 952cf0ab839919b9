import Foundation
import Testing
@testable import BanTinKit

@Suite("Real templates on a site with nothing optional")
struct BareSiteTests {
    /// `folder/content`: a site.yml with one category and nothing optional, and one article.
    static func bareContent(in folder: URL) throws -> URL {
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try "title: \"Sở Thử\"\nbase_url: \"https://x.gov.vn/\"\ncategories:\n  - name: \"Tin tức\"\n"
            .writeReplacing(content.appendingPathComponent("site.yml"))
        try "---\ntitle: \"Bài một\"\ndate: 2026-11-01\ncategory: Tin tức\n---\nNội dung.\n"
            .writeReplacing(content.appendingPathComponent("articles/mot.md"))
        return content
    }

    @Test func aSiteWithoutAlbumsOrPhotosLinksNowhereEmpty() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = try Self.bareContent(in: folder)
        let output = folder.appendingPathComponent("public")
        var options = Build.Options(contentDirectory: content,
                                    templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                    outputDirectory: output)
        options.now = Fixtures.options.now
        try Build.run(options)
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<p class=\"widget-empty\">Chưa có hình ảnh.</p>"))
        #expect(!home.contains("Xem tất cả album"))
        #expect(!home.contains("href=\"\""))
    }

    /// A missing or broken logo is a warning, and then no page links the icons or the share picture that would
    /// have been drawn from it.
    @Test(arguments: ["missing", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect", "not an SVG at all"])
    func withoutADrawableLogoNoPageLinksAFileThatWasNotWritten(_ logo: String) throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = try Self.bareContent(in: folder)
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"), to: templates)
        let svg = templates.appendingPathComponent("assets/favicon.svg")
        try FileManager.default.removeItem(at: svg)
        if logo != "missing" { try logo.writeReplacing(svg) }
        let output = folder.appendingPathComponent("public")
        var options = Build.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output)
        options.now = Fixtures.options.now
        let report = try Build.run(options)
        #expect(report.warnings.contains { $0.description.hasPrefix("templates/assets/favicon.svg") }, "\(report.warnings)")
        for page in ["index.html", "tin/bai-mot/index.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            #expect(Self.linkedFilesMissing(from: html, in: output, site: "https://x.gov.vn/") == [], "\(page)")
            #expect(!html.contains("favicon") && !html.contains("apple-touch-icon") && !html.contains("anh-chia-se"), "\(page)")
        }
    }

    /// Site files a page links (`href`, `src`, `content` of its own site) that the output does not hold.
    static func linkedFilesMissing(from html: String, in output: URL, site: String) -> [String] {
        let pattern = try! Regex(#"(?:href|src|content)="([^"]*)""#)
        return html.matches(of: pattern).compactMap { match -> String? in
            var link = String(match.output[1].substring ?? "")
            if link.hasPrefix(site) { link = "/" + link.dropFirst(site.count) }
            guard link.hasPrefix("/"), !link.hasPrefix("//") else { return nil }
            let path = String(link.prefix { $0 != "?" && $0 != "#" }).removingPercentEncoding ?? link
            let file = output.appendingPathComponent(String(path.dropFirst()))
            let target = path.hasSuffix("/") ? file.appendingPathComponent("index.html") : file
            return FileManager.default.fileExists(atPath: target.path) ? nil : link
        }
    }
}
