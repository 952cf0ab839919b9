import Foundation
import Testing
@testable import BanTinKit

/// Editors' text is never changed or passed through silently.
@Suite(.serialized) struct UnchangedInputTests {

    @Test func aNulByteIsRefusedAtItsLine() {
        var data = Data("---\ntitle: Tin\ndate: 2026-11-25\ncategory: Các vấn đề chung\n---\nĐoạn một.\nĐoạn".utf8)
        data.append(0)
        data.append(contentsOf: Array(" hai.\n".utf8))
        #expect(throws: BuildFailure.self) { try SourceFile.decode(data, path: "content/articles/n.md") }
        do {
            _ = try SourceFile.decode(data, path: "content/articles/n.md")
        } catch {
            #expect(error.description.hasPrefix("content/articles/n.md:7: error: file contains a NUL byte (0x00)"))
        }
    }

    @Test func linksOfSiteSettingsFollowTheURLRule() {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + """

            links:
              - title: "Cổng"
                url: "https://chinhphu.vn/"
              - title: "Thư"
                url: "mailto:so@example.gov.vn"
              - title: "Bẫy"
                url: "javascript:alert(1)"
            menu:
              - title: "Dữ liệu"
                url: " data:text/html,<script>x</script>"
            photos:
              - image: "../../etc/passwd"
            """)
        let (_, problems) = SiteConfig.parse(site)
        #expect(problems.map(\.description) == [
            "content/site.yml:18: error: \"url\": \"data:text/html,<script>x</script>\" must be a path on this site or an http(s) address",
            "content/site.yml:15: error: \"url\": \"javascript:alert(1)\" must be a path on this site or an http(s) address",
            "content/site.yml:20: error: \"image\": \"../../etc/passwd\" tries to leave the site folder (\"..\" is not allowed)",
        ])
    }

    @Test(arguments: ["articles", "pages", "images"])
    func aContentFolderLinkedFromOutsideIsRefused(_ name: String) throws {
        let project = try TestProject()
        defer { project.remove() }
        try Build.run(project.options)
        let outside = project.folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "secret".writeReplacing(outside.appendingPathComponent("secret.md"))
        let folder = project.content.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: outside)
        let errors = project.failure()
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("content/\(name): error: symbolic link to the folder \(outside.resolvingSymlinksInPath().path)") == true, "\(errors)")
    }

    @Test func anAssetsFolderLinkedFromOutsideIsRefusedAndSkippedImageLinksAreReported() throws {
        let project = try TestProject()
        defer { project.remove() }
        let templates = project.folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(at: Fixtures.repositoryRoot.appendingPathComponent("templates"), to: templates)
        var options = project.options
        options.templatesDirectory = templates
        let secret = project.folder.appendingPathComponent("secret.txt")
        try "mật khẩu".writeReplacing(secret)
        try project.write("<svg/>", to: "content/images/logo.svg")
        try FileManager.default.createSymbolicLink(at: project.content.appendingPathComponent("images/secret.txt"), withDestinationURL: secret)
        let report = try Build.run(options)
        #expect(report.warnings.map(\.description).contains {
            $0.hasPrefix("content/images/secret.txt: warning: symbolic link to \(secret.resolvingSymlinksInPath().path)")
        })

        let assets = templates.appendingPathComponent("assets")
        try FileManager.default.moveItem(at: assets, to: project.folder.appendingPathComponent("assets-outside"))
        try FileManager.default.createSymbolicLink(at: assets, withDestinationURL: project.folder.appendingPathComponent("assets-outside"))
        do {
            try Build.run(options)
            Issue.record("a linked assets folder was followed")
        } catch let failure as BuildFailure {
            #expect(failure.errors.map(\.description).contains { $0.hasPrefix("templates/assets: error: symbolic link to the folder") })
        }
    }

    @Test(arguments: ["/_redirects", "/.bantin-manifest", "/sitemap.xml", "/assets/site.css", "/robots.txt", "/.bantin-journal"])
    func oldURLsCollidingWithFilesBantinWritesAreErrorsOnTheirLine(_ alias: String) {
        let article = Fixtures.article("c", title: "Tin", extra: "aliases: [\"\(alias)\"]")
        let page = SourceFile(path: "content/pages/p.md", text: "---\ntitle: Trang\naliases: [\"\(alias)\"]\n---\n")
        do {
            _ = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: [article], pageFiles: [page], options: Fixtures.options)
            Issue.record("\(alias) was accepted")
        } catch {
            let messages = error.errors.map(\.description)
            #expect(messages.contains { $0.hasPrefix("content/articles/c.md:5: error: \"aliases\": old URL \"\(alias)\"") }, "\(messages)")
            #expect(messages.contains { $0.hasPrefix("content/pages/p.md:3: error: \"aliases\": old URL \"\(alias)\"") }, "\(messages)")
        }
    }

    @Test func directionControlsAreTakenOutAndSiteTextIsComposed() throws {
        let title = "Tin \u{202E}ngược\u{202C} và \u{2066}cô lập"
        let decomposed = "Sở Thử nghiệm".decomposedStringWithCanonicalMapping
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML.replacingOccurrences(of: "Sở Thử nghiệm", with: decomposed))
        let (model, _, warnings) = try Fixtures.model(siteFile: site, articleFiles: [Fixtures.article("d", title: title)],
                                                   pageFiles: [], options: Fixtures.options)
        #expect(model.articles.first?.title == "Tin ngược và cô lập")
        #expect(model.config.title == "Sở Thử nghiệm".precomposedStringWithCanonicalMapping)
        #expect(warnings.map(\.description) == [
            "content/articles/d.md:2: warning: \"title\" contains the text direction controls U+202C, U+202E, U+2066, which would reverse the text around it; they were taken out",
        ])
        // Templates typed in NFD are read in NFC.
        let template = try SourceFile.decode(Data("<p>Tin mới đăng</p>".decomposedStringWithCanonicalMapping.utf8), path: "templates/x.mustache")
        #expect(template.text == "<p>Tin mới đăng</p>")
    }
}
