import BanTinServe
import Foundation
import Testing
@testable import BanTinKit

/// The counter inside whole builds: figures on the pages, the state saved only after the site is written.
@Suite struct CounterBuildTests {
    struct Project {
        let root: URL
        /// Another output folder than public/ (a preview's).
        var outputOverride: URL? = nil
        var content: URL { root.appendingPathComponent("content") }
        var templates: URL { root.appendingPathComponent("templates") }
        var output: URL { outputOverride ?? root.appendingPathComponent("public") }
        var state: URL { content.appendingPathComponent("data/visits.json") }
        var log: URL { root.appendingPathComponent("logs/access.log") }

        var options: Build.Options {
            var options = Build.Options(contentDirectory: content, templatesDirectory: templates, outputDirectory: output)
            options.now = Fixtures.options.now
            return options
        }

        func read(_ path: String) throws -> String {
            try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        }

        /// The views file by article URL, through the key each article's page carries.
        func views() throws -> [String: Int] {
            let byKey = try JSONSerialization.jsonObject(with: Data(read("thong-ke/luot-xem.json").utf8)) as? [String: Int] ?? [:]
            var byURL: [String: Int] = [:]
            for slug in try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("tin").path) {
                guard let page = try? read("tin/\(slug)/index.html"), let key = Self.viewsKey(in: page),
                      let count = byKey[key] else { continue }
                byURL["/tin/\(slug)/"] = count
            }
            return byURL
        }

        static func viewsKey(in page: String) -> String? {
            guard let start = page.range(of: "data-views-key=\""),
                  let end = page[start.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(page[start.upperBound..<end])
        }
    }

    static let counterYAML = """
        counter:
          logs: ["logs/access.log*"]
          baseline: 892762
        """

    static let templates: [String: String] = {
        var texts = Fixtures.templates.mapValues(\.text)
        // No page holds a figure: the sidebar and the article only point at the figures (filled by a script).
        texts["partials/sidebar"] = """
            <aside class="sidebar">{{#counter.is_configured}}<p data-counter-figures="{{counter.figures_url}}">\
            <a href="{{counter.statistics_url}}">Số liệu truy cập</a></p>{{/counter.is_configured}}</aside>
            """
        texts["article"] = "{{<base}}{{$main}}<h1>{{article.title}}</h1>{{#counter.is_configured}}<p data-views-key=\"{{article.views_key}}\" hidden>Lượt xem: <span></span></p>{{/counter.is_configured}}{{/main}}{{/base}}"
        texts["thong-ke"] = "{{<base}}{{$main}}<h1>Thống kê</h1>{{{counter_figures}}}{{/main}}{{/base}}"
        texts["partials/counter-figures"] = """
            {{#is_available}}{{#has_figures}}<p>Đang xem: {{online}}</p><p>Số liệu lúc {{snapshot_time}}</p>{{/has_figures}}\
            {{#has_total}}<p>Tất cả: {{total}}</p>{{/has_total}}\
            {{#has_most_read}}<h2>Tin đọc nhiều</h2><ol>{{#most_read}}<li><a href="{{url}}">{{title}}</a> ({{views}})</li>{{/most_read}}</ol>{{/has_most_read}}{{/is_available}}\
            {{^is_available}}<p>Số liệu tạm thời chưa có</p>{{/is_available}}
            """
        return texts
    }()

    func makeProject(siteYAML: String = Fixtures.siteYAML + "\n" + counterYAML) throws -> Project {
        let project = Project(root: try Fixtures.temporaryFolder())
        let manager = FileManager.default
        for folder in ["content/articles", "content/pages", "templates/partials", "logs"] {
            try manager.createDirectory(at: project.root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try CounterFixtures.write(siteYAML, to: project.content.appendingPathComponent("site.yml"))
        for (name, title, date) in [("a", "Hội nghị cán bộ", "2026-11-20"), ("b", "Đào tạo nghề", "2026-11-24")] {
            try CounterFixtures.write(Fixtures.article(name, title: title, date: date, extra: "aliases: [\"/tin-tuc/12.html\"]".replacingOccurrences(of: "12", with: name)).text,
                                      to: project.content.appendingPathComponent("articles/\(name).md"))
        }
        for (name, text) in Self.templates {
            try CounterFixtures.write(text, to: project.templates.appendingPathComponent(name + ".mustache"))
        }
        try CounterFixtures.write("""
            weekdays: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
            datetime_short: "{HH}:{MM} {dd}/{mm}/{yyyy}"
            """, to: project.templates.appendingPathComponent("locale.yml"))
        return project
    }

    static let sampleLog = [
        CounterFixtures.line("/tin/hoi-nghi-can-bo/", ip: "192.0.2.1", time: "25/Nov/2026:07:30:00 +0700"),
        CounterFixtures.line("/tin/hoi-nghi-can-bo/in.html", ip: "192.0.2.2", time: "25/Nov/2026:07:50:00 +0700"),
        CounterFixtures.line("/tin-tuc/a.html", ip: "192.0.2.3", time: "25/Nov/2026:07:55:00 +0700"),
        CounterFixtures.line("/tin/dao-tao-nghe/", ip: "192.0.2.3", time: "25/Nov/2026:07:56:00 +0700"),
        CounterFixtures.line("/", ip: "192.0.2.4", time: "25/Nov/2026:07:58:00 +0700", agent: "Googlebot/2.1"),
        CounterFixtures.line("/assets/style.css", ip: "192.0.2.3", time: "25/Nov/2026:07:58:30 +0700"),
        "not a log line",
        CounterFixtures.line("/", ip: "192.0.2.5", time: "25/Nov/2026:01:00:00 +0000"),
    ].joined(separator: "\n") + "\n"

    @Test func pagesShowTheSnapshotAndTheStateIsSavedAfterTheSite() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        let report = try Build.run(project.options)

        let statistics = try project.read("thong-ke/index.html")
        #expect(statistics.contains("Tất cả: 892.767"))
        #expect(statistics.contains("Đang xem: 3"))   // 192.0.2.2, .3 and .5 in the 15 minutes before 08:00
        #expect(statistics.contains("Số liệu lúc 08:00 25/11/2026"))
        #expect(statistics.contains("<li><a href=\"/tin/hoi-nghi-can-bo/\">Hội nghị cán bộ</a> (3)</li><li><a href=\"/tin/dao-tao-nghe/\">Đào tạo nghề</a> (1)</li>"))
        let figures = try project.read("thong-ke/so-lieu.json")
        #expect(!figures.contains("\"views\":{"))   // in their own file, read by article pages only
        #expect(try project.views() == ["/tin/dao-tao-nghe/": 1, "/tin/hoi-nghi-can-bo/": 3])
        #expect(figures.contains("\"online\":3,\"online_text\":\"3\",\"total\":892767,\"total_text\":\"892.767\""))
        #expect(figures.contains("\"time_text\":\"08:00 25/11/2026\""))
        // The pages only point at the figures.
        let page = try project.read("tin/hoi-nghi-can-bo/index.html")
        let key = try #require(Project.viewsKey(in: page))
        #expect(key.count == 6 && key == ArticleKeys(urls: ["/tin/hoi-nghi-can-bo/"])["/tin/hoi-nghi-can-bo/"])
        #expect(page.contains("<p data-views-key=\"\(key)\" hidden>Lượt xem: <span></span></p>"))
        #expect(!page.contains("892"))

        let counter = try #require(report.counter)
        #expect(counter == {
            var expected = CounterReport()
            expected.files = 1; expected.filesRead = 1
            expected.linesRead = 8; expected.views = 5; expected.bots = 1; expected.assets = 1; expected.malformed = 1
            return expected
        }())
        #expect(report.summary.contains("\ncounter: 8 new lines read (1 log file): 5 page views, 1 search engines and bots, 1 photo, CSS and JS downloads, 0 other, 1 malformed"))
        #expect(CounterStore(url: project.state).load().state.totalViews == 5)

        // Built again on the same logs: the same pages, and the state file is not even rewritten.
        let saved = try Data(contentsOf: project.state)
        let modified = try FileManager.default.attributesOfItem(atPath: project.state.path)[.modificationDate] as? Date
        let again = try Build.run(project.options)
        #expect(again.counter?.linesRead == 0)
        #expect(again.summary.hasSuffix("\ncounter: 0 new lines read (1 log file, 1 unchanged): 0 page views, 0 search engines and bots, 0 photo, CSS and JS downloads, 0 other, 0 malformed"))
        #expect(try project.read("thong-ke/index.html") == statistics)
        #expect(try Data(contentsOf: project.state) == saved)
        #expect(try FileManager.default.attributesOfItem(atPath: project.state.path)[.modificationDate] as? Date == modified)
    }

    /// `serve` used to count new log lines and save the production state (inside the folder it watches).
    @Test func aPreviewShowsTheSavedFiguresAndNeverSavesTheState() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        try Build.run(project.options)
        let saved = try Data(contentsOf: project.state)
        try CounterFixtures.append(CounterFixtures.line("/tin/dao-tao-nghe/", time: "25/Nov/2026:08:10:00 +0700") + "\n", to: project.log)

        var preview = project.options
        preview.outputDirectory = project.root.appendingPathComponent(".bantin/serve")
        preview.showsSavedCounter = true
        let report = try Build.run(preview, state: BuildState())
        #expect(report.counter?.linesRead == 0)
        #expect(try Data(contentsOf: project.state) == saved)
        var shown = project
        shown.outputOverride = preview.outputDirectory
        #expect(try shown.views()["/tin/dao-tao-nghe/"] == 1)   // the saved figure, not the new line's
        // `bantin serve` builds this way whatever it is given.
        #expect(DevServer(options: .init(build: project.options)).options.build.showsSavedCounter)
    }

    @Test func aBuildThatFailsAfterReadingTheLogsCountsNothing() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        try Build.run(project.options)
        let before = try Data(contentsOf: project.state)

        try CounterFixtures.append(CounterFixtures.line("/tin/dao-tao-nghe/", time: "25/Nov/2026:08:10:00 +0700") + "\n", to: project.log)
        let article = project.templates.appendingPathComponent("article.mustache")
        let good = try String(contentsOf: article, encoding: .utf8)
        try CounterFixtures.write("{{#article}}broken", to: article)
        #expect(throws: BuildFailure.self) { try Build.run(project.options) }
        #expect(try Data(contentsOf: project.state) == before, "the state must not advance past what the site shows")

        try CounterFixtures.write(good, to: article)
        let report = try Build.run(project.options)
        #expect(report.counter?.views == 1)
        #expect(CounterStore(url: project.state).load().state.totalViews == 6)
        #expect(try project.views()["/tin/dao-tao-nghe/"] == 2)
    }

    @Test func withoutLogsTheBaselineIsShownAndNothingIsWritten() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let report = try Build.run(project.options)
        // What is true: the baseline, no "Đang xem" (nothing counted yet), no views, no most-read list.
        let statistics = try project.read("thong-ke/index.html")
        #expect(statistics.contains("<p>Tất cả: 892.762</p>"))
        #expect(!statistics.contains("Đang xem"))
        #expect(!statistics.contains("Số liệu lúc"))
        #expect(try project.read("thong-ke/so-lieu.json")
            == "{\"available\":true,\"time\":null,\"total\":892762,\"total_text\":\"892.762\",\"separator\":\".\",\"most_read\":[]}\n")
        #expect(try project.read("thong-ke/luot-xem.json") == "{}\n")
        // An editor's computer has no access log: no warning on every build, no counter line in the summary.
        #expect(!report.warnings.contains { $0.text.key.hasPrefix("counter.") })
        #expect(!report.summary(in: .vi).contains("bộ đếm"))
        #expect(!FileManager.default.fileExists(atPath: project.state.path))
    }

    @Test func logsThatWereCountedAndAreGoneAreStillWarnedAbout() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        let first = try Build.run(project.options)
        #expect(first.summary(in: .vi).contains("\nbộ đếm: đọc 8 dòng nhật ký mới (1 tệp nhật ký): 5 lượt xem trang, 1 lượt của máy tìm kiếm và máy tự động, 1 lượt tải ảnh, CSS và JS"))
        try FileManager.default.removeItem(at: project.log)
        let report = try Build.run(project.options)
        #expect(report.warnings.map(\.description).contains {
            $0.hasPrefix("content/site.yml:10: warning: counter: no access log matches \"logs/access.log*\"")
        })
    }

    @Test func withoutACounterSectionTheCounterIsNotShown() throws {
        let project = try makeProject(siteYAML: Fixtures.siteYAML)
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        let report = try Build.run(project.options)
        #expect(report.counter == nil)
        #expect(!(try project.read("index.html").contains("Số liệu truy cập")))
        #expect(!(try project.read("tin/hoi-nghi-can-bo/index.html").contains("Lượt xem")))
        for path in ["thong-ke/index.html", "thong-ke/so-lieu.json", "thong-ke/luot-xem.json"] {
            #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent(path).path))
        }
    }

    @Test func aStateThatCannotBeReadHidesTheCounterAndIsNotOverwritten() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Self.sampleLog, to: project.log)
        // A folder where the file should be: it exists, and cannot be read as a file.
        try FileManager.default.createDirectory(at: project.state, withIntermediateDirectories: true)
        let report = try Build.run(project.options)
        #expect(try project.read("thong-ke/index.html").contains("<p>Số liệu tạm thời chưa có</p>"))
        #expect(try project.read("thong-ke/so-lieu.json") == "{\"available\":false}\n")
        #expect(try project.read("thong-ke/luot-xem.json") == "{}\n")
        #expect(report.warnings.contains { $0.message.contains("state cannot be read") })
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: project.state.path, isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test func theSamplePortalsTemplatesShowEveryFigure() throws {
        let root = try Fixtures.sampleProjectCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("logs"), withIntermediateDirectories: true)
        let seed = "/tin/\(EndToEndTests.seedSlug)/"
        try CounterFixtures.write([
            CounterFixtures.line(seed, ip: "192.0.2.1", time: "25/Nov/2026:07:58:00 +0700"),
            CounterFixtures.line(seed + "in/", ip: "192.0.2.2", time: "25/Nov/2026:07:59:00 +0700"),
            CounterFixtures.line("/", ip: "192.0.2.3", time: "25/Nov/2026:08:00:00 +0700"),
        ].joined(separator: "\n") + "\n", to: root.appendingPathComponent("logs/access.log"))
        var options = Build.Options(contentDirectory: root.appendingPathComponent("content"),
                                    templatesDirectory: root.appendingPathComponent("templates"),
                                    outputDirectory: root.appendingPathComponent("public"))
        options.now = Fixtures.options.now
        let report = try Build.run(options)
        #expect(report.counter?.views == 3)
        let statistics = try String(contentsOf: root.appendingPathComponent("public/thong-ke/index.html"), encoding: .utf8)
        for part in ["<dt>Đang xem:</dt> <dd>3</dd>", "<dt>Tất cả:</dt> <dd>892.765</dd>",
                     "Số liệu lúc 08:00 25/11/2026", "Tin đọc nhiều", "(2 lượt xem)"] {
            #expect(statistics.contains(part), "the statistics page lacks \(part)")
        }
        // Every page points at the figures file and the statistics page, and holds no figure itself.
        let page = try String(contentsOf: root.appendingPathComponent("public\(seed)index.html"), encoding: .utf8)
        for part in ["data-counter-figures=\"/thong-ke/so-lieu.json\"", "<a href=\"/thong-ke/\">Xem số liệu truy cập</a>",
                     "data-views-from=\"/thong-ke/luot-xem.json\" hidden", "/assets/counter.js", "href=\"/thong-ke/#tin-doc-nhieu\""] {
            #expect(page.contains(part), "the article page lacks \(part)")
        }
        #expect(!page.contains("892.765") && !page.contains("(2 lượt xem)"))
        let views = try String(contentsOf: root.appendingPathComponent("public/thong-ke/luot-xem.json"), encoding: .utf8)
        let key = try #require(Project.viewsKey(in: page))
        #expect(views == "{\"\(key)\":2}\n")
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("content/data/visits.json").path))
    }
}
