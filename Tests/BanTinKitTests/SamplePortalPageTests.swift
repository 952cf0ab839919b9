import Foundation
import Testing
@testable import BanTinKit

/// The sample portal's pages (built once by `SamplePortalTests`): sharing and search engines, browsing
/// by time and topic, the 404 page, the footer, the phone layout's hooks and the accessibility fixes that
/// live in the HTML. (axe-core itself runs in a browser: `make a11y`.)
@Suite(.serialized) struct SamplePortalPageTests {
    static let seed = EndToEndTests.seedSlug
    static let origin = "https://sldtbxh.vinhlong.gov.vn"

    func read(_ path: String) throws -> String {
        let output = try #require(SamplePortalTests.output)
        return try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func exists(_ path: String) throws -> Bool {
        let output = try #require(SamplePortalTests.output)
        return FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path)
    }

    /// Every HTML page the build wrote, by path.
    func pages() throws -> [String: String] {
        let output = try #require(SamplePortalTests.output)
        var pages: [String: String] = [:]
        let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "html" else { continue }
            pages[String(url.path.dropFirst(output.path.count + 1))] = try String(contentsOf: url, encoding: .utf8)
        }
        return pages
    }

    /// The `content` of `<meta name|property="key" content="…">`, each one in page order.
    static func meta(_ key: String, in html: String) -> [String] {
        html.components(separatedBy: "\n").compactMap { line -> String? in
            guard line.hasPrefix("<meta "), line.contains("=\"\(key)\" content=\"") else { return nil }
            return line.components(separatedBy: "content=\"").last.map { String($0.dropLast("\">".count)) }
        }
    }

    // MARK: the photo widget

    /// "Xem tất cả album" leads to the album list when there are albums, and is not there without any: it used
    /// to be a link to nowhere (`href=""`) on every page of such a site.
    @Test func thePhotoWidgetLinksToTheAlbumListOnlyWhenThereAreAlbums() throws {
        let portal = try read("tin/\(Self.seed)/index.html")
        #expect(portal.contains("<p class=\"more\"><a href=\"/album/\">Xem tất cả album"))

        let sources = try TemplateLoader(templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"))
            .templateSources()
        let files = try Fixtures.build([Fixtures.article("a", title: "Tin một")], templates: sources)
        let page = try #require(files["tin/tin-mot/index.html"])
        #expect(page.contains("<h2 class=\"widget-title\" id=\"widget-hinh-hoat-dong\">Hình hoạt động</h2>\n<p class=\"widget-empty\">Chưa có hình ảnh.</p>\n</section>"))
        #expect(!page.contains("Xem tất cả album"))
        #expect(!page.contains("href=\"\""))
    }

    // MARK: sharing and search engines

    @Test func anArticleWithADrawingIsSharedWithTheSiteImageAndItsSize() throws {
        let photo = try read("tin/phien-giao-dich-viec-lam-truc-tuyen-ket-noi-lao-dong-sau-dich-covid-19/index.html")
        // A photo is shared as its 1200 px JPEG, with its size.
        #expect(Self.meta("og:image", in: photo).first?.hasPrefix("\(Self.origin)/images/picosdeeuropa_by_Aitzol_Berasategi.1200.") == true)
        #expect(Self.meta("og:image:width", in: photo) == ["1200"])
        #expect(Self.meta("og:image:height", in: photo) == ["900"])
        #expect(Self.meta("og:image:type", in: photo) == ["image/jpeg"])
        let drawing = try read("tin/hoi-nghi-can-bo-cong-chuc-vien-chuc-va-nguoi-lao-dong-nam-2018/index.html")
        #expect(Self.meta("og:image", in: drawing) == ["\(Self.origin)/anh-chia-se.png"], "an SVG is no og:image")
        #expect(Self.meta("og:image:width", in: drawing) == ["1200"])
        #expect(Self.meta("og:image:height", in: drawing) == ["630"])
        #expect(Self.meta("og:image:type", in: drawing) == ["image/png"])
        let page = photo
        #expect(Self.meta("og:locale", in: page) == ["vi_VN"])
        #expect(Self.meta("twitter:card", in: page) == ["summary_large_image"])
        #expect(Self.meta("article:published_time", in: page) == ["2021-10-12T09:00:00+07:00"])
        #expect(Self.meta("article:section", in: page) == ["Lao động - Việc làm"])
        #expect(Self.meta("article:tag", in: page) == ["việc làm", "sàn giao dịch việc làm", "Covid-19"])
        // Every other page is shared with the same picture.
        #expect(Self.meta("og:image", in: try read("index.html")) == ["\(Self.origin)/anh-chia-se.png"])
    }

    @Test func aRasterPhotoIsTheArticlesOwnShareImage() throws {
        let articles = [
            Fixtures.article("anh", title: "Có ảnh chụp", extra: "image: /images/hoi-nghi.JPG\nimage_alt: \"Hội nghị\""),
            Fixtures.article("hinh-ve", title: "Có hình vẽ", extra: "image: /images/hoi-nghi.svg"),
        ]
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: articles, pageFiles: [], options: Fixtures.options)
        var drawn = ImageCatalog.empty
        drawn.siteImages = [.shareImage: Data([0x89])]  // the images stage drew the site's share picture
        let contexts = PageContexts(site: site, routes: Routes(baseURL: site.config.baseURL), dates: Fixtures.dates, images: drawn)
        let photo = try #require(contexts.article(site.articleIndex["co-anh-chup"]!, related: []).shareImage)
        #expect(photo.url == "https://example.gov.vn/images/hoi-nghi.JPG")
        #expect(photo.alt == "Hội nghị")
        #expect(photo.width == nil, "its size is not known")
        #expect(contexts.article(site.articleIndex["co-hinh-ve"]!, related: []).shareImage == nil,
                "a drawing leaves the site's default in place")
        #expect(contexts.siteValues.shareImage?.url == "https://example.gov.vn/anh-chia-se.png")
        #expect(PageContexts.isRaster("/images/a.webp?v=2") && !PageContexts.isRaster("/images/a.svg")
                && !PageContexts.isRaster("/images.jpg/a"))
    }

    @Test func articleStructuredDataIsValidJSONNamingArticlePublisherAndTrail() throws {
        let page = try read("tin/\(Self.seed)/index.html")
        let start = try #require(page.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        let graph = try #require(json?["@graph"] as? [[String: Any]])
        #expect(json?["@context"] as? String == "https://schema.org")
        let article = try #require(graph.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["headline"] as? String
                == "Kế hoạch thực hiện công tác dân vận và phát động phong trào thi đua \"Dân vận khéo\" năm 2018")
        #expect(article["datePublished"] as? String == "2018-03-15T00:00:00+07:00")
        #expect(article["dateModified"] as? String == "2018-03-15T00:00:00+07:00")
        #expect(article["articleSection"] as? String == "Các vấn đề chung")
        #expect(article["mainEntityOfPage"] as? String == "\(Self.origin)/tin/\(Self.seed)/")
        #expect(article["image"] as? [String] == ["\(Self.origin)/anh-chia-se.png"])
        #expect((article["author"] as? [String: Any])?["name"] as? String == "H. Nhi")
        let publisher = try #require(article["publisher"] as? [String: Any])
        #expect(publisher["name"] as? String == "Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Long")
        #expect((publisher["logo"] as? [String: Any])?["url"] as? String == "\(Self.origin)/apple-touch-icon.png")
        #expect(publisher["telephone"] as? String == "0270 3822 150")
        let trail = try #require(graph.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]])
        #expect(trail.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(trail.map { $0["item"] as? String } == ["\(Self.origin)/", "\(Self.origin)/chuyen-muc/cac-van-de-chung/",
                                                        "\(Self.origin)/tin/\(Self.seed)/"])
    }

    @Test func structuredDataCannotCloseItsScriptWhateverTheTitle() throws {
        let hostile = "Tin </script><script>alert(1)</script> & \"trích dẫn\"\n"
        let facts = StructuredData.ArticleFacts(url: "https://x.vn/tin/a/", headline: hostile, description: "", published: "2026-11-25T08:00:00+07:00",
                                                language: "vi", section: nil, keywords: [hostile], image: "https://x.vn/a.png",
                                                author: nil, trail: [])
        let text = StructuredData.article(facts, publisher: .init(name: "Sở", url: "https://x.vn/", logo: "https://x.vn/l.png",
                                                                  logoSize: 180, contact: nil))
        #expect(!text.contains("<"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let article = try #require((json?["@graph"] as? [[String: Any]])?.first)
        #expect(article["headline"] as? String == hostile)
        #expect((article["author"] as? [String: Any])?["name"] as? String == "Sở", "no author: the department")
    }

    @Test func articlesCarryDublinCoreAndEveryPageTheIcons() throws {
        let page = try read("tin/\(Self.seed)/index.html")
        #expect(page.contains("<link rel=\"schema.DC\" href=\"http://purl.org/dc/elements/1.1/\">"))
        #expect(Self.meta("DC.title", in: page).first?.hasPrefix("Kế hoạch thực hiện công tác dân vận") == true)
        #expect(Self.meta("DC.creator", in: page) == ["H. Nhi"])
        #expect(Self.meta("DC.date", in: page) == ["2018-03-15T00:00:00+07:00"])
        #expect(Self.meta("DC.description", in: page).first?.hasPrefix("Đảng ủy Sở") == true)
        #expect(Self.meta("DC.publisher", in: page) == ["Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Long"])
        #expect(Self.meta("DC.identifier", in: page) == ["\(Self.origin)/tin/\(Self.seed)/"])
        #expect(Self.meta("DC.language", in: page) == ["vi"])
        // Without an author the department is the creator.
        let unsigned = try read("tin/giao-chi-tieu-giai-quyet-viec-lam-va-dua-nguoi-lao-dong-di-lam-viec-o-nuoc-ngoai-nam-2019/index.html")
        #expect(Self.meta("DC.creator", in: unsigned) == ["Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Long"])
        for (path, html) in try pages() where html.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">") && !path.contains("index.php")
            && !html.contains("http-equiv=\"refresh\"") {
            #expect(html.contains("<link rel=\"icon\" href=\"/favicon.ico\" sizes=\"32x32\">"), "\(path)")
            #expect(html.contains("<link rel=\"apple-touch-icon\" href=\"/apple-touch-icon.png\">"), "\(path)")
        }
        // The raster files are entries of the page table, so no old URL can take their address.
        let table = PageTable(site: Site(config: SiteConfig(title: "S", baseURL: URL(string: "https://x.vn/")!), categories: [], articles: []))
        #expect(Set(table.entries.compactMap { $0.kind == .siteImage(.favicon) || $0.kind == .siteImage(.appleTouchIcon)
            || $0.kind == .siteImage(.shareImage) ? $0.outputPath : nil }) == ["favicon.ico", "apple-touch-icon.png", "anh-chia-se.png"])
    }

    @Test func listingPagesEachHaveTheirOwnDescription() throws {
        var owners: [String: String] = [:]
        let siteDescription = Self.meta("description", in: try read("index.html")).first
        var listings = 0
        for (path, html) in try pages().sorted(by: { $0.key < $1.key })
        where ["chuyen-muc/", "the/", "luu-tru/"].contains(where: path.hasPrefix) {
            listings += 1
            let description = try #require(Self.meta("description", in: html).first, "\(path)")
            #expect(description != siteDescription, "\(path) repeats the site's description")
            #expect(owners[description] == nil, "\(path) has the description of \(owners[description] ?? "")")
            owners[description] = path
            #expect(Self.meta("og:description", in: html) == [description] && Self.meta("DC.description", in: html) == [description])
        }
        #expect(listings > 60)
        #expect(Self.meta("description", in: try read("chuyen-muc/cac-van-de-chung/trang/2/index.html"))
                == ["Tin tức, văn bản chuyên mục Các vấn đề chung của Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Long - trang 2/2."])
    }

    // MARK: browsing by time and topic

    @Test func yearPagesListTheirMonthsAndArticlesAndTheSidebarLinksThem() throws {
        let year = try read("luu-tru/2018/index.html")
        #expect(year.contains("<title>Lưu trữ năm 2018 - Sở Lao động"))
        #expect(year.contains("<h1 class=\"listing-title\">Lưu trữ năm 2018</h1>"))
        for month in ["01", "02", "03", "04", "06", "07", "12"] {
            #expect(year.contains("<a href=\"/luu-tru/2018/\(month)/\">Tháng \(month)/2018</a>"), "month \(month)")
        }
        // 10 articles, 5 a page: the newest (December) first, the year's second page after.
        #expect(year.components(separatedBy: "<article class=\"item").count - 1 == 5)
        #expect(year.contains("<link rel=\"next\" href=\"/luu-tru/2018/trang/2/\">"))
        #expect(try read("luu-tru/2018/trang/2/index.html").components(separatedBy: "<article class=\"item").count - 1 == 5)
        let home = try read("index.html")
        #expect(home.contains("<li><a href=\"/luu-tru/2018/\">Năm 2018</a> <span class=\"archive-count\">(10)</span></li>"))
        let sitemap = try read("sitemap.xml")
        for url in ["/luu-tru/", "/luu-tru/2018/", "/luu-tru/2018/trang/2/", "/the/"] {
            #expect(sitemap.contains("<loc>\(Self.origin)\(url)</loc>"), "sitemap lacks \(url)")
        }
    }

    @Test func theArchiveIndexListsEveryYearAndMonthAndTheBreadcrumbsLeadToIt() throws {
        let index = try read("luu-tru/index.html")
        #expect(index.contains("<title>Lưu trữ - Sở Lao động"))
        for year in 2017...2026 {
            #expect(index.contains("<a href=\"/luu-tru/\(year)/\">Năm \(year)</a>"), "year \(year)")
        }
        #expect(index.contains("<a href=\"/luu-tru/2018/02/\">Tháng 02/2018 <span class=\"archive-count\">(2)</span></a>"))
        let month = try read("luu-tru/2018/03/index.html")
        #expect(month.contains("<li><a href=\"/luu-tru/\">Lưu trữ</a></li>\n<li><a href=\"/luu-tru/2018/\">Năm 2018</a></li>"))
        #expect(try read("luu-tru/2018/index.html").contains("<li><a href=\"/luu-tru/\">Lưu trữ</a></li>\n</ol>"))
        #expect(try read("index.html").contains("<a href=\"/luu-tru/\">"), "the sidebar links the whole archive")
    }

    @Test func theTagIndexListsEveryTagAndTagPagesAreTitledAsEditorsWroteThem() throws {
        let index = try read("the/index.html")
        #expect(index.contains("<title>Danh sách thẻ - Sở Lao động"))
        let output = try #require(SamplePortalTests.output)
        let tagFolders = try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("the").path)
            .filter { $0 != "index.html" }
        #expect(tagFolders.count > 30)
        for slug in tagFolders {
            #expect(index.contains("<a href=\"/the/\(slug)/\" rel=\"tag\">"), "the index lacks \(slug)")
        }
        #expect(index.contains("<a href=\"/the/dang-uy/\" rel=\"tag\">Đảng ủy <span class=\"tag-count\">(7)</span></a>"))
        let tag = try read("the/dang-uy/index.html")
        #expect(tag.contains("<title>Thẻ: Đảng ủy - Sở Lao động"))
        #expect(tag.contains("<h1 class=\"listing-title\">Thẻ: Đảng ủy</h1>"))
        #expect(tag.contains("<li><a href=\"/the/\">Thẻ</a></li>"), "the breadcrumb leads to the index")
        #expect(tag.contains("<meta property=\"og:title\" content=\"Thẻ: Đảng ủy\">"))
    }

    @Test func aTagIsNamedAsMostOfItsArticlesSpellIt() throws {
        func tagName(_ spellings: [String]) throws -> String? {
            let articles = spellings.enumerated().map { index, spelling in
                // Newest first: the first spelling is the newest article's.
                Fixtures.article("a\(index)", title: "Tin \(index)", date: "2026-11-\(20 - index)", extra: "tags: [\"\(spelling)\"]")
            }
            let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: articles, pageFiles: [], options: Fixtures.options)
            return site.tags.first?.name
        }
        #expect(try tagName(["đảng ủy", "Đảng ủy", "Đảng ủy"]) == "Đảng ủy", "the most used spelling, not the newest")
        #expect(try tagName(["Đảng ủy", "đảng ủy"]) == "Đảng ủy", "a tie: the newest article's")
        #expect(try tagName(["đảng ủy", "Đảng ủy"]) == "đảng ủy")
    }

    // MARK: the 404 page, the footer, the phone layout

    @Test func notFoundPageHasItsTitleAndNoCanonicalAddress() throws {
        let page = try read("404.html")
        #expect(page.contains("<title>Không tìm thấy trang - Sở Lao động - Thương binh và Xã hội tỉnh Vĩnh Long</title>"))
        #expect(!page.contains("rel=\"canonical\""))
        #expect(!page.contains("og:url") && !page.contains("DC.identifier"))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
    }

    @Test func footerTelephoneAndEmailAreLinks() throws {
        for path in ["index.html", "tin/\(Self.seed)/index.html", "404.html"] {
            let page = try read(path)
            #expect(page.contains("Điện thoại: <a href=\"tel:02703822150\">0270 3822 150</a>"), "\(path)")
            #expect(page.contains("Email: <a href=\"mailto:sldtbxh@vinhlong.gov.vn\">sldtbxh@vinhlong.gov.vn</a>"), "\(path)")
            #expect(page.contains("<p>Địa chỉ: Số 61, đường 2 Tháng 9"), "\(path)")
        }
        let contact = try read("lien-he/index.html")
        #expect(contact.contains("<a href=\"tel:02703822150\">0270 3822 150</a>"))
        #expect(contact.contains("<a href=\"mailto:sldtbxh@vinhlong.gov.vn\">sldtbxh@vinhlong.gov.vn</a>"))
    }

    @Test func contactSettingsAreCheckedWithTheirLines() {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + """

            contact:
              phone: "không có"
              email: "sldtbxh at vinhlong.gov.vn"
              fax: "0270 3823 046"
            """)
        let (config, diagnostics) = SiteConfig.parse(site)
        #expect(diagnostics.map(\.description).contains { $0.hasPrefix("content/site.yml:10: error:") && $0.contains("\"phone\" has no digits") }, "\(diagnostics)")
        #expect(diagnostics.map(\.description).contains { $0.hasPrefix("content/site.yml:11: error:") && $0.contains("is not an e-mail address") })
        #expect(config?.contact?.fax == "0270 3823 046")
        #expect(SiteConfig.Contact(phone: "+84 270 3822.150").phoneLink == "tel:+842703822150")
    }

    @Test func theIconsAndTheDefaultSharePictureAreWrittenFromTheLogo() throws {
        let output = try #require(SamplePortalTests.output)
        for (path, prefix) in [("favicon.ico", [UInt8]([0, 0, 1, 0, 3, 0])),
                               ("apple-touch-icon.png", [0x89, 0x50, 0x4E, 0x47]), ("anh-chia-se.png", [0x89, 0x50, 0x4E, 0x47])] {
            let bytes = try [UInt8](Data(contentsOf: output.appendingPathComponent(path)))
            #expect(Array(bytes.prefix(prefix.count)) == prefix, "\(path)")
        }
        let home = try read("index.html")
        #expect(home.contains("/favicon.ico") && home.contains("/apple-touch-icon.png") && home.contains("/anh-chia-se.png"))
    }

    @Test func theHomePageIsMarkedForItsPhoneLayout() throws {
        // The stylesheet leaves the sidebar's "Tin mới đăng" out on the home page of a phone, where "Tin mới
        // nhất" already lists the same articles; other pages keep it.
        #expect(try read("index.html").contains("<body class=\"trang-chu\">"))
        #expect(try read("tin/\(Self.seed)/index.html").contains("<body>"))
        #expect(try read("assets/style.css").contains(".trang-chu .widget-latest {\n    display: none;"))
    }

    @Test func printViewToolbarIsInsideItsHeaderLandmark() throws {
        let print = try read("tin/\(Self.seed)/in.html")
        #expect(print.contains("<header class=\"print-header\">\n<div class=\"print-actions no-print\">"))
    }
}
