import Foundation
import Testing
@testable import BanTinKit

@Suite struct PathSafetyTests {
    @Test(arguments: ["../../etc/passwd", "/images/../../secret", "/images/%2e%2e/%2E%2E/x", "/images/%252e%252e/x",
                      "/images/./x"])
    func imagePathsThatLeaveTheSiteAreRefused(_ path: String) {
        #expect(throws: SitePath.Problem.climbsOut(path)) { try SitePath.image(path) }
    }

    /// A backslash (a Windows habit) is said as a backslash, not as an attempt to climb out with "..".
    @Test(arguments: ["/tin-tuc\\123.html", "\\tin-tuc\\123.html", "/tin%5C123.html", "/tin%255C123.html", "/a\\b?id=1"])
    func backslashesInAddressesAreNamedAsSuch(_ path: String) {
        #expect(throws: SitePath.Problem.backslash(path)) { try SitePath.alias(path) }
        let message = SitePath.Problem.backslash(path).message
        #expect(message.rendered(in: .en).contains("has a backslash \"\\\""))
        #expect(message.rendered(in: .vi).contains("dấu gạch chéo ngược"))
        #expect(!message.rendered(in: .en).contains(".."))
    }

    @Test func imagePathsInsideTheSiteAndWebAddressesAreKept() throws {
        #expect(try SitePath.image("images/a.svg") == "/images/a.svg")
        #expect(try SitePath.image("/images/ảnh 1.jpg") == "/images/ảnh 1.jpg")
        #expect(try SitePath.image("https://example.gov.vn/a.jpg") == "https://example.gov.vn/a.jpg")
        #expect(throws: SitePath.Problem.self) { try SitePath.image("file:///etc/passwd") }
        #expect(throws: SitePath.Problem.self) { try SitePath.image("javascript:alert(1)") }
    }

    @Test func aliasesKeepTheirQueryAndLoseTheOldOrigin() throws {
        #expect(try SitePath.alias("/tin-tuc/123.html") == "/tin-tuc/123.html")
        #expect(try SitePath.alias("/index.php?option=com_content&id=123") == "/index.php?option=com_content&id=123")
        #expect(try SitePath.alias("http://old.gov.vn/index.php?id=5") == "/index.php?id=5")
        #expect(throws: SitePath.Problem.self) { try SitePath.alias("tin-tuc/1.html") }
        #expect(throws: SitePath.Problem.self) { try SitePath.alias("/tin/%2e%2e/%2e%2e/etc") }
        #expect(throws: SitePath.Problem.self) { try SitePath.alias("//evil.example/x") }
    }

    @Test func badImageInFrontMatterIsAnErrorOnItsLine() {
        let article = Fixtures.article("i", title: "Tin", extra: "image: ../../etc/passwd")
        let errors = Fixtures.failure([article])
        #expect(errors.map(\.description) == [
            "content/articles/i.md:5: error: \"image\": \"../../etc/passwd\" tries to leave the site folder (\"..\" is not allowed)",
        ])
    }

    /// A path given as a slug is refused, not flattened into a page the editor did not mean ("etc-passwd").
    @Test(arguments: ["../../etc/passwd", "/tin/dan-van-kheo/", "%2e%2e%2fsecret", "..\\..\\x"])
    func slugsThatArePathsAreRefusedOnTheirLine(_ slug: String) {
        let article = Fixtures.article("s", title: "Tin", extra: "slug: '\(slug)'")
        #expect(Fixtures.failure([article]).map(\.description) == [
            "content/articles/s.md:5: error: \"slug\": \"\(slug)\" is a path, not a slug: write one name such as \"dan-van-kheo\", without \"/\" or \"\\\"",
        ])
    }

    @Test func slugsWithWordsAccentsAndDotsAreStillSlugs() throws {
        let files = try Fixtures.build([Fixtures.article("s", title: "Tin", extra: "slug: 'Dân vận khéo... năm 2026'")])
        #expect(files["tin/dan-van-kheo-nam-2026/index.html"] != nil)
    }

    @Test func pageSlugsAndOldURLsThatArePathsAreRefusedOnTheirLines() {
        let pages = [SourceFile(path: "content/pages/a.md", text: "---\ntitle: A\nslug: ../../index\n---\n"),
                     SourceFile(path: "content/pages/b.md", text: "---\ntitle: B\n\naliases: [\"/a/%2e%2e/%2e%2e/etc\"]\n---\n")]
        var messages: [String] = []
        do {
            _ = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [], pageFiles: pages, options: Fixtures.options)
        } catch {
            messages = error.diagnostics.map(\.description)
        }
        #expect(messages == [
            "content/pages/a.md:3: error: \"slug\": \"../../index\" is a path, not a slug: write one name such as \"dan-van-kheo\", without \"/\" or \"\\\"",
            "content/pages/b.md:4: error: \"aliases\": \"/a/%2e%2e/%2e%2e/etc\" tries to leave the site folder (\"..\" is not allowed)",
        ])
    }

    /// A line break in an old URL would split its rule in `_redirects` and land in a file name.
    @Test func oldURLsAndImagesWithControlCharactersAreRefused() {
        let article = Fixtures.article("n", title: "Tin", extra: #"""
            aliases: ["/tin-tuc/1.html\n/* /khac/ 301", "/cu%0d%0a.html"]
            image: "/images/a\tb.jpg"
            """#)
        #expect(Fixtures.failure([article]).map(\.description) == [
            #"content/articles/n.md:6: error: "image": "/images/a\tb.jpg" contains a line break or another control character"#,
            #"content/articles/n.md:5: error: "aliases": "/tin-tuc/1.html\n/* /khac/ 301" contains a line break or another control character"#,
            #"content/articles/n.md:5: error: "aliases": "/cu%0d%0a.html" contains a line break or another control character"#,
        ])
    }

    @Test func outputWriterRefusesPathsOutsideItsFolder() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let writer = OutputWriter(output: folder.appendingPathComponent("public"))
        var manifest = OutputManifest()
        manifest.entries["../escape.html"] = .init(fingerprint: 1)
        let update = OutputUpdate(manifest: manifest, writes: [("../escape.html", .bytes(Data("x".utf8)))],
                                  removals: [], isIncremental: false)
        #expect(throws: BuildFailure.self) { try writer.apply(update) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("escape.html").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("public").path))
    }

    @Test func symbolicLinksLeadingOutOfContentAreNotFollowed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let articles = content.appendingPathComponent("articles")
        try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        let outside = folder.appendingPathComponent("secret.md")
        try "---\ntitle: Bí mật\ndate: 2026-01-01\ncategory: Các vấn đề chung\n---\n".writeReplacing(outside)
        try FileManager.default.createSymbolicLink(at: articles.appendingPathComponent("link.md"), withDestinationURL: outside)
        let inside = articles.appendingPathComponent("real.md")
        try Fixtures.article("real", title: "Thật").text.writeReplacing(inside)
        try FileManager.default.createSymbolicLink(at: articles.appendingPathComponent("alias.md"), withDestinationURL: inside)

        let loaded = ContentLoader(contentDirectory: content).load()
        #expect(loaded.articleFiles.map(\.path).sorted() == ["content/articles/alias.md", "content/articles/real.md"])
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.description.contains("content/articles/link.md: warning: symbolic link") == true)
    }

    @Test func siteSettingsAndImagesLinkedFromOutsideContentAreNotFollowed() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        let images = content.appendingPathComponent("images")
        try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
        let outsideSite = folder.appendingPathComponent("site.yml")
        try Fixtures.siteYAML.writeReplacing(outsideSite)
        try FileManager.default.createSymbolicLink(at: content.appendingPathComponent("site.yml"), withDestinationURL: outsideSite)
        let loaded = ContentLoader(contentDirectory: content).load()
        #expect(loaded.siteFile == nil)
        #expect(loaded.diagnostics.map(\.description) == [
            "content/site.yml: error: symbolic link to \(outsideSite.resolvingSymlinksInPath().path), outside content, is not followed: put the file itself in content",
        ])

        try FileManager.default.removeItem(at: content.appendingPathComponent("site.yml"))
        try FileManager.default.copyItem(at: outsideSite, to: content.appendingPathComponent("site.yml"))
        let secret = folder.appendingPathComponent("secret.txt")
        try "mật khẩu".writeReplacing(secret)
        try FileManager.default.createSymbolicLink(at: images.appendingPathComponent("secret.txt"), withDestinationURL: secret)
        try "<svg/>".writeReplacing(images.appendingPathComponent("logo.svg"))
        let output = folder.appendingPathComponent("public")
        try Build.run(Build.Options(contentDirectory: content, templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                    outputDirectory: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("images").path) == ["logo.svg"])
    }
}
