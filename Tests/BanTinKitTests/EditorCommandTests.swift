import BanTinImages
import Foundation
import Testing
@testable import BanTinKit

@Suite struct NewArticleTests {
    static var config: SiteConfig { SiteConfig.parse(Fixtures.siteFile).0! }
    static let now = ISO8601DateFormatter().date(from: "2026-11-25T01:30:00Z")!

    @Test func writesFrontMatterThatTheBuildReads() throws {
        let title = "Hội nghị \"Dân vận khéo\": tổng kết năm 2026 \\ đợt 1"
        let file = try NewArticle.make(title: title, category: "giao duc nghe nghiep", tags: ["thi đua", " dân vận "],
                                       config: Self.config, now: Self.now)
        #expect(file.path == "articles/giao-duc-nghe-nghiep/hoi-nghi-dan-van-kheo-tong-ket-nam-2026-dot-1.md")
        let source = SourceFile(path: "content/" + file.path, text: file.text)
        let (article, problems) = ArticleSource.read(source, timeZone: Self.config.timeZone)
        #expect(problems.isEmpty)
        #expect(article?.title == title)
        #expect(article?.tags == ["thi đua", "dân vận"])
        #expect(article?.date == Self.now.addingTimeInterval(-0), "the date is now, to the minute, in the site's zone")
        #expect(file.text.contains("date: 2026-11-25 08:30"))

        let site = try Fixtures.build([source])
        #expect(site["tin/hoi-nghi-dan-van-kheo-tong-ket-nam-2026-dot-1/index.html"]?.contains("Giáo dục nghề nghiệp") == true)
    }

    @Test func refusesUnknownCategoriesAndTitlesWithoutLetters() {
        #expect(throws: BuildFailure.self) {
            try NewArticle.make(title: "Tin", category: "Thể thao", config: Self.config, now: Self.now)
        }
        #expect(throws: BuildFailure.self) {
            try NewArticle.make(title: "?!", category: "Các vấn đề chung", config: Self.config, now: Self.now)
        }
    }

    /// `bantin new "Tin mới"`, less the content folder's path.
    static let newArticle = ["new", "Tin mới", "--category", "cac-van-de-chung", "--content"]

    /// The built `bantin`, a new temporary folder (removed by the caller) and an empty `content/` in it.
    static func emptySite() throws -> (binary: URL, folder: URL, content: URL) {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let folder = try Fixtures.temporaryFolder()
        let content = folder.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        return (binary, folder, content)
    }

    @Test func theCommandRefusesToOverwrite() throws {
        let (binary, folder, content) = try Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        let arguments = Self.newArticle + [content.path]
        #expect(try Self.run(binary, arguments) == 0)
        let written = content.appendingPathComponent("articles/cac-van-de-chung/tin-moi.md")
        try "---\ntitle: Đã sửa\n---\n".writeReplacing(written)
        #expect(try Self.run(binary, arguments) != 0)
        #expect(try String(contentsOf: written, encoding: .utf8) == "---\ntitle: Đã sửa\n---\n")
    }

    @Test func theCommandRefusesASiteFileLinkedFromOutsideTheContent() throws {
        let (binary, folder, content) = try Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outside = folder.appendingPathComponent("site.yml")
        try Fixtures.siteYAML.writeReplacing(outside)
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("site.yml"), withDestinationURL: outside)
        #expect(try Self.run(binary, Self.newArticle + [content.path]) != 0)
        #expect(!FileManager.default.fileExists(atPath: content.appendingPathComponent("articles").path))
    }

    /// A title starting with a dash is a title, not options (`-h…` printed the help and exited 0).
    @Test(arguments: ["-hội nghị tổng kết", "- Tin vắn", "--help đi", "-c", "—Tin", "-5 điều cần biết"])
    func theCommandTakesATitleStartingWithADash(_ title: String) throws {
        let (binary, folder, content) = try Self.emptySite()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        for arguments in [["new", title, "--category", "cac-van-de-chung", "--content", content.path],
                          ["new", "--content=" + content.path, "--category", "cac-van-de-chung", title]] {
            #expect(try Self.run(binary, arguments) == 0, "\(arguments)")
            let folderOfCategory = content.appendingPathComponent("articles/cac-van-de-chung")
            let written = try FileManager.default.contentsOfDirectory(atPath: folderOfCategory.path)
            #expect(written.count == 1, "\(written)")
            let text = try String(contentsOf: folderOfCategory.appendingPathComponent(written.first ?? ""), encoding: .utf8)
            let file = SourceFile(path: "content/articles/x.md", text: text)
            #expect(ArticleSource.read(file, timeZone: Self.config.timeZone).0?.title == title)
            try FileManager.default.removeItem(at: folderOfCategory)
        }
    }

    static func run(_ binary: URL, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}

@Suite struct ContentCheckTests {
    static let siteWithLimit = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + "\ncheck:\n  min_image_width: 500\n")
    static let photos = Fixtures.repositoryRoot.appendingPathComponent("Tests/BanTinImagesTests/Fixtures")

    func check(_ articles: [SourceFile], images: [String: Int64] = ["a.svg": 1000], site: SourceFile = siteWithLimit,
               headers: [String: Result<ImageInfo, ImageProblem>] = [:]) -> [String] {
        ContentCheck.run(.init(siteFile: site, articleFiles: articles, images: images, imageHeaders: headers),
                         now: Fixtures.options.now)
            .map(\.description)
    }

    func header(_ fixture: String) -> Result<ImageInfo, ImageProblem> {
        ImageInfo.read(SourceImage(path: "content/images/" + fixture, file: Self.photos.appendingPathComponent(fixture)))
    }

    @Test func findsEachKindOfProblemWithItsFileAndLine() {
        let good = Fixtures.article("good", title: "Bài tốt", category: "Lao động - Việc làm",
                                    body: "Xem [bài kia](/tin/bai-khac/) và ![ảnh](/images/a.svg).")
        let broken = Fixtures.article("broken", title: "Bài hỏng", date: "25/11/2026", category: "Thể thao",
                                      extra: "categroy: x", body: "Dòng một.\n\nXem [bài không có](/tin/khong-co/).\n\n![ảnh](/images/mat.png)")
        let duplicate = Fixtures.article("dup", title: "Bài tốt", category: "Các vấn đề chung")
        let draft = Fixtures.article("draft", title: "Bài khác", extra: "draft: true",
                                     body: "[trang chủ](https://example.gov.vn/tin/bai-tot/) [ngoài](https://other.example/tin/x/)")
        let missingImage = Fixtures.article("img", title: "Có ảnh", extra: "image: /images/khong-co.jpg")
        let noText = Fixtures.article("alt", title: "Ảnh không lời", extra: "image: /images/a.svg",
                                      body: "![](/images/a.svg)")
        let problems = check([good, broken, duplicate, draft, missingImage, noText],
                             images: ["a.svg": 1000, "narrow.jpg": 4381, "text.jpg": 31, "wide.jpg": 23289],
                             headers: ["narrow.jpg": header("orientation-6-gps.jpg"), "text.jpg": header("not-an-image.jpg"),
                                       "wide.jpg": header("gradient-1000.jpg")])
        let expected = [
            "content/articles/broken.md:3: error: \"date\": date \"25/11/2026\" is not in a known format",
            "content/articles/broken.md:5: warning: unknown key \"categroy\" in front matter; did you mean \"category\"?",
            "content/articles/dup.md:2: error: slug \"bai-tot\" is already used by content/articles/good.md",
            "content/articles/good.md:7: warning: link to \"/tin/bai-khac/\": that article is a draft",
            "content/articles/img.md:5: error: image \"/images/khong-co.jpg\" does not exist",
            "content/articles/alt.md:5: warning: the photo has no \"image_alt\"",
            "content/articles/alt.md:7: warning: image \"/images/a.svg\" has no description",
            "content/images/narrow.jpg:1: warning: photo is 80 px wide, under 500 px",
            "content/images/text.jpg:1: error: ",
            "content/site.yml:7: warning: category \"Giáo dục nghề nghiệp\" (giao-duc-nghe-nghiep) has no published articles",
        ]
        for prefix in expected {
            #expect(problems.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in \(problems)")
        }
        // The links of a file whose front matter has errors are checked all the same.
        #expect(problems.contains { $0.hasPrefix("content/articles/broken.md:9: error: link to \"/tin/khong-co/\": there is no article") })
        #expect(problems.contains { $0.hasPrefix("content/articles/broken.md:11: error: image \"/images/mat.png\" does not exist") })
        #expect(!problems.contains { $0.contains("other.example") })
        #expect(!problems.contains { $0.contains("wide.jpg") }, "a photo of 1000 px is wide enough, whatever its size in bytes")
        #expect(problems.allSatisfy { $0.split(separator: ":").count >= 3 }, "every problem is file:line: message")
    }

    @Test func unknownCategoryIsFoundInDraftsToo() {
        let draft = Fixtures.article("d", title: "Nháp", category: "Thể thao", extra: "draft: true")
        let problems = check([draft])
        #expect(problems.contains { $0.hasPrefix("content/articles/d.md:4: error: unknown category \"Thể thao\"") })
    }

    @Test func aCleanSiteHasNoErrors() {
        let articles = ["Các vấn đề chung", "Giáo dục nghề nghiệp"].enumerated().map {
            Fixtures.article("a\($0.offset)", title: "Tin \($0.offset)", category: $0.element, body: "![x](/images/a.svg)")
        }
        #expect(check(articles) == [])
    }
}
