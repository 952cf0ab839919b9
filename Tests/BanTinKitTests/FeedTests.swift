import Foundation
import Testing
@testable import BanTinKit

/// RSS 2.0 feeds, read back with Foundation's XML parser.
struct FeedTests {
    static func articles(_ count: Int, category: String = "Các vấn đề chung") -> [SourceFile] {
        (1...count).map { number in
            let day = number < 10 ? "0\(number)" : "\(number)"
            return Fixtures.article("tin-\(number)", title: "Tin số \(number)", date: "2026-10-\(day) 08:30",
                                    category: category, extra: "summary: \"Tóm tắt \(number)\"")
        }
    }

    @Test func siteFeedListsTheLatestTwentyNewestFirst() throws {
        let files = try Fixtures.build(Self.articles(25))
        let rss = try #require(XMLTree.parse(files["feed.xml"] ?? ""))
        #expect(rss.name == "rss")
        #expect(rss.attributes["version"] == "2.0")
        let channel = try #require(rss.first("channel"))
        #expect(channel.value("title") == "Sở Thử nghiệm")
        #expect(channel.value("link") == "https://example.gov.vn/")
        #expect(channel.first("atom:link")?.attributes["href"] == "https://example.gov.vn/feed.xml")
        let items = channel.all("item")
        #expect(items.count == 20)
        #expect(items.first?.value("title") == "Tin số 25")
        #expect(items.last?.value("title") == "Tin số 6")
        let first = try #require(items.first)
        #expect(first.value("link") == "https://example.gov.vn/tin/tin-so-25/")
        #expect(first.value("guid") == first.value("link"))
        #expect(first.first("guid")?.attributes["isPermaLink"] == "true")
        #expect(first.value("description") == "Tóm tắt 25")
        #expect(first.value("category") == "Các vấn đề chung")
        #expect(first.value("pubDate") == "Sun, 25 Oct 2026 08:30:00 +0700")
        #expect(channel.value("lastBuildDate") == first.value("pubDate"))
    }

    @Test func categoryFeedIncludesItsSubcategories() throws {
        let files = try Fixtures.build([
            Fixtures.article("cha", title: "Tin việc làm", date: "2026-11-01", category: "Lao động - Việc làm"),
            Fixtures.article("con", title: "Tin học nghề", date: "2026-11-02", category: "Giáo dục nghề nghiệp"),
            Fixtures.article("khac", title: "Tin chung", date: "2026-11-03"),
        ])
        let parent = try #require(XMLTree.parse(files["chuyen-muc/lao-dong-viec-lam/feed.xml"] ?? ""))
        let titles = parent.first("channel")?.all("item").compactMap { $0.value("title") }
        #expect(titles == ["Tin học nghề", "Tin việc làm"])
        #expect(parent.first("channel")?.value("title") == "Lao động - Việc làm - Sở Thử nghiệm")
        let child = try #require(XMLTree.parse(files["chuyen-muc/giao-duc-nghe-nghiep/feed.xml"] ?? ""))
        #expect(child.first("channel")?.all("item").compactMap { $0.value("title") } == ["Tin học nghề"])
        #expect(files["chuyen-muc/cac-van-de-chung/feed.xml"] != nil)
    }

    @Test func hostileTitlesAreEscapedAndStayText() throws {
        let title = #"<script>alert(1)</script> {{site.title}} & "Dân vận" 'khéo'"#
        let files = try Fixtures.build([Fixtures.article("x", title: title.replacingOccurrences(of: "\"", with: "\\\""),
                                                          extra: "summary: \"a < b && c\\u0001\"")])
        let text = try #require(files["feed.xml"])
        #expect(!text.contains("<script>"))
        #expect(text.contains("&lt;script&gt;"))
        let item = try #require(XMLTree.parse(text)?.first("channel")?.first("item"))
        #expect(item.value("title") == title)
        #expect(item.value("description") == "a < b && c", "control characters XML forbids are dropped")
    }

    @Test func escaperHandlesEveryMarkupCharacter() {
        #expect(XMLText.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
        #expect(XMLText.escape("a\u{0B}b\u{FFFE}c\td") == "abc\td")
    }
}
