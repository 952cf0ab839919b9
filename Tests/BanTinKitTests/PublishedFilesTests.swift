import Foundation
import Testing
@testable import BanTinKit

/// What is published from content/images/ is decided by the files' bytes, not their names: a photo under any
/// name is published only through libvips (without its metadata), and photos nothing uses are not published.
@Suite(.serialized) struct PublishedFilesTests {
    typealias Project = TestProject
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")

    /// EXIF in a JPEG (APP1 "Exif\0\0") or a WebP ("EXIF" chunk), XMP anywhere.
    func carriesMetadata(_ data: Data) -> Bool {
        data.range(of: Data("Exif\0\0".utf8)) != nil || data.range(of: Data("EXIF".utf8)) != nil
            || data.range(of: Data("http://ns.adobe.com/xap/1.0/".utf8)) != nil
    }

    @Test func photosUnderAnyNameArePublishedOnlyThroughLibvipsAndOnlyWhenUsed() throws {
        let project = try Project(articles: 0, siteYAML: Fixtures.siteYAML + "\nimages:\n  widths: [40, 60]\n")
        defer { project.remove() }
        let images = project.content.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let gps = try Data(contentsOf: Self.fixtures.appendingPathComponent("orientation-6-gps.jpg"))
        #expect(carriesMetadata(gps))
        for name in ["gps.jfif", "gps.jpe", "gps", "gps.jpg.bak", "gps.png~", "jpeg-named.gif", "chua-dung.jpg", "chua-dung.JFIF"] {
            try gps.write(to: images.appendingPathComponent(name))
        }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("passthrough.gif"), to: images.appendingPathComponent("dong.gif"))
        try Data("%PDF-1.4\n% tài liệu\n".utf8).write(to: images.appendingPathComponent("quyet-dinh.pdf"))
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: "image: /images/jpeg-named.gif\nimage_alt: \"Ảnh\"",
                                           body: "![Ảnh](/images/gps.jfif)\n\n![Ảnh](/images/gps.jpe)\n\n![Động](/images/dong.gif)\n\n"
                                               + "[Quyết định](/images/quyet-dinh.pdf)").text,
                          to: "content/articles/a.md")
        let report = try Build.run(project.options)
        let published = try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("images").path)
        // Nothing published as it was, but the GIF and the PDF; no photo's name, but resized copies.
        for name in ["gps.jfif", "gps.jpe", "gps", "gps.jpg.bak", "gps.png~", "jpeg-named.gif", "chua-dung.jpg", "chua-dung.JFIF"] {
            #expect(!published.contains(name), "\(name) was published as it is")
        }
        #expect(published.contains("dong.gif") && published.contains("quyet-dinh.pdf"))
        // The GIF is libvips' copy (the fixture has no metadata to lose; CleanGIFTests has one that does).
        let gif = try Data(contentsOf: project.output.appendingPathComponent("images/dong.gif"))
        #expect(gif.starts(with: Data("GIF8".utf8)))
        #expect(published.contains { $0.hasPrefix("jpeg-named.") && $0.hasSuffix(".jpg") })
        #expect(published.contains { $0.hasPrefix("gps.") && $0.hasSuffix(".webp") })
        #expect(!published.contains { $0.hasPrefix("chua-dung") }, "unused photos are not published")
        for name in published {
            let data = try Data(contentsOf: project.output.appendingPathComponent("images/" + name))
            #expect(!carriesMetadata(data), "\(name) carries metadata")
            #expect(data != gps)
        }
        let page = try String(contentsOf: project.output.appendingPathComponent("tin/tin-co-anh/index.html"), encoding: .utf8)
        #expect(page.contains(#"<meta property="og:image" content="https://example.gov.vn/images/jpeg-named."#))
        #expect(!page.contains(#"content="https://example.gov.vn/images/jpeg-named.gif""#))
        // The photos under names that say nothing are warned about, once each.
        let misnamed = report.warnings.filter { $0.message.contains("name does not end in .jpg") }.map(\.file).sorted()
        #expect(misnamed == ["content/images/gps", "content/images/gps.jpg.bak", "content/images/gps.png~"])
        #expect(report.warnings.contains { $0.file == "content/images/chua-dung.JFIF" && $0.message.contains("not used") })
    }
}
