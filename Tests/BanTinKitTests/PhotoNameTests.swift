import BanTinImages
import Foundation
import Testing
@testable import BanTinKit

/// Photo names as editors' computers write them: decomposed (NFD, macOS), with spaces and commas. Any spelling
/// of the name finds the file, and every address the pages give is percent-encoded and reaches a published file.
@Suite(.serialized) struct PhotoNameTests {
    typealias Project = TestProject
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")

    /// Every `src`, `srcset` entry and `og:image` address of a page.
    func addresses(_ html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"(?:src|srcset|content)="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).flatMap { match -> [String] in
            let value = String(html[Range(match.range(at: 1), in: html)!])
            return value.components(separatedBy: ", ").map { String($0.split(separator: " ").first ?? "") }
        }
        .map { $0.replacingOccurrences(of: "https://example.gov.vn", with: "") }
        .filter { $0.hasPrefix("/images/") }
    }

    @Test(arguments: ["Hội nghị tổng kết 2026", "Ảnh, đợt 1; họp", "Đón Tết 2026 (ảnh 1)"])
    func aPhotoSavedWithADecomposedNameIsFoundInAnySpellingAndItsAddressesWork(_ name: String) throws {
        let project = try Project(articles: 0, siteYAML: Fixtures.siteYAML + "\nimages:\n  widths: [40, 60]\n")
        defer { project.remove() }
        let images = project.content.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let decomposed = name.decomposedStringWithCanonicalMapping
        #expect(Array(decomposed.utf8) != Array(name.utf8))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("gradient-1000.jpg"),
                                         to: images.appendingPathComponent(decomposed + ".jpg"))
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("passthrough.gif"),
                                         to: images.appendingPathComponent(decomposed + ".gif"))
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)!
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: "image: \"/images/\(name).jpg\"\nimage_alt: \"Ảnh\"",
                                           body: "![Ảnh NFD](</images/\(decomposed).jpg>)\n\n![Ảnh mã hóa](/images/\(encoded).jpg)\n\n"
                                               + "![Ảnh động](</images/\(name).gif>)").text,
                          to: "content/articles/a.md")
        #expect(project.failure() == [])
        let page = try String(contentsOf: project.output.appendingPathComponent("tin/tin-co-anh/index.html"), encoding: .utf8)
        let urls = addresses(page)
        #expect(urls.count >= 5, "\(urls)")
        #expect(urls.contains { $0.hasSuffix(".gif") })
        for url in urls {
            // A raw comma would split a srcset entry: the file check below catches it.
            #expect(!url.contains(" "), "\(url)")
            let file = try #require(url.removingPercentEncoding)
            #expect(FileManager.default.fileExists(atPath: project.output.path + file), "\(url) is not published")
        }
        #expect(page.contains(#"<meta property="og:image" content="https://example.gov.vn/images/"#))
    }
}
