import BanTinImages
import Foundation
import Testing
@testable import BanTinKit

/// Issue #13, phase 2: photos in the build. Small fixtures (Tests/BanTinImagesTests/Fixtures) and small widths,
/// so each build encodes in milliseconds.
@Suite(.serialized) struct ImageBuildTests {
    typealias Project = TestProject
    static let fixtures = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")
    static let siteYAML = Fixtures.siteYAML + "\nimages:\n  widths: [40, 60]\n"

    func project(photo fixture: String = "orientation-6-gps.jpg", as name: String = "phone.jpg",
                 extra: String = "image: /images/phone.jpg\nimage_alt: \"Ảnh chụp\"",
                 body: String = "Mở đầu.\n\n![Ảnh trong bài](/images/phone.jpg)\n\nKết.") throws -> Project {
        let project = try Project(articles: 0, siteYAML: Self.siteYAML)
        try FileManager.default.createDirectory(at: project.content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(fixture),
                                         to: project.content.appendingPathComponent("images/\(name)"))
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: extra, body: body).text, to: "content/articles/a.md")
        return project
    }

    func read(_ project: Project, _ path: String) throws -> String {
        try String(contentsOf: project.output.appendingPathComponent(path), encoding: .utf8)
    }

    /// "url 40w, url 60w" → [(url, 40), (url, 60)], from every srcset of a page.
    func srcsetEntries(_ html: String) -> [(url: String, width: Int)] {
        let pattern = try! NSRegularExpression(pattern: #"srcset="([^"]*)""#)
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).flatMap { match in
            String(html[Range(match.range(at: 1), in: html)!]).components(separatedBy: ", ").map { entry in
                let parts = entry.split(separator: " ")
                return (String(parts[0]), Int(parts[1].dropLast())!)
            }
        }
    }

    @Test func aPhonePhotoIsPublishedAsOrientedResizedFilesListedInSrcsetWithoutItsMetadata() throws {
        let project = try project()
        defer { project.remove() }
        try Build.run(project.options)
        let page = try read(project, "tin/tin-co-anh/index.html")
        let entries = srcsetEntries(page)
        #expect(Set(entries.map(\.width)) == [40, 60])
        for entry in entries {
            let file = project.output.appendingPathComponent(String(entry.url.dropFirst()))
            let info = try ImageInfo.read(SourceImage(path: entry.url, file: file)).get()
            // Stored 120×80 with orientation 6: shown (and published) 80 wide, 120 high.
            #expect(info.width == entry.width && info.height == entry.width * 3 / 2, "\(entry.url)")
        }
        #expect(page.contains(#"<source type="image/webp" srcset="/images/phone.40."#))
        #expect(page.contains(#"width="80" height="120" alt="Ảnh chụp" fetchpriority="high""#))
        #expect(page.contains(#"alt="Ảnh trong bài" loading="lazy""#))
        #expect(page.contains(#"<meta property="og:image" content="https://example.gov.vn/images/phone.80."#))
        let published = try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("images").path)
        #expect(!published.contains("phone.jpg"), "the original is not published")
        #expect(published.count == 3, "\(published)")  // WebP at 40 and 60 px, one JPEG (80 px: fallback and og:image)
        for name in published {
            let bytes = try Data(contentsOf: project.output.appendingPathComponent("images/" + name))
            for marker in ["Exif", "EXIF", "GPS", "XMP", "http://ns.adobe.com"] {
                #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(name) holds \(marker)")
            }
        }
        let home = try read(project, "index.html")
        #expect(home.contains(#"fetchpriority="high""#), "the home page's first picture is not lazy")
    }

    @Test func aSecondBuildWithTheSamePhotosEncodesAndWritesNothing() throws {
        let project = try project()
        defer { project.remove() }
        let first = try Build.run(project.options)
        #expect(first.imagesEncoded > 0)
        let second = try Build.run(project.options)
        #expect(second.imagesEncoded == 0)
        #expect(second.filesWritten == 0)
        // A new output folder: the files come from the cache, still without encoding.
        var elsewhere = project.options
        elsewhere.outputDirectory = project.folder.appendingPathComponent("public2")
        let third = try Build.run(elsewhere)
        #expect(third.imagesEncoded == 0)
        #expect(FileManager.default.fileExists(atPath: elsewhere.outputDirectory.appendingPathComponent("images").path))
    }

    func failure(_ project: Project) throws -> [String] {
        let before = try? read(project, "tin/tin-co-anh/index.html")
        let errors = project.failure()
        let after = try? read(project, "tin/tin-co-anh/index.html")
        #expect(after == before, "the previous output is left as it was")
        return errors
    }

    @Test(arguments: [
        ("truncated.jpg", "x.jpg", "damaged"),
        ("not-an-image.jpg", "x.jpg", "not a picture"),
        ("bomb.png", "x.png", "pixels"),
    ])
    func aBadPhotoIsAnErrorAtTheLinesThatUseIt(fixture: String, name: String, words: String) throws {
        let project = try project(photo: fixture, as: name, extra: "image: /images/\(name)",
                                  body: "Mở đầu.\n\n![Ảnh](/images/\(name))")
        defer { project.remove() }
        let errors = try failure(project)
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.first?.hasPrefix("content/articles/a.md:5: error: image \"/images/\(name)\" (content/images/\(name)): ") == true, "\(errors)")
        #expect(errors.last?.hasPrefix("content/articles/a.md:9: error: image \"/images/\(name)\" (content/images/\(name)): ") == true, "\(errors)")
        #expect(errors.allSatisfy { $0.lowercased().contains(words) }, "\(errors)")
    }

    @Test func aMissingPhotoAndOneOutsideContentAreErrorsAndThePreviousSiteStays() throws {
        let project = try project()
        defer { project.remove() }
        try Build.run(project.options)
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: "image: /images/khong-co.jpg",
                                           body: "Mở đầu.\n\n![Bí mật](../../secret.jpg)").text, to: "content/articles/a.md")
        let errors = try failure(project)
        #expect(errors.contains { $0.hasPrefix("content/articles/a.md:5: error: image \"/images/khong-co.jpg\" (content/images/khong-co.jpg): the image file does not exist") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/articles/a.md:9: error: image \"../../secret.jpg\" leads out of content/") }, "\(errors)")
    }

    @Test(arguments: ["cmyk.jpg", "rgb16.png"])
    func cmykAndSixteenBitPhotosArePublished(fixture: String) throws {
        let name = "x." + (fixture as NSString).pathExtension
        let project = try project(photo: fixture, as: name, extra: "image: /images/\(name)", body: "Nội dung.")
        defer { project.remove() }
        try Build.run(project.options)
        let entries = srcsetEntries(try read(project, "tin/tin-co-anh/index.html"))
        #expect(!entries.isEmpty)
        for entry in entries {
            #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent(String(entry.url.dropFirst())).path))
        }
    }

    @Test func aSiteYAMLPhotoErrorNamesItsLineAndAnUnusedPhotoIsAWarning() throws {
        let project = try project()
        defer { project.remove() }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("gradient-1000.jpg"),
                                         to: project.content.appendingPathComponent("images/unused.jpg"))
        let report = try Build.run(project.options)
        #expect(report.warnings.map(\.description).contains { $0.hasPrefix("content/images/unused.jpg:1: warning: photo not used") })
        try project.write(Self.siteYAML + "photos:\n  - image: /images/not-there.jpg\n    caption: \"Ảnh\"\n",
                          to: "content/site.yml")
        let errors = project.failure()
        #expect(errors.contains { $0.hasPrefix("content/site.yml:12: error: image \"/images/not-there.jpg\"") }, "\(errors)")
    }
}

extension ImageBuildTests {
    @Test func srcsetListsWebPFilesThatExistAndTheImgFallsBackToOneJPEGThatIsAlsoTheOgImage() throws {
        let project = try project()
        defer { project.remove() }
        try Build.run(project.options)
        let page = try read(project, "tin/tin-co-anh/index.html")
        let entries = srcsetEntries(page)
        #expect(!entries.isEmpty && entries.allSatisfy { $0.url.hasSuffix(".webp") }, "\(entries)")
        for entry in entries {
            let data = try Data(contentsOf: project.output.appendingPathComponent(String(entry.url.dropFirst())))
            #expect(data.starts(with: Data("RIFF".utf8)), "\(entry.url) is a WebP file")
        }
        let jpeg = try #require(page.firstMatch(of: /<img src="(\/images\/phone\.80\.[0-9a-f]{8}\.jpg)" width="80"/)?.1)
        #expect(page.contains(#"<meta property="og:image" content="https://example.gov.vn\#(jpeg)""#))
        let bytes = try Data(contentsOf: project.output.appendingPathComponent(String(jpeg.dropFirst())))
        #expect(bytes.starts(with: [0xFF, 0xD8]))
        #expect(!page.contains("<img src=\"/images/phone.80.") || !page.contains(".jpg 40w"), "no JPEG srcset")
    }

    @Test func aLinkToAPhotoLeadsToItsLargestPublishedFileAndCountsAsAUse() throws {
        let project = try project(extra: "", body: "Mở đầu.\n\n[Tải ảnh](/images/phone.jpg \"Ảnh gốc\")\n\nKết.")
        defer { project.remove() }
        let report = try Build.run(project.options)
        #expect(!report.warnings.map(\.description).contains { $0.contains("photo not used") }, "\(report.warnings)")
        let page = try read(project, "tin/tin-co-anh/index.html")
        let href = try #require(page.firstMatch(of: /<a href="(\/images\/phone\.80\.[0-9a-f]{8}\.jpg)" title="Ảnh gốc">Tải ảnh<\/a>/)?.1)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent(String(href.dropFirst())).path))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("images/phone.jpg").path))

        // A link to a photo that is not there is an error at its line, as an image would be.
        try project.write(Fixtures.article("a", title: "Tin có ảnh", extra: "",
                                           body: "Mở đầu.\n\nXem [ảnh](/images/khong-co.jpg).").text, to: "content/articles/a.md")
        let errors = project.failure()
        #expect(errors.contains { $0.hasPrefix("content/articles/a.md:9: error: image \"/images/khong-co.jpg\"") }, "\(errors)")
    }
}
