import Foundation
import Testing
@testable import BanTinKit

@Suite("Real templates on a site with nothing optional")
struct BareSiteTests {
    @Test func aSiteWithoutAlbumsOrPhotosLinksNowhereEmpty() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try "title: \"Sở Thử\"\nbase_url: \"https://x.gov.vn/\"\ncategories:\n  - name: \"Tin tức\"\n"
            .writeReplacing(content.appendingPathComponent("site.yml"))
        try "---\ntitle: \"Bài một\"\ndate: 2026-11-01\ncategory: Tin tức\n---\nNội dung.\n"
            .writeReplacing(content.appendingPathComponent("articles/mot.md"))
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
}
