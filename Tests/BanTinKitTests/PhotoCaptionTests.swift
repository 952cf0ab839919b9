import Foundation
import Testing
@testable import BanTinKit

/// A body photo with a title, alone in its paragraph, is a figure with its caption under it, on the article's
/// page and its print view; a title inside a line of text stays a tooltip.
@Suite(.serialized) struct PhotoCaptionTests {
    @Test func aTitledPhotoAloneInItsParagraphHasAVisibleCaptionOnThePageAndInPrint() throws {
        let images = ImageBuildTests()
        let project = try images.project(body: "Mở đầu.\n\n![Quang cảnh hội nghị](/images/phone.jpg \"Ảnh: Quang cảnh hội nghị & lễ trao giải\")\n\nKết.")
        defer { project.remove() }
        try Build.run(project.options)
        let caption = "<figcaption>Ảnh: Quang cảnh hội nghị &amp; lễ trao giải</figcaption></figure>"
        let page = try images.read(project, "tin/tin-co-anh/index.html")
        #expect(page.contains("<figure class=\"body-figure\"><picture>"))
        #expect(page.contains(caption))
        #expect(!page.contains("<p><figure"), "a figure is no paragraph's child")
        #expect(!page.contains("title=\"Ảnh: Quang cảnh"), "the caption is not repeated as a tooltip")
        let printFolder = try FileManager.default.subpathsOfDirectory(atPath: project.output.path)
            .filter { $0.hasPrefix("tin/tin-co-anh/") && $0.hasSuffix(".html") && $0 != "tin/tin-co-anh/index.html" }
        let print = try #require(printFolder.first.map { try images.read(project, $0) })
        #expect(print.contains(caption))
    }

    @Test func aDrawingWithATitleHasItsCaptionToo() throws {
        let file = Fixtures.article("a", title: "Tin có hình vẽ", body: "![Sơ đồ quy trình](/images/so-do.svg \"Hình: Quy trình <một cửa>\")")
        let page = try #require(try Fixtures.build([file]).first { $0.key.hasPrefix("tin/") && $0.key.hasSuffix("/index.html") }?.value)
        #expect(page.contains("<figure class=\"body-figure\"><img src=\"/images/so-do.svg\" alt=\"Sơ đồ quy trình\" loading=\"lazy\" decoding=\"async\"><figcaption>Hình: Quy trình &lt;một cửa&gt;</figcaption></figure>"))
    }

    @Test func aTitleInsideALineStaysATooltip() throws {
        let images = ImageBuildTests()
        let project = try images.project(body: "Xem ảnh ![Ảnh](/images/phone.jpg \"Chú thích\") trong dòng.")
        defer { project.remove() }
        try Build.run(project.options)
        let page = try images.read(project, "tin/tin-co-anh/index.html")
        #expect(!page.contains("<figcaption>Chú thích"))
        #expect(page.contains("title=\"Chú thích\""))
    }
}
