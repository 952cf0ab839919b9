import Foundation
import Testing
@testable import BanTinKit

@Suite struct CounterPagesTests {
    let pages = CounterFixtures.pages
    let article = "/tin/\(CounterFixtures.seedSlug)/"

    @Test(arguments: [
        "/tin/hoi-nghi-can-bo/",
        "/tin/hoi-nghi-can-bo/in.html",                   // print view
        "/tin/hoi-nghi-can-bo/in/",                       // print view where it was before November 2026
        "/tin/hoi-nghi-can-bo/index.html",
        "/tin/hoi-nghi-can-bo",                            // without the slash
        "/tin/hoi-nghi-can-bo/?utm_source=zalo#binh-luan", // query and fragment
        "//tin//hoi-nghi-can-bo/",
        "/tin/hoi%2Dnghi%2Dcan%2Dbo/",                     // percent-encoded
        "https://example.gov.vn/tin/hoi-nghi-can-bo/",     // absolute form
        "/tin-tuc/12.html",                                // aliases
        "/index.php?option=com_content&id=12",
        "/tin/cu/",
    ])
    func everyWayToAnArticleCountsForIt(_ target: String) {
        #expect(pages.resolve(target) == .page(article))
    }

    @Test(arguments: [
        ("/tin/x/in.html", "/tin/x/in.html"), ("/tin-tuc/12.html", "/tin-tuc/12.html"), ("/.hidden", "/.hidden"),
        ("/tin/x/index.html", "/tin/x/"), ("/tin/x/index.htm", "/tin/x/"), ("/a.b/c", "/a.b/c/"), ("/tin/x", "/tin/x/"),
        ("/", "/"), ("/tin//x/in.html", "/tin/x/in.html"), ("/tin/%C4%91/in.html", "/tin/đ/in.html"),
    ])
    func pathsAreNormalisedTheSameWhetherPlainOrNot(_ target: String, _ expected: String) {
        #expect(CounterPages.normalise(target).path == expected)
    }

    @Test func listingsPagesAndHome() {
        #expect(pages.resolve("/") == .page("/"))
        #expect(pages.resolve("/index.html") == .page("/"))
        #expect(pages.resolve("/?fbclid=1") == .page("/"))
        #expect(pages.resolve("/chuyen-muc/lao-dong-viec-lam/") == .page("/chuyen-muc/lao-dong-viec-lam/"))
        #expect(pages.resolve("/chuyen-muc/lao-dong-viec-lam/trang/3/") == .page("/chuyen-muc/lao-dong-viec-lam/"))
        #expect(pages.resolve("/the/hoi-nghi/") == .page("/the/hoi-nghi/"))
        #expect(pages.resolve("/gioi-thieu/") == .page("/gioi-thieu/"))
    }

    @Test func assetsAndOtherURLsAreNotPages() {
        #expect(pages.resolve("/assets/style.css") == .asset)
        #expect(pages.resolve("/images/a.svg") == .asset)
        #expect(pages.resolve("/favicon.ico") == .asset)
        #expect(pages.resolve("/files/quyet-dinh.PDF") == .asset)
        #expect(pages.resolve("/feed.xml") == .other)
        #expect(pages.resolve("/robots.txt") == .other)
        #expect(pages.resolve("/tin/khong-co/") == .other)
        #expect(pages.resolve("/index.php?option=com_content&id=13") == .other)
        #expect(pages.resolve("/chuyen-muc/khong-co/trang/2/") == .other)
        #expect(pages.resolve("/404.html") == .other)
    }

    @Test func aSiteUnderASubFolderCountsItsOwnURLs() throws {
        let yaml = Fixtures.siteYAML.replacingOccurrences(of: "https://example.gov.vn/", with: "https://example.gov.vn/sldtbxh/")
        let (site, _, _) = try Fixtures.model(
            siteFile: SourceFile(path: "content/site.yml", text: yaml),
            articleFiles: [Fixtures.article("a", title: "Tin A", extra: "aliases: [\"/tin-tuc/1.html\"]")], pageFiles: [],
            options: Fixtures.options)
        let pages = CounterPages(PageTable(site: site))
        #expect(pages.resolve("/sldtbxh/tin/tin-a/in.html") == .page("/sldtbxh/tin/tin-a/"))
        #expect(pages.resolve("/sldtbxh/tin-tuc/1.html") == .page("/sldtbxh/tin/tin-a/"))
        #expect(pages.resolve("/tin-tuc/1.html") == .page("/sldtbxh/tin/tin-a/"))
        #expect(pages.resolve("/tin/tin-a/") == .other)
    }
}
