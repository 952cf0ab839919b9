import Foundation
import Testing
@testable import BanTinKit

/// The timer's rebuilds (`bantin build` every few minutes, a new process each time): when only the access logs
/// changed, the counter's files alone are made again from the build cache; after any other change the build is
/// an ordinary one. Either way the output is byte for byte what a build into an empty folder gives.
@Suite struct TimerRebuildTests {
    typealias Project = CounterBuildTests.Project

    func makeProject() throws -> Project {
        let project = try CounterBuildTests().makeProject()
        try CounterFixtures.write(CounterBuildTests.sampleLog, to: project.log)
        return project
    }

    /// Every file of a built folder by its path, with its bytes.
    func tree(_ folder: URL) throws -> [String: Data] {
        let root = folder.standardizedFileURL.path + "/"
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.standardizedFileURL.path.dropFirst(root.count))] = try Data(contentsOf: url)
        }
        return files
    }

    /// A build of the same project into an empty folder (no manifest, no cache for that folder).
    func fullBuild(_ project: Project, _ name: String, now: Date? = nil) throws -> [String: Data] {
        var options = project.options
        options.outputDirectory = project.root.appendingPathComponent(name)
        if let now { options.now = now }
        try Build.run(options)
        return try tree(options.outputDirectory)
    }

    func appendLog(_ project: Project, minute: Int) throws {
        try CounterFixtures.append(CounterFixtures.line("/tin/dao-tao-nghe/", ip: "198.51.100.\(minute)",
                                                        time: "25/Nov/2026:08:\(minute < 10 ? "0" : "")\(minute):00 +0700") + "\n",
                                   to: project.log)
    }

    @Test func aLogsOnlyRebuildWritesOnlyTheCounterFilesAndLeavesEveryPageAsItWas() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        let first = try Build.run(project.options)
        #expect(!first.fromCache)
        let before = try tree(project.output)

        try appendLog(project, minute: 5)
        let report = try Build.run(project.options)
        #expect(report.fromCache)
        #expect(report.filesWritten == 3)
        #expect(report.counter?.views == 1)
        #expect(report.summary.contains("only the access logs changed since the last build"))
        let after = try tree(project.output)
        let changed = Set(after.keys.filter { after[$0] != before[$0] })
        // Not even the manifest: the counter's files are in it with fingerprints the figures do not change.
        #expect(changed == ["thong-ke/so-lieu.json", "thong-ke/index.html", "thong-ke/luot-xem.json"])
        #expect(Set(after.keys) == Set(before.keys))
        #expect(try project.views()["/tin/dao-tao-nghe/"] == 2)
        #expect(CounterStore(url: project.state).load().state.totalViews == 6)
        #expect(after == (try fullBuild(project, "fresh")))

        // No new line at all: nothing is written.
        let idle = try Build.run(project.options)
        #expect(idle.fromCache && idle.filesWritten == 0)
        #expect(try tree(project.output) == after)

        // The counter's files are newer than the manifest now: the next timer run is still the cheap one.
        try appendLog(project, minute: 6)
        let next = try Build.run(project.options)
        #expect(next.fromCache && next.filesWritten == 3)
        #expect(try project.views()["/tin/dao-tao-nghe/"] == 3)
        #expect(try tree(project.output) == (try fullBuild(project, "fresh-2")))
    }

    @Test func aCounterFileChangedByHandIsWrittenAgainByTheNextRun() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Build.run(project.options)
        let expected = try tree(project.output)
        for path in ["thong-ke/luot-xem.json", "thong-ke/so-lieu.json"] {
            try CounterFixtures.write("{}", to: project.output.appendingPathComponent(path))
            let report = try Build.run(project.options)
            #expect(report.fromCache && report.filesWritten == 1, "\(path)")
            #expect(try tree(project.output) == expected, "\(path)")
        }
        // An ordinary build (a template changed) compares them byte for byte too.
        try CounterFixtures.write("{}", to: project.output.appendingPathComponent("thong-ke/luot-xem.json"))
        try CounterFixtures.append("<!-- thay đổi -->", to: project.templates.appendingPathComponent("partials/sidebar.mustache"))
        #expect(!(try Build.run(project.options).fromCache))
        #expect(try tree(project.output) == (try fullBuild(project, "fresh")))
    }

    @Test func cachedRebuildsEqualFullBuildsAfterEachKindOfChange() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Build.run(project.options)
        let articles = project.content.appendingPathComponent("articles")
        let changes: [(name: String, fromCache: Bool, change: () throws -> Void)] = [
            ("log lines", true, { try appendLog(project, minute: 11) }),
            ("one article edited", false, {
                try CounterFixtures.append("\nMột câu thêm vào.\n", to: articles.appendingPathComponent("a.md"))
            }),
            ("an article added", false, {
                try CounterFixtures.write(Fixtures.article("c", title: "Tin thứ ba", date: "2026-11-24").text,
                                          to: articles.appendingPathComponent("c.md"))
            }),
            ("an article deleted", false, { try FileManager.default.removeItem(at: articles.appendingPathComponent("b.md")) }),
            ("site.yml", false, {
                let site = project.content.appendingPathComponent("site.yml")
                let text = try String(contentsOf: site, encoding: .utf8)
                try CounterFixtures.write(text.replacingOccurrences(of: "baseline: 892762", with: "baseline: 900000"), to: site)
            }),
            ("a template", false, {
                let sidebar = project.templates.appendingPathComponent("partials/sidebar.mustache")
                try CounterFixtures.append("<!-- thay đổi -->", to: sidebar)
            }),
            ("log lines again", true, { try appendLog(project, minute: 12) }),
        ]
        for (index, (name, fromCache, change)) in changes.enumerated() {
            try change()
            let report = try Build.run(project.options)
            #expect(report.fromCache == fromCache, "\(name)")
            #expect(try tree(project.output) == (try fullBuild(project, "fresh-\(index)")), "\(name)")
        }
        // The last line asks for the deleted article: not a view of any page.
        #expect(try project.read("thong-ke/index.html").contains("<p>Tất cả: 900.006</p>"))
    }

    @Test func aScheduledArticleComesOutAtTheFirstRebuildAfterItsTime() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try CounterFixtures.write(Fixtures.article("hen-gio", title: "Tin hẹn giờ", date: "2026-11-24",
                                                   extra: "publishDate: 2026-11-26T09:00:00+07:00").text,
                                  to: project.content.appendingPathComponent("articles/hen-gio.md"))
        try Build.run(project.options)
        #expect(!FileManager.default.fileExists(atPath: project.output.appendingPathComponent("tin/tin-hen-gio/index.html").path))
        // Before its time a rebuild is the timer's cheap one; after it, an ordinary build that publishes it.
        var options = project.options
        options.now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T01:59:00Z"))
        #expect(try Build.run(options).fromCache)
        options.now = try #require(ISO8601DateFormatter().date(from: "2026-11-26T02:00:00Z"))
        let report = try Build.run(options)
        #expect(!report.fromCache)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("tin/tin-hen-gio/index.html").path))
        #expect(try tree(project.output) == (try fullBuild(project, "fresh", now: options.now)))
    }

    @Test func theCacheIsSafeToDeleteAndAnOutputChangedByHandIsBuiltAgain() throws {
        let project = try makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Build.run(project.options)
        try FileManager.default.removeItem(at: BuildCache.location(content: project.content, output: project.output))
        #expect(!(try Build.run(project.options).fromCache))
        #expect(try Build.run(project.options).fromCache)

        let page = project.output.appendingPathComponent("tin/dao-tao-nghe/index.html")
        try CounterFixtures.write("sửa tay", to: page)
        let report = try Build.run(project.options)
        #expect(!report.fromCache)
        #expect(try project.read("tin/dao-tao-nghe/index.html") != "sửa tay")
    }

    @Test func withoutLogsNoPageOfTheSamplePortalShowsAZero() throws {
        let root = try Fixtures.sampleProjectCopy()
        defer { try? FileManager.default.removeItem(at: root) }
        var options = Build.Options(contentDirectory: root.appendingPathComponent("content"),
                                    templatesDirectory: root.appendingPathComponent("templates"),
                                    outputDirectory: root.appendingPathComponent("public"))
        options.now = Fixtures.options.now
        try Build.run(options)
        let files = try tree(options.outputDirectory)
        let statistics = String(decoding: try #require(files["thong-ke/index.html"]), as: UTF8.self)
        #expect(statistics.contains("<dt>Tất cả:</dt> <dd>892.762</dd>"))
        #expect(statistics.contains("Chưa có số liệu truy cập mới."))
        #expect(!statistics.contains("Đang xem:</dt> <dd>"))
        let figures = String(decoding: try #require(files["thong-ke/so-lieu.json"]), as: UTF8.self)
        #expect(figures.contains("\"time\":null") && !figures.contains("\"online\""))
        for (path, bytes) in files where path.hasSuffix(".html") {
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(!text.contains("<dd>0</dd>") && !text.contains("Lượt xem: 0") && !text.contains("Đang xem: 0"), "\(path)")
        }
    }
}

/// The build cache's file (`BuildCacheFile.swift`): what is written is what is read back.
@Suite struct BuildCacheFileTests {
    @Test func everyFieldComesBackAsItWasWritten() throws {
        let pages = CounterPages.Stored(
            table: ["/tin/a/": "/tin/a/", "/tin/a/in.html": "/tin/a/", "/tin-tuc/12.html": "/tin/a/",
                    "/index.php?id=3\t%": "/chuyen-muc/x/", "/chuyen-muc/x/": "/chuyen-muc/x/", "/la/": "/dac-biet/b/"],
            listings: ["/chuyen-muc/x/"], basePath: "/",
            titles: ["/tin/a/": "Hội nghị 100% \"đạt\"\tmới", "/chuyen-muc/x/": "Việc làm"],
            articles: [["a", "/tin/a/", "/tin-tuc/12.html"], ["b-khac", "/dac-biet/b/"]])
        let cache = BuildCache(
            program: InputScan.File(path: "/usr/bin/bantin", size: 10, modified: 20, inode: 30),
            content: "/site/content", templates: "/site/templates", output: "/site/public", includeDrafts: true,
            inputs: InputScan(time: 1_796_000_000_000_000_000, files: [
                InputScan.File(path: "content/articles/a.md", size: 4504, modified: 1_796_014_805_118_183_101, inode: 5, hash: 0xfedc_ba98_7654_3210),
                InputScan.File(path: "content/images/ảnh 1%.jpg", size: 2 << 20, modified: 7, inode: 8),
            ]),
            validUntil: 1_796_100_000, manifestHash: 0x0123_4567_89ab_cdef, articles: 2, staticPages: 1,
            heldBack: HeldBack(drafts: 1, scheduled: 2, expired: 0),
            warnings: [.warning("content/site.yml", line: 3, .verbatim("một cảnh báo\nhai dòng"))],
            counter: BuildCache.Counter(pages: pages, statisticsShell: "<main>\u{1}bantin:counter-figures\u{2}</main>\n",
                                        files: CounterFiles.Paths(figures: "thong-ke/so-lieu.json", statistics: "thong-ke/index.html",
                                                                  views: "thong-ke/luot-xem.json")))
        let read = try #require(BuildCache.decode(try cache.encoded()))
        #expect(read.inputs == cache.inputs)
        #expect(read.program == cache.program && read.validUntil == cache.validUntil && read.manifestHash == cache.manifestHash)
        #expect(read.heldBack == cache.heldBack && read.warnings.map(\.description) == cache.warnings.map(\.description))
        let back = try #require(read.counter)
        #expect(back.statisticsShell == cache.counter?.statisticsShell && back.files == cache.counter?.files)
        #expect(back.pages.table == pages.table && back.pages.titles == pages.titles)
        #expect(back.pages.listings == pages.listings && back.pages.articles == pages.articles)

        // Cut short (a full disk), another format: no cache, an ordinary build.
        let bytes = try cache.encoded()
        #expect(BuildCache.decode(bytes.dropLast(20)) == nil)
        #expect(BuildCache.decode(Data("bantin-build-cache 1\n{}\n".utf8)) == nil)
    }
}

/// The scan of a build's inputs (`InputScan`).
@Suite struct InputScanTests {
    @Test func aScanTakesTheLastScansHashesOnlyForFilesWithTheSameSignature() throws {
        let root = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let content = root.appendingPathComponent("content"), templates = root.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try CounterFixtures.write("title: Thử\n", to: content.appendingPathComponent("site.yml"))
        try CounterFixtures.write("a", to: content.appendingPathComponent("articles/a.md"))
        try CounterFixtures.write("b", to: content.appendingPathComponent("articles/b.md"))
        try CounterFixtures.write("{{x}}", to: templates.appendingPathComponent("base.mustache"))

        // The last scan as if taken long after these files were written (none racy), with marked hashes.
        var previous = InputScan.take(content: content, templates: templates)
        previous.time += 60_000_000_000
        previous.files = previous.files.map { var file = $0; file.hash = 42; return file }
        try CounterFixtures.write("b, sửa", to: content.appendingPathComponent("articles/b.md"))
        let next = InputScan.take(content: content, templates: templates, previous: previous)
        let hashes = Dictionary(uniqueKeysWithValues: next.files.map { ($0.path, $0.hash) })
        #expect(hashes["content/articles/a.md"] == 42)
        #expect(hashes["content/articles/b.md"] == ContentHash.of(Data("b, sửa".utf8)))
        // Racy then (written within two seconds of that scan): hashed again.
        previous.time -= 60_000_000_000
        let racy = InputScan.take(content: content, templates: templates, previous: previous)
        #expect(racy.files.first { $0.path == "content/articles/a.md" }?.hash == ContentHash.of(Data("a".utf8)))
    }
}

/// The build cache's scan takes the hashes of the files the load stage reads from the bytes it read (one read
/// of each article, not two), and they are those of the files' bytes.
@Suite struct InputScanHashTests {
    @Test func theScanKeepsTheHashOfEveryArticleAsTheLoadReadIt() throws {
        let project = try TimerRebuildTests().makeProject()
        defer { try? FileManager.default.removeItem(at: project.root) }
        try Build.run(project.options)
        let cache = try #require(BuildCache.load(content: project.content, output: project.output))
        let articles = cache.inputs.files.filter { $0.path.hasPrefix("content/articles/") || $0.path == "content/site.yml" }
        #expect(articles.count == 3)
        for file in articles {
            let bytes = try Data(contentsOf: project.root.appendingPathComponent(file.path))
            #expect(file.hash == ContentHash.of(bytes), "\(file.path)")
        }
        // Templates are not read by the load stage's reader: the scan hashes them itself.
        #expect(cache.inputs.files.filter { $0.path.hasPrefix("templates/") }.allSatisfy { $0.hash != nil })
    }
}
