import Foundation
@testable import BanTinKit

/// Small in-memory sites for tests, and the repository's own folders for end-to-end builds.
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let siteYAML = """
        title: "Sở Thử nghiệm"
        base_url: "https://example.gov.vn/"
        page_size: 2
        categories:
          - name: "Các vấn đề chung"
          - name: "Lao động - Việc làm"
          - name: "Giáo dục nghề nghiệp"
            parent: "Lao động - Việc làm"
        """

    static var siteFile: SourceFile { SourceFile(path: "content/site.yml", text: siteYAML) }

    static func article(_ name: String, title: String, date: String = "2026-11-25",
                        category: String = "Các vấn đề chung", extra: String = "", body: String = "Nội dung.") -> SourceFile {
        SourceFile(path: "content/articles/\(name).md", text: """
            ---
            title: "\(title)"
            date: \(date)
            category: "\(category)"
            \(extra)
            ---
            \(body)
            """)
    }

    /// Minimal templates exercising the same context keys as the real ones.
    static let templates: [String: SourceFile] = {
        let texts = [
            "base": "<html><title>{{page_title}}</title>{{$main}}{{/main}}{{> partials/sidebar}}</html>",
            "partials/sidebar": "<aside class=\"sidebar\">{{#latest}}<a href=\"{{url}}\">{{title}}</a>{{/latest}}</aside>",
            "home": "{{<base}}{{$main}}{{#home.latest}}<h2>{{title}}</h2>{{/home.latest}}{{/main}}{{/base}}",
            "article": """
                {{<base}}{{$main}}<nav>Chuyên mục - {{article.category_name}}</nav><h1>{{article.title}}</h1>\
                <time>{{article.date_text}}</time>{{{article.body_html}}}\
                {{#article.has_byline}}<p class="byline">{{article.author}} (nguồn {{article.source}})</p>{{/article.has_byline}}\
                <a href="{{article.back_url}}">Quay lại</a><a href="{{article.print_url}}">In bài viết</a>\
                <h2>Các tin liên quan</h2>{{#article.related}}<li>{{title}}</li>{{/article.related}}{{/main}}{{/base}}
                """,
            "print": "<h1>{{article.title}}</h1>{{{article.body_html}}}<p>{{article.absolute_url}}</p>",
            "list": """
                {{<base}}{{$main}}<h1>{{listing.title}}</h1>{{#listing.items}}<li>{{title}}</li>{{/listing.items}}\
                {{#listing.pagination.has_next}}<a rel="next" href="{{listing.pagination.next_url}}">next</a>{{/listing.pagination.has_next}}\
                {{/main}}{{/base}}
                """,
            "page": "{{<base}}{{$main}}<h1>{{static_page.title}}</h1>{{{static_page.body_html}}}{{/main}}{{/base}}",
            "404": "<h1>404</h1>",
            "search": "{{<base}}{{$main}}<form action=\"{{search.url}}\"></form><div data-index=\"{{search.index_url}}\"></div>{{/main}}{{/base}}",
            "redirect": """
                <link rel="canonical" href="{{redirect.target_absolute_url}}">\
                <meta http-equiv="refresh" content="0; url={{redirect.target_url}}">\
                <a href="{{redirect.target_url}}">{{redirect.title}}</a>
                """,
        ]
        return texts.reduce(into: [:]) { $0[$1.key] = SourceFile(path: "templates/\($1.key).mustache", text: $1.value) }
    }()

    static let dates = DateStyle(weekdays: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
                                 longPattern: "{weekday}, {dd}/{mm}/{yyyy}", shortPattern: "{dd}/{mm}/{yyyy}",
                                 timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)

    static var options: Build.Options {
        var options = Build.Options(contentDirectory: URL(fileURLWithPath: "/nonexistent/content"),
                                    templatesDirectory: URL(fileURLWithPath: "/nonexistent/templates"),
                                    outputDirectory: URL(fileURLWithPath: "/nonexistent/public"))
        options.now = ISO8601DateFormatter().date(from: "2026-11-25T12:00:00Z")!
        return options
    }

    /// `templates/locale.yml` giving `dates`.
    static let locale = SourceFile(path: "templates/locale.yml", text: """
        weekdays: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
        date_long: "{weekday}, {dd}/{mm}/{yyyy}"
        date_short: "{dd}/{mm}/{yyyy}"
        """)

    static func sources(_ articles: [SourceFile], pages: [SourceFile] = [], site: SourceFile = siteFile,
                        templates: [String: SourceFile] = templates) -> SiteSources {
        SiteSources(siteFile: site, articleFiles: articles, pageFiles: pages, templates: templates, locale: locale)
    }

    /// The whole pipeline on a site held in memory; returns its files by path.
    static func build(_ articles: [SourceFile], pages: [SourceFile] = [], site: SourceFile = siteFile,
                      templates: [String: SourceFile] = templates, options: Build.Options = options) throws -> [String: String] {
        let (_, files) = try Build.run(sources(articles, pages: pages, site: site, templates: templates), options: options)
        return files.reduce(into: [:]) { $0[$1.path] = $1.text }
    }

    /// The model stage on a site held in memory: the validated site (bodies not rendered yet), what was held back,
    /// the warnings.
    static func model(siteFile: SourceFile = siteFile, articleFiles: [SourceFile], pageFiles: [SourceFile] = [],
                      options: Build.Options = options) throws(BuildFailure) -> (Site, HeldBack, [Diagnostic]) {
        var memory = BuildState.Memory(remembers: false)
        let model = try SiteModel.make(sources(articleFiles, pages: pageFiles, site: siteFile), options: options, memory: &memory)
        return (model.site, model.heldBack, model.warnings)
    }

    /// Diagnostics of a build that is expected to fail.
    static func failure(_ articles: [SourceFile], site: SourceFile = siteFile) -> [Diagnostic] {
        do {
            _ = try build(articles, site: site)
            return []
        } catch let failure as BuildFailure {
            return failure.diagnostics
        } catch {
            return [.error("(test)", Message.verbatim("\(error)"))]
        }
    }

    /// A new temporary folder holding copies of the repository's content/ and templates/, without the counter's
    /// saved state (the caller removes the folder).
    static func sampleProjectCopy() throws -> URL {
        let root = try temporaryFolder()
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent(folder),
                                             to: root.appendingPathComponent(folder))
        }
        try? FileManager.default.removeItem(at: root.appendingPathComponent("content/data/visits.json"))
        return root
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension String {
    /// Writes the text as UTF-8 under another name in the same folder, then renames it into place: atomic like
    /// `write(to:atomically: true)`, which in swift-corelibs-foundation leaves an empty `/tmp/TemporaryDirectory.*`
    /// folder behind on every call (about 300 per `make test`).
    func writeReplacing(_ url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        try Data(utf8).write(to: temporary)
        guard rename(temporary.path, url.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
