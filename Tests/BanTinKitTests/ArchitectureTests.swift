import Foundation
import Testing
@testable import BanTinKit

/// The shape the stages share: one page table, identity by article, the counter behind its door, the
/// build memory owned by one lock, each site.yml section decoded once.
@Suite struct ArchitectureTests {
    static let articles = [
        Fixtures.article("a", title: "Hội nghị cán bộ", date: "2026-11-20", extra: "tags: [thi đua]\naliases: [\"/tin-tuc/a.html\"]"),
        Fixtures.article("b", title: "Đào tạo nghề", date: "2026-10-24", category: "Giáo dục nghề nghiệp", extra: "tags: [thi đua]"),
        Fixtures.article("c", title: "Việc làm", date: "2025-03-02", category: "Lao động - Việc làm"),
    ]
    static let page = SourceFile(path: "content/pages/gioi-thieu.md", text: "---\ntitle: Giới thiệu\naliases: [\"/gioi-thieu.php\"]\n---\nSở.")

    @Test func everyFileTheBuildMakesIsAnEntryOfThePageTable() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [Self.page],
                                           options: Fixtures.options)
        let table = PageTable(site: site)
        let files = try Fixtures.build(Self.articles, pages: [Self.page]).map { OutputFile(path: $0.key, text: $0.value) }
        let listed = Set(table.entries.compactMap(\.outputPath))
        let folders = table.entries.filter(\.isFolder).map { String(table.routes.outputPath(for: $0.url).dropLast("index.html".count)) }
        for file in files {
            #expect(listed.contains(file.path) || folders.contains { file.path.hasPrefix($0) }, "\(file.path) is not in the page table")
        }
        // …and every page the table lists is rendered, old URLs included.
        let made = Set(files.map(\.path))
        for entry in table.pages { #expect(made.contains(entry.outputPath!), "\(entry.url) was not rendered") }
        #expect(made.contains("tin-tuc/a.html") && made.contains("gioi-thieu.php"))
        #expect(made.contains("luu-tru/2025/03/index.html") && made.contains("the/thi-dua/index.html"))
        // The sitemap lists exactly the table's sitemap entries.
        let sitemap = try #require(files.first { $0.path == "sitemap.xml" }?.text)
        #expect(sitemap.components(separatedBy: "<loc>").count - 1 == table.entries.filter(\.inSitemap).count)
        #expect(!sitemap.contains("in.html") && !sitemap.contains("404.html") && !sitemap.contains("tin-tuc"))
    }

    @Test func theCounterMapsAddressesThroughThePageTable() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [Self.page],
                                           options: Fixtures.options)
        let pages = CounterPages(PageTable(site: site))
        #expect(pages.resolve("/tin/hoi-nghi-can-bo/in.html") == .page("/tin/hoi-nghi-can-bo/"))
        #expect(pages.resolve("/tin/hoi-nghi-can-bo/in/") == .page("/tin/hoi-nghi-can-bo/"))   // the print view's former address
        #expect(pages.resolve("/tin-tuc/a.html") == .page("/tin/hoi-nghi-can-bo/"))
        #expect(pages.resolve("/gioi-thieu.php") == .page("/gioi-thieu/"))
        #expect(pages.resolve("/chuyen-muc/cac-van-de-chung/trang/2/") == .page("/chuyen-muc/cac-van-de-chung/"))
        #expect(pages.resolve("/luu-tru/2026/11/") == .other)
        #expect(pages.articles.map(\.id.slug) == ["hoi-nghi-can-bo", "dao-tao-nghe", "viec-lam"])
        #expect(pages.articles[0].oldPaths == ["/tin-tuc/a.html"])
    }

    /// Views were kept by position in `site.articles`: a newer article moved every figure to its neighbour.
    @Test func countedViewsStayWithTheirArticleWhenANewerOneArrives() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [],
                                           options: Fixtures.options)
        var state = CounterState()
        state.viewsByPage = ["/tin/hoi-nghi-can-bo/": 7, "/tin/dao-tao-nghe/": 3]
        let snapshot = CounterSnapshot.make(state: state, pages: CounterPages(PageTable(site: site)),
                                            timeZone: site.config.timeZone, settings: CounterSettings())
        let newer = Fixtures.article("moi", title: "Tin mới nhất", date: "2026-11-24")
        let (grown, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles + [newer], pageFiles: [],
                                            options: Fixtures.options)
        // The views file every article's "Lượt xem" is filled from, made for the grown site, by each article's key.
        let grownPages = CounterPages(PageTable(site: grown))
        let views = CounterFiles.viewsJSON(.init(snapshot: snapshot, pages: grownPages,
                                                 templates: try TemplateSet(sources: Fixtures.templates), dates: Fixtures.dates,
                                                 numbers: NumberStyle()))
        let keys = ArticleKeys(urls: grownPages.articles.map(\.url))
        let byKey = try #require(try JSONSerialization.jsonObject(with: views) as? [String: Int])
        #expect(byKey == [keys["/tin/hoi-nghi-can-bo/"]!: 7, keys["/tin/dao-tao-nghe/"]!: 3])
    }

    @Test func relatedListsNameArticlesByIdentity() throws {
        let (site, _, _) = try Fixtures.model(siteFile: Fixtures.siteFile, articleFiles: Self.articles, pageFiles: [],
                                           options: Fixtures.options)
        let rendered = ArticleBodies.render(site)
        let positions = RelatedNews.compute(rendered)
        let lists = RelatedLists.compute(rendered)
        for (index, article) in rendered.articles.enumerated() {
            #expect(lists[article.id] == positions[index].map { rendered.articles[$0].id })
        }
        #expect(lists[ArticleID("khong-co")] == [])
    }

    @Test func everySiteSectionIsDecodedOnceWithUnknownKeysReported() throws {
        let yaml = Fixtures.siteYAML + """

            search:
              langauge: vi
            check:
              min_image_width: -5
            related:
              count: 3
              weigths: {text: 1}
            counter:
              baseline: 10
            """
        let (config, problems) = SiteConfig.parse(SourceFile(path: "content/site.yml", text: yaml))
        let messages = problems.map(\.description)
        #expect(messages.contains { $0.hasPrefix("content/site.yml:10: warning: unknown key \"langauge\" in search") })
        #expect(messages.contains { $0.hasPrefix("content/site.yml:12: error:") && $0.contains("min_image_width") })
        #expect(messages.contains { $0.hasPrefix("content/site.yml:15: warning: unknown key \"weigths\" in related; did you mean \"weights\"?") })
        #expect(config?.related.count == 3)
        #expect(config?.counter?.baseline == 10)
        #expect(config?.check.minImageWidth == 640)
    }

    @Test func checkReportsABadImageLimitInsteadOfUsingTheDefault() throws {
        let site = SourceFile(path: "content/site.yml", text: Fixtures.siteYAML + "\ncheck:\n  min_image_width: many\n")
        let problems = ContentCheck.run(.init(siteFile: site, articleFiles: [], images: ["a.jpg": 600 * 1024]))
        #expect(problems.contains { $0.severity == .error && $0.file == "content/site.yml" && $0.line == 10 && $0.message.contains("min_image_width") })
    }

    @Test func buildsSharingOneMemoryRunOneAtATime() async throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let content = folder.appendingPathComponent("content"), templates = folder.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Fixtures.siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
        for file in Self.articles {
            try file.text.writeReplacing(folder.appendingPathComponent(file.path))
        }
        for (name, file) in Fixtures.templates {
            let url = templates.appendingPathComponent(name + ".mustache")
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.writeReplacing(url)
        }
        try """
            weekdays: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
            """.writeReplacing(templates.appendingPathComponent("locale.yml"))
        let options = Build.Options(contentDirectory: content, templatesDirectory: templates,
                                    outputDirectory: folder.appendingPathComponent("public"))
        let state = BuildState()
        // Eight builds at once on one memory, as a dev server's watcher and a request could start them.
        let reports = try await withThrowingTaskGroup(of: Build.Report.self) { group in
            for _ in 0..<8 { group.addTask { try Build.run(options, state: state) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(reports.count == 8)
        #expect(reports.filter { $0.filesWritten > 0 }.count == 1, "only the first build had anything to write")
        let manifest = try #require(OutputManifest.read(from: options.outputDirectory))
        for path in manifest.entries.keys {
            #expect(FileManager.default.fileExists(atPath: options.outputDirectory.appendingPathComponent(path).path), "\(path)")
        }
    }
}
