import Foundation
import Testing
@testable import BanTinKit

/// The reader features on the repository's own sample portal, built to a temporary folder.
@Suite(.serialized) struct SamplePortalTests {
    static let seed = EndToEndTests.seedSlug

    /// Built once per test run into a folder of this process's own (test runs of two checkouts may overlap),
    /// shared by the tests below and by `SamplePortalPageTests`.
    static let output: URL? = {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("bantin-reader-portal-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: output)
        let options = Build.Options(contentDirectory: Fixtures.repositoryRoot.appendingPathComponent("content"),
                                    templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                    outputDirectory: output)
        return (try? Build.run(options)) != nil ? output : nil
    }()

    func read(_ path: String) throws -> String {
        let output = try #require(Self.output)
        return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func articleHeadHasCanonicalDescriptionOpenGraphAndFeed() throws {
        let page = try read("tin/\(Self.seed)/index.html")
        let url = "https://sldtbxh.vinhlong.gov.vn/tin/\(Self.seed)/"
        for part in ["<html lang=\"vi\">", "<link rel=\"canonical\" href=\"\(url)\">", "<meta name=\"description\" content=\"Đảng ủy Sở",
                     "<meta property=\"og:type\" content=\"article\">", "<meta property=\"og:title\" content=\"Kế hoạch thực hiện",
                     "<meta property=\"og:description\" content=\"Đảng ủy Sở", "<meta property=\"og:url\" content=\"\(url)\">",
                     "<link rel=\"alternate\" type=\"application/rss+xml\"", "href=\"/feed.xml\"", "action=\"/tim-kiem/\"",
                     "widget-luu-tru"] {
            #expect(page.contains(part), "article page lacks \(part)")
        }
        let home = try read("index.html")
        #expect(home.contains("<meta property=\"og:type\" content=\"website\">"))
    }

    @Test func sampleOldURLsLeadToTheirArticles() throws {
        for path in ["tin-tuc/123.html", "index.php/option=com_content&view=article&id=123&Itemid=45/index.html"] {
            #expect(try read(path).contains("<link rel=\"canonical\" href=\"https://sldtbxh.vinhlong.gov.vn/tin/\(Self.seed)/\">"))
        }
        #expect(try read("gioi-thieu.html").contains("url=/gioi-thieu/"))
        #expect(try read("nginx-redirects.conf").contains("location = \"/index.php\" {"))
    }

    /// An empty alt only where the caption right under the picture says it all: an alt repeating the caption
    /// is read twice by a screen reader (axe-core: image-redundant-alt).
    @Test func everyImageHasAnAlternativeTextOrACaption() throws {
        let output = try #require(Self.output)
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        var images = 0, captioned = 0
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "html" else { continue }
            let html = try String(contentsOf: url, encoding: .utf8)
            for tag in html.components(separatedBy: "<img ").dropFirst() {
                images += 1
                let attributes = tag.prefix { $0 != ">" }
                #expect(attributes.contains(" alt=\""), "\(url.path): <img \(attributes)>")
                if attributes.contains(" alt=\"\"") {
                    captioned += 1
                    // A `<picture>` closes between the image and its caption.
                    var after = tag.drop { $0 != ">" }.prefix(60)
                    if after.hasPrefix("></picture>") { after = after.dropFirst("></picture".count) }
                    if after.hasPrefix("></a>") { after = after.dropFirst("></a".count) }
                    // An album's cover: the album's title beside it, in the same link.
                    let titled = after.hasPrefix("><span class=\"album-card-title\">")
                    // A sidebar photo linking to its album: the link says what it shows (screen readers), the
                    // caption below shows it (eyes).
                    let linkText = after.hasPrefix("><span class=\"visually-hidden\">") && !after.hasPrefix("><span class=\"visually-hidden\"> (")
                    #expect(titled || linkText || after.hasPrefix(">\n<figcaption") && !after.hasPrefix(">\n<figcaption></")
                            && !after.hasPrefix(">\n<figcaption aria-hidden=\"true\"></"),
                            "\(url.path): <img \(attributes)> has neither alt nor caption")
                }
            }
        }
        #expect(images > 10)
        #expect(captioned > 0, "the sidebar's captioned photos")
    }

    @Test func feedsAndSitemapParse() throws {
        let feed = try #require(XMLTree.parse(try read("feed.xml")))
        #expect(feed.first("channel")?.all("item").count == 20)
        let sitemap = try #require(XMLTree.parse(try read("sitemap.xml")))
        #expect(sitemap.all("url").contains { $0.value("loc") == "https://sldtbxh.vinhlong.gov.vn/tin/\(Self.seed)/" })
    }

    @Test func markdownImagesWithoutDescriptionTakeTheirTitleOrTheArticleTitle() {
        let html = #"<p><img src="/a.svg" alt="" title="Hội nghị" /> <img src="/b.svg" alt="" /> <img src="/c.svg" alt="Có" /></p>"#
        #expect(ImageAlt.fill(html, fallback: #"Tin "A" & B"#)
                == #"<p><img src="/a.svg" alt="Hội nghị" title="Hội nghị" /> <img src="/b.svg" alt="Tin &quot;A&quot; &amp; B" /> <img src="/c.svg" alt="Có" /></p>"#)
    }
}
