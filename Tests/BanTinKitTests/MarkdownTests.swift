import Dispatch
import Synchronization
import Testing
@testable import BanTinKit

@Suite struct MarkdownTests {
    let markdown = Markdown()

    @Test func tablesRenderAsHTMLTables() {
        let html = markdown.render("| Huyện | Chỉ tiêu |\n|---|---:|\n| Long Hồ | 1.200 |\n").html
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>Huyện</th>"))
        #expect(html.contains("<td style=\"text-align: right\">1.200</td>"), "HTML5: no obsolete align attribute")
    }

    @Test func strikethroughAndAutolinksWork() {
        let html = markdown.render("~~cũ~~ xem https://dichvucong.gov.vn nhé").html
        #expect(html.contains("<del>cũ</del>"))
        #expect(html.contains("<a href=\"https://dichvucong.gov.vn\">https://dichvucong.gov.vn</a>"))
    }

    /// cmark-gfm keeps the extensions' special characters in one table for the whole process; parsers
    /// finishing at once on other threads must not lose strikethrough or autolinks.
    @Test func strikethroughAndAutolinksSurviveRenderingOnEveryCore() {
        let text = String(repeating: "Đoạn văn ~~cũ~~ xem https://dichvucong.gov.vn và www.vinhlong.gov.vn nhé.\n\n", count: 40)
        let outputs = ManyThreads.map(0..<400) { _ in markdown.render(text).html }
        let broken = outputs.filter { $0.components(separatedBy: "<del>cũ</del>").count != 41
            || $0.components(separatedBy: "<a href=\"http://www.vinhlong.gov.vn\">").count != 41 }
        #expect(broken.count == 0, "renders that lost an extension, out of 400")
    }

    @Test func rawHTMLIsOmittedByDefault() {
        let html = markdown.render("Trước\n\n<script>alert(1)</script>\n\n<b>đậm</b> sau").html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("raw HTML omitted"))
    }

    @Test func unsafeModeLetsTrustedHTMLThrough() {
        let html = Markdown(allowsRawHTML: true).render("<div class=\"note\">Ghi chú</div>").html
        #expect(html.contains("<div class=\"note\">Ghi chú</div>"))
    }

    @Test func firstParagraphIsPlainTextForSummaries() {
        let output = markdown.render("# Tiêu đề\n\nĐoạn **đầu** có [liên kết](https://x.vn)\nnối dòng.\n\nĐoạn hai.")
        #expect(output.firstParagraph == "Đoạn đầu có liên kết nối dòng.")
        #expect(output.plainText.contains("Đoạn hai."))
    }

    @Test func summariesAreCutAtAWordNearTwoHundredCharacters() {
        let text = String(repeating: "công tác dân vận ", count: 30)
        let summary = Summary.cut(text)
        #expect(summary.hasSuffix("…"))
        #expect(summary.count <= 201)
        #expect(summary.count > 180)
        #expect(!summary.dropLast().hasSuffix(" "))
        #expect(Summary.cut("Ngắn gọn.") == "Ngắn gọn.")
    }

    @Test func summariesCountCharactersWhateverTheirScalars() {
        // Precomposed text takes the quick path over scalars; decomposed text (one character, two or three
        // scalars) and emoji sequences take the path over characters. Both must cut at the same word.
        let words = ["Đà", "Nẵng", "được", "kế", "hoạch", "số", "03-KH/ĐUS", "“dân", "vận”", "khéo…", "👩‍💻", "🇻🇳"]
        var seed: UInt64 = 7
        for length in [5, 12, 40, 80, 160, 200] {
            for _ in 0..<40 {
                var text = ""
                for _ in 0..<60 {
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    text += words[Int(seed >> 33) % words.count] + ((seed >> 20) % 7 == 0 ? "\n" : " ")
                }
                let composed = Summary.cut(text, near: length)
                let decomposed = Summary.cut(text.decomposedStringWithCanonicalMapping, near: length)
                #expect(decomposed.precomposedStringWithCanonicalMapping == composed, "\(length): \(text)")
                #expect(composed.count <= length + 1)
            }
        }
    }

    @Test func articleWithoutSummaryGetsItsFirstParagraph() throws {
        let files = try Fixtures.build([Fixtures.article("s", title: "Tin", body: "![ảnh](/images/a.svg)\n\nĐoạn mở đầu.\n\nĐoạn sau.")])
        #expect(files["index.html"]?.contains("<h2>Tin</h2>") == true)
        let site = ArticleBodies.render(try Fixtures.model(siteFile: Fixtures.siteFile,
            articleFiles: [Fixtures.article("s", title: "Tin", body: "Đoạn mở đầu.\n\nĐoạn sau.")], pageFiles: [], options: Fixtures.options).0)
        #expect(site.articles[0].summary == "Đoạn mở đầu.")
    }

    /// A single build lets each Markdown text go once rendered, unless the images stage will read it (the lines of
    /// a body's pictures and of its links to photos); `serve` keeps them all.
    @Test func aSingleBuildKeepsOnlyTheMarkdownLaterStagesRead() throws {
        let files = [Fixtures.article("chu", title: "Chữ", body: "Đoạn một, [liên kết](https://example.gov.vn/).\n\nĐoạn hai."),
                     Fixtures.article("anh", title: "Ảnh", body: "Đoạn.\n\n![ảnh](/images/a.jpg)"),
                     Fixtures.article("tai", title: "Tải", body: "Xem [ảnh gốc](/images/b.jpg).")]
        let modeled = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: files, pageFiles: [], options: Fixtures.options).0
        var single = modeled
        ArticleBodies.render(&single, keepsMarkdown: false)
        let kept = Dictionary(uniqueKeysWithValues: single.articles.map { ($0.slug, $0.markdown) })
        #expect(kept["chu"] == "")
        #expect(kept["anh"] == "Đoạn.\n\n![ảnh](/images/a.jpg)")
        #expect(kept["tai"] == "Xem [ảnh gốc](/images/b.jpg).")
        #expect(single.articles.first { $0.slug == "chu" }?.bodyHTML.contains("<p>Đoạn hai.</p>") == true)
        let served = ArticleBodies.render(modeled)
        #expect(served.articles.allSatisfy { !$0.markdown.isEmpty })
    }

    /// The Markdown stage says which bodies show or link to a picture, so the images stage reads only those.
    @Test func theMarkdownStageSaysWhichBodiesNamePictures() throws {
        let files = [Fixtures.article("chu", title: "Chữ", body: "Đoạn một, [liên kết](https://example.gov.vn/tep.pdf)."),
                     Fixtures.article("anh", title: "Ảnh", body: "Đoạn.\n\n![](/images/a.jpg)"),
                     Fixtures.article("tai", title: "Tải", body: "Xem [ảnh gốc](/images/b.webp?v=2).")]
        let modeled = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: files, pageFiles: [], options: Fixtures.options).0
        #expect(modeled.articles.allSatisfy { $0.bodyNamesPictures == nil })
        let rendered = ArticleBodies.render(modeled)
        let names = Dictionary(uniqueKeysWithValues: rendered.articles.map { ($0.slug, $0.bodyNamesPictures) })
        #expect(names == ["chu": false, "anh": true, "tai": true])
    }
}

@Suite struct DateStyleTests {
    @Test func longDateReadsLikeThePortal() throws {
        let date = try PublicationDate.parse("2026-11-26 08:00", timeZone: Fixtures.dates.timeZone)
        #expect(Fixtures.dates.long(date) == "Thứ Năm, 26/11/2026")
        #expect(Fixtures.dates.short(date) == "26/11/2026")
        #expect(Fixtures.dates.iso(date) == "2026-11-26T08:00:00+07:00")
        // 25/11/2026 itself is a Wednesday.
        #expect(Fixtures.dates.long(try PublicationDate.parse("2026-11-25", timeZone: Fixtures.dates.timeZone)) == "Thứ Tư, 25/11/2026")
    }

    @Test func weekdayFollowsTheSiteZoneNotUTC() throws {
        // 23:30 UTC on Saturday is already Sunday morning in Vietnam.
        let date = try PublicationDate.parse("2026-11-28T23:30:00Z", timeZone: Fixtures.dates.timeZone)
        #expect(Fixtures.dates.long(date) == "Chủ Nhật, 29/11/2026")
    }
}

@Suite struct PaginationTests {
    @Test func emptyListingHasOneEmptyPage() {
        let pages = Pagination(itemCount: 0, pageSize: 5)
        #expect(pages.pageCount == 1)
        #expect(pages.range(ofPage: 1).isEmpty)
    }

    @Test func exactMultipleHasNoTrailingEmptyPage() {
        let pages = Pagination(itemCount: 10, pageSize: 5)
        #expect(pages.pageCount == 2)
        #expect(pages.range(ofPage: 2) == 5..<10)
        #expect(pages.range(ofPage: 3).isEmpty)
    }

    @Test func oneOverStartsANewPage() {
        let pages = Pagination(itemCount: 11, pageSize: 5)
        #expect(pages.pageCount == 3)
        #expect(pages.range(ofPage: 3) == 10..<11)
        #expect(pages.range(ofPage: 0).isEmpty)
    }

    @Test func pagerShowsEndsAndNeighboursWithGapsBetween() {
        let pages = Pagination(itemCount: 281 * 20, pageSize: 20)
        #expect(pages.window(around: 6) == [1, nil, 4, 5, 6, 7, 8, nil, 281])
        #expect(pages.window(around: 1) == [1, 2, 3, nil, 281])
        #expect(pages.window(around: 4) == [1, 2, 3, 4, 5, 6, nil, 281], "a gap of one page shows that page")
        #expect(pages.window(around: 281) == [1, nil, 279, 280, 281])
        #expect(Pagination(itemCount: 60, pageSize: 20).window(around: 2) == [1, 2, 3])
        #expect(Pagination(itemCount: 0, pageSize: 20).window(around: 1) == [1])
    }

    @Test func categoryListingsLinkToTheirSecondPage() throws {
        let articles = (1...3).map { Fixtures.article("a\($0)", title: "Tin số \($0)", date: "2026-01-0\($0)") }
        let files = try Fixtures.build(articles)
        let first = try #require(files["chuyen-muc/cac-van-de-chung/index.html"])
        let second = try #require(files["chuyen-muc/cac-van-de-chung/trang/2/index.html"])
        #expect(first.contains("<li>Tin số 3</li><li>Tin số 2</li>"))
        #expect(first.contains("href=\"/chuyen-muc/cac-van-de-chung/trang/2/\""))
        #expect(second.contains("<li>Tin số 1</li>"))
        #expect(files["chuyen-muc/cac-van-de-chung/trang/3/index.html"] == nil)
    }

    @Test func parentCategoryListsItsChildrensArticles() throws {
        let child = Fixtures.article("c", title: "Tuyển sinh học nghề", category: "Giáo dục nghề nghiệp")
        let files = try Fixtures.build([child])
        #expect(files["chuyen-muc/lao-dong-viec-lam/index.html"]?.contains("<li>Tuyển sinh học nghề</li>") == true)
        #expect(files["chuyen-muc/giao-duc-nghe-nghiep/index.html"]?.contains("<li>Tuyển sinh học nghề</li>") == true)
        #expect(files["chuyen-muc/cac-van-de-chung/index.html"]?.contains("<li>Tuyển sinh học nghề</li>") == false)
    }
}

/// Runs `body` for every element on all cores and returns the results in order.
enum ManyThreads {
    static func map<T: Sendable>(_ range: Range<Int>, _ body: @Sendable (Int) -> T) -> [T] {
        let results = Mutex(Array<T?>(repeating: nil, count: range.count))
        DispatchQueue.concurrentPerform(iterations: range.count) { index in
            let value = body(range.lowerBound + index)
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.map { $0! } }
    }
}
