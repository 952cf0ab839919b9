import Foundation
import Testing
@testable import BanTinKit

/// sitemap.xml and robots.txt.
struct SitemapTests {
    static let articles = [
        Fixtures.article("a", title: "Tin một", date: "2026-09-10 08:00", extra: "tags: [thi đua]"),
        Fixtures.article("b", title: "Tin hai", date: "2026-10-11 09:00", extra: "tags: [thi đua]"),
        Fixtures.article("c", title: "Tin ba", date: "2026-11-12 10:00", category: "Giáo dục nghề nghiệp"),
    ]
    static let pages = [SourceFile(path: "content/pages/gioi-thieu.md", text: "---\ntitle: Giới thiệu\n---\nNội dung.")]

    func entries(_ files: [String: String]) throws -> [String: String?] {
        let urlset = try #require(XMLTree.parse(files["sitemap.xml"] ?? ""))
        #expect(urlset.name == "urlset")
        #expect(urlset.attributes["xmlns"] == "http://www.sitemaps.org/schemas/sitemap/0.9")
        return Dictionary(urlset.all("url").map { ($0.value("loc") ?? "", $0.value("lastmod")) }, uniquingKeysWith: { a, _ in a })
    }

    @Test func listsEveryPublishedPageWithItsDate() throws {
        let entries = try entries(try Fixtures.build(Self.articles, pages: Self.pages))
        let site = "https://example.gov.vn"
        #expect(entries["\(site)/"] == "2026-11-12T10:00:00+07:00")
        #expect(entries["\(site)/tin/tin-mot/"] == "2026-09-10T08:00:00+07:00")
        #expect(entries["\(site)/chuyen-muc/cac-van-de-chung/"] == "2026-10-11T09:00:00+07:00")
        #expect(entries["\(site)/chuyen-muc/lao-dong-viec-lam/"] == "2026-11-12T10:00:00+07:00")
        #expect(entries["\(site)/the/thi-dua/"] == "2026-10-11T09:00:00+07:00")
        #expect(entries["\(site)/luu-tru/2026/09/"] == "2026-09-10T08:00:00+07:00")
        #expect(entries.keys.contains("\(site)/gioi-thieu/"))
        #expect(entries["\(site)/gioi-thieu/"] == .some(nil), "a static page has no date")
        #expect(!entries.keys.contains { $0.hasSuffix("/in.html") }, "print views are left out")
        #expect(!entries.keys.contains { $0.hasSuffix("404.html") })
    }

    @Test func agreesWithThePagesTheRendererWrites() throws {
        let files = try Fixtures.build(Self.articles + FeedTests.articles(5), pages: Self.pages)
        let listed = Set(try entries(files).keys.map { $0.replacingOccurrences(of: "https://example.gov.vn/", with: "") })
        let rendered = Set(files.keys.filter { $0.hasSuffix("index.html") && !$0.hasSuffix("/in.html") }
            .map { String($0.dropLast("index.html".count)) })
        #expect(listed == rendered)
    }

    @Test func robotsPointsAtTheSitemap() throws {
        let files = try Fixtures.build(Self.articles)
        let robots = try #require(files["robots.txt"])
        #expect(robots.contains("User-agent: *"))
        #expect(robots.contains("Sitemap: https://example.gov.vn/sitemap.xml\n"))
    }

    @Test func subFolderSitesPrefixEveryAddress() throws {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML.replacingOccurrences(
            of: "https://example.gov.vn/", with: "https://example.gov.vn/cong/"))
        let files = try Fixtures.build(Self.articles, site: site)
        let entries = try entries(files)
        #expect(entries.keys.contains("https://example.gov.vn/cong/tin/tin-mot/"))
        #expect(files["robots.txt"]?.contains("Sitemap: https://example.gov.vn/cong/sitemap.xml") == true)
    }
}
