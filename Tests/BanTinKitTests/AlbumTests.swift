import BanTinImages
import Foundation
import Testing
@testable import BanTinKit

/// Albums (`content/albums/<slug>/album.yml`): photos kept in the album's own folder (`file:`) or taken from
/// content/images/ (`image:`), built through the real pipeline (`Build.run`).
@Suite(.serialized) struct AlbumTests {
    typealias Project = TestProject

    func project(album: String, photos: [String: String] = ["anh1.jpg": "orientation-6-gps.jpg",
                                                             "anh2.jpg": "gradient-1000.jpg"]) throws -> Project {
        let project = try Project(articles: 1, siteYAML: ImageBuildTests.siteYAML)
        try project.write(album, to: "content/albums/hoi-thao/album.yml")
        for (name, fixture) in photos {
            try FileManager.default.copyItem(at: ImageBuildTests.fixtures.appendingPathComponent(fixture),
                                             to: project.content.appendingPathComponent("albums/hoi-thao/\(name)"))
        }
        return project
    }

    @Test func anAlbumPageHasAGridWhoseLargeViewsOpenWithoutJavaScript() throws {
        let output = try #require(SamplePortalTests.output)
        let page = try String(contentsOf: output.appendingPathComponent("album/ngay-hoi-viec-lam-2026/index.html"), encoding: .utf8)
        #expect(page.contains("Hình ảnh minh họa: thiên nhiên quanh ta"))
        for number in 1...5 {
            // A thumbnail is a link to its large view, which CSS shows when it is the :target.
            #expect(page.contains("<a class=\"album-thumb\" href=\"#anh-\(number)\">"), "thumbnail \(number)")
            #expect(page.contains("<figure class=\"album-view\" id=\"anh-\(number)\""), "large view \(number)")
        }
        #expect(page.contains("<a href=\"#anh-2\" rel=\"next\">") && page.contains("<a href=\"#anh-4\" rel=\"prev\">"))
        #expect(!page.contains("<script>"), "no script needed")
        let css = try String(contentsOf: output.appendingPathComponent("assets/style.css"), encoding: .utf8)
        #expect(css.contains(".album-view:target"))
        let list = try String(contentsOf: output.appendingPathComponent("album/index.html"), encoding: .utf8)
        #expect(list.contains("href=\"/album/ngay-hoi-viec-lam-2026/\""))
        let home = try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<a href=\"/album/ngay-hoi-viec-lam-2026/#anh-1\">"), "the sidebar shows the latest album")
    }

    static let twoPhotos = """
        title: "Hội thao"
        date: 2026-04-20
        photos:
          - file: anh1.jpg
            caption: "Khai mạc"
          - file: anh2.jpg
            caption: "Trao giải"
        """

    @Test func photosInTheAlbumsFolderArePublishedResizedAndShownOnItsPage() throws {
        let project = try project(album: Self.twoPhotos)
        defer { project.remove() }
        try Build.run(project.options)
        let page = try String(contentsOf: project.output.appendingPathComponent("album/hoi-thao/index.html"), encoding: .utf8)
        let album = try #require(page.components(separatedBy: "<article class=\"album\">").last?
            .components(separatedBy: "</article>").first)
        #expect(album.components(separatedBy: "<img ").count - 1 == 4, "each photo in the grid and in its large view")
        let srcsets = try NSRegularExpression(pattern: #"srcset="([^"]+)""#)
            .matches(in: album, range: NSRange(album.startIndex..., in: album))
            .flatMap { match in String(album[Range(match.range(at: 1), in: album)!]).components(separatedBy: ", ") }
        #expect(srcsets.count >= 4, "every photo offers its widths: \(srcsets)")
        for entry in srcsets {
            let url = String(entry.split(separator: " ")[0])
            let file = project.output.appendingPathComponent(String(url.dropFirst()))
            let bytes = try Data(contentsOf: file)
            for marker in ["Exif", "GPS", "XMP"] { #expect(bytes.range(of: Data(marker.utf8)) == nil, "\(url) holds \(marker)") }
            #expect(try ImageInfo.read(SourceImage(path: url, file: file)).get().width > 0)
        }
        #expect(page.contains("Khai mạc") && page.contains("Trao giải"))
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("albums").path),
                "the originals are not published")
    }

    @Test func aPhotoThatDoesNotExistIsAnErrorAtItsLineAndThePreviousSiteStays() throws {
        let project = try project(album: Self.twoPhotos, photos: ["anh1.jpg": "orientation-6-gps.jpg"])
        defer { project.remove() }
        let errors = project.failure()
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.hasPrefix("content/albums/hoi-thao/album.yml:6:") == true, "\(errors)")
        #expect(!FileManager.default.fileExists(atPath: project.output.path))
    }

    @Test func aPhotoLinkedFromOutsideTheAlbumsFolderIsAnError() throws {
        let project = try project(album: Self.twoPhotos, photos: ["anh1.jpg": "orientation-6-gps.jpg"])
        defer { project.remove() }
        let outside = project.folder.appendingPathComponent("elsewhere.jpg")
        try FileManager.default.copyItem(at: ImageBuildTests.fixtures.appendingPathComponent("gradient-1000.jpg"), to: outside)
        try FileManager.default.createSymbolicLink(at: project.content.appendingPathComponent("albums/hoi-thao/anh2.jpg"),
                                                   withDestinationURL: outside)
        let errors = project.failure()
        #expect(errors.count == 1 && errors[0].hasPrefix("content/albums/hoi-thao/album.yml:6:"), "\(errors)")
    }

    @Test func aFileWithAPathOrNotAPhotoIsAnErrorAtItsLine() throws {
        let album = """
            title: "Hội thao"
            date: 2026-04-20
            photos:
              - file: ../../images/a.jpg
              - file: bien-ban.pdf
            """
        let project = try project(album: album, photos: ["bien-ban.pdf": "not-an-image.jpg"])
        defer { project.remove() }
        let errors = project.failure()
        #expect(errors.contains { $0.hasPrefix("content/albums/hoi-thao/album.yml:4:") }, "\(errors)")
        #expect(errors.contains { $0.hasPrefix("content/albums/hoi-thao/album.yml:5:") }, "\(errors)")
    }
}
