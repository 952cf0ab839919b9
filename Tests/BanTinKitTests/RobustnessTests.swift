import Foundation
import Testing
@testable import BanTinKit

@Suite struct RobustnessTests {
    @Test func frontMatterOnlyAndEmptyBodyBuild() throws {
        let article = SourceFile(path: "content/articles/f.md", text: "---\ntitle: Chỉ có tiêu đề\ndate: 2026-11-25\ncategory: Các vấn đề chung\n---")
        let files = try Fixtures.build([article])
        #expect(files["tin/chi-co-tieu-de/index.html"]?.contains("<h1>Chỉ có tiêu đề</h1>") == true)
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let articles = (1...12).map {
            Fixtures.article("a\($0)", title: "Tin \($0)", date: "2026-0\($0 % 9 + 1)-1\($0 % 9)",
                             category: $0.isMultiple(of: 2) ? "Các vấn đề chung" : "Giáo dục nghề nghiệp",
                             extra: "tags: [thi đua, t\($0 % 3)]")
        }
        let first = try Fixtures.build(articles)
        let second = try Fixtures.build(articles.reversed())
        #expect(first == second)
        #expect(first.count > 20)
    }

    /// On disk too, with the real templates, the sample portal, search index, feeds and copied files.
    @Test func twoBuildsOfTheSamplePortalWriteTheSameBytes() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [[String: Data]] = []
        for name in ["one", "two"] {
            let output = folder.appendingPathComponent(name)
            var options = EndToEndTests().options(output: output)
            options.now = Fixtures.options.now
            try Build.run(options)
            outputs.append(try EndToEndTests().snapshot(output))
        }
        #expect(outputs[0].count > 100)
        #expect(outputs[0].keys.sorted() == outputs[1].keys.sorted())
        for (path, bytes) in outputs[0] where outputs[1][path] != bytes {
            Issue.record("\(path) differs between two builds of the same input")
        }
    }

    @Test func hostileTitlesAndTagsStayTextInPagesAndAttributes() throws {
        let hostile = "\"><script>alert(1)</script>{{x}}"
        let article = Fixtures.article("h", title: "Tin", extra: "tags: ['\(hostile.replacingOccurrences(of: "'", with: "''"))']\nauthor: '<b>A</b>'",
                                       body: "Một đoạn.")
        let files = try Fixtures.build([article])
        for (path, html) in files {
            #expect(!html.contains("<script>"), "\(path) carries a raw script tag")
            #expect(!html.contains("<b>A</b>"), "\(path) carries raw author markup")
        }
    }

    @Test func twentyMegabyteArticleRendersWithoutTrouble() throws {
        let paragraph = String(repeating: "Công tác dân vận khéo của Đảng ủy Sở được triển khai rộng khắp. ", count: 16) + "\n\n"
        let body = String(repeating: paragraph, count: 20 * 1024 * 1024 / paragraph.utf8.count)
        #expect(body.utf8.count > 19 * 1024 * 1024)
        let files = try Fixtures.build([Fixtures.article("big", title: "Bài rất dài", body: body)])
        let page = try #require(files["tin/bai-rat-dai/index.html"])
        #expect(page.utf8.count > body.utf8.count)
    }
}
