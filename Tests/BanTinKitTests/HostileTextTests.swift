import Foundation
import Testing
@testable import BanTinKit

/// Front matter holding markup, quotes and Mustache braces, built with the portal's real templates: every
/// output (pages, attributes, redirect pages, feeds, sitemap, search index) keeps it as text.
@Suite struct HostileTextTests {
    static let hostile = #"</title><script>alert("x")</script> {{site.title}} {{{raw}}} 'q' & <blink>"#
    /// `hostile` as the templates' HTML escaping writes it, in text and in attribute values alike.
    static let escaped = "&lt;/title&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; {{site.title}} {{{raw}}} &#39;q&#39; &amp; &lt;blink&gt;"
    static let slug = "title-script-alert-x-script-site-title-raw-q-blink"

    /// Builds one hostile article and page; returns every output file by its path under public/.
    func buildHostileSite() throws -> [String: String] {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content")
        for sub in ["articles", "pages"] {
            try FileManager.default.createDirectory(at: content.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        let value = "'" + Self.hostile.replacingOccurrences(of: "'", with: "''") + "'"
        let article = """
            ---
            title: \(value)
            date: 2026-11-25
            category: Các vấn đề chung
            summary: \(value)
            author: \(value)
            source: \(value)
            tags: [\(value)]
            image: /images/a.jpg
            image_alt: \(value)
            aliases: ["/tin-tuc/1.html"]
            ---
            Nội dung.
            """
        try article.writeReplacing(content.appendingPathComponent("articles/h.md"))
        try FileManager.default.createDirectory(at: content.appendingPathComponent("images"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: ImageBuildTests.fixtures.appendingPathComponent("gradient-1000.jpg"),
                                         to: content.appendingPathComponent("images/a.jpg"))
        let page = "---\ntitle: \(value)\nslug: gioi-thieu\ndescription: \(value)\n---\nTrang.\n"
        try page.writeReplacing(content.appendingPathComponent("pages/gioi-thieu.md"))

        let output = folder.appendingPathComponent("public")
        var options = Build.Options(contentDirectory: content, templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                    outputDirectory: output)
        options.now = Fixtures.options.now
        try Build.run(options)
        return try EndToEndTests().snapshot(output).reduce(into: [:]) { files, entry in
            files[String(entry.key.dropFirst())] = String(decoding: entry.value, as: UTF8.self)
        }
    }

    @Test func hostileFrontMatterStaysTextInEveryOutput() throws {
        let files = try buildHostileSite()
        #expect(files.count > 20)
        for (path, text) in files {
            #expect(!text.contains("<script>alert"), "\(path) carries the script tag raw")
            #expect(!text.contains("<blink>"), "\(path) carries the markup raw")
        }

        let page = try #require(files["tin/\(Self.slug)/index.html"])
        for attribute in [#"<meta property="og:title" content=""#, #"<meta name="description" content=""#, #"alt=""#] {
            #expect(page.contains(attribute + Self.escaped + "\""), "article page: \(attribute)…")
        }
        // `escaped` keeps "{{site.title}}" and "{{{raw}}}" as typed: Mustache never reads values as templates.
        #expect(page.contains(">" + Self.escaped + "</"), "the title is the text of an element")
        #expect(try #require(files["tin-tuc/1.html"]).contains(">" + Self.escaped + "</a>"), "redirect page")
        #expect(try #require(files["gioi-thieu/index.html"]).contains(#"<meta name="description" content=""# + Self.escaped + "\""))

        let item = try #require(XMLTree.parse(files["feed.xml"] ?? "")?.first("channel")?.first("item"))
        #expect(item.value("title") == Self.hostile)
        #expect(item.value("description") == Self.hostile)
        #expect(XMLTree.parse(files["sitemap.xml"] ?? "") != nil, "the sitemap is well-formed XML")

        let index = try SearchIndexReader(files)
        #expect(index.row(0)?[0] as? String == Self.hostile)
        let rows = try #require(files["tim-kiem/index/d-0.json"])
        #expect(rows.contains(#"\u003c/title\u003e\u003cscript\u003e"#), "< and > are escaped in the JSON too")
    }
}
