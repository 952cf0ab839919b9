import Foundation
import Testing
@testable import BanTinKit

/// Issue #16's classes, each with inputs of its own: the published site is never lost or hidden, no input
/// makes the build slow beyond its size, nothing is changed or passed through silently.
@Suite(.serialized) struct HardeningRoundTwoTests {
    /// A small project on disk (fixture site, real templates) with `count` articles.
    struct Project {
        let folder: URL
        var content: URL { folder.appendingPathComponent("content") }
        var output: URL { folder.appendingPathComponent("public") }

        init(articles count: Int = 3, siteYAML: String = Fixtures.siteYAML) throws {
            folder = try Fixtures.temporaryFolder()
            let articles = content.appendingPathComponent("articles")
            try FileManager.default.createDirectory(at: articles, withIntermediateDirectories: true)
            try siteYAML.writeReplacing(content.appendingPathComponent("site.yml"))
            for index in 0..<count {
                try write(Fixtures.article("a\(index)", title: "Tin số \(index)").text, to: "content/articles/a\(index).md")
            }
        }

        func write(_ text: String, to path: String) throws {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }

        var options: Build.Options {
            var options = Build.Options(contentDirectory: content,
                                        templatesDirectory: Fixtures.repositoryRoot.appendingPathComponent("templates"),
                                        outputDirectory: output)
            options.now = Fixtures.options.now
            return options
        }

        func failure() -> [String] {
            do {
                try Build.run(options)
                return []
            } catch let failure as BuildFailure {
                return failure.errors.map(\.description)
            } catch {
                return ["\(error)"]
            }
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    // MARK: 1 and #14: one build at a time

    @Test func aSecondBuildWaitsForTheLockOrStopsAtOnceWithNoWait() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options)
        var held: BuildLock? = try BuildLock.acquire(BuildLock.file(forOutput: project.output), what: Message("lock.output", ["folder": "public/"]), policy: .fail)
        var noWait = project.options
        noWait.otherBuild = .fail
        #expect(throws: BuildLock.Busy.self) { try Build.run(noWait) }

        // A waiting build starts once the first lets go, and finds the site whole.
        let finished = Box(false)
        var waiting = project.options
        let told = Box<[String]>([])
        waiting.waiting = { message in told.withLock { $0.append(message.rendered(in: .en)) } }
        let thread = Thread { [waiting] in
            _ = try? Build.run(waiting)
            finished.withLock { $0 = true }
        }
        thread.start()
        Thread.sleep(forTimeInterval: 0.5)
        #expect(!finished.withLock { $0 })
        #expect(told.withLock { $0 } == ["waiting for another bantin build using public/ to finish"])
        #expect(Message("lock.waiting", ["what": .message(Message("lock.output", ["folder": "public/"]))]).rendered(in: .vi)
                == "đang chờ một lần dựng bantin khác đang dùng public/ chạy xong")
        #expect(held != nil)
        held = nil
        let deadline = Date().addingTimeInterval(30)
        while !finished.withLock({ $0 }), Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        #expect(finished.withLock { $0 })
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("index.html").path))
    }

    /// Two real `bantin build` processes started together on one output and one counter state: the state is
    /// saved once, by the first; the second counts no line again.
    @Test func twoBuildsStartedTogetherSaveTheCounterStateOnceWithTheRightTotals() throws {
        let binary = try #require(KilledBuildTests.executable, "bantin executable not built")
        let project = try Project(articles: 2, siteYAML: Fixtures.siteYAML + "\ncounter:\n  logs: [\"logs/access.log\"]\n  baseline: 1000\n")
        defer { project.remove() }
        let log = (0..<400).map { CounterFixtures.line("/tin/tin-so-\($0 % 2)/", ip: "192.0.2.\($0 % 200)",
                                                       time: String(format: "24/Nov/2026:10:%02d:%02d +0700", $0 / 60, $0 % 60)) }
        try project.write(log.joined(separator: "\n") + "\n", to: "logs/access.log")
        let arguments = ["build", "--quiet", "--lang", "en", "--content", project.content.path,
                         "--templates", Fixtures.repositoryRoot.appendingPathComponent("templates").path,
                         "--output", project.output.path]
        let outputs = try (0..<2).map { _ in
            let process = Process()
            process.executableURL = binary
            process.arguments = arguments
            process.currentDirectoryURL = project.folder
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            return (process, pipe)
        }.map { process, pipe in
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            return text
        }
        let counted = outputs.map { $0.contains("counter: 400 new lines read") }
        #expect(counted.filter { $0 }.count == 1, "\(outputs)")
        let state = try CounterStore(url: project.content.appendingPathComponent("data/visits.json")).load().state
        #expect(state.totalViews == 400)
        // Saved once: no state before it was kept aside.
        #expect(!FileManager.default.fileExists(atPath: project.content.appendingPathComponent("data/visits.json.previous").path))
    }

    final class Box<Value>: @unchecked Sendable {
        private var value: Value
        private let lock = NSLock()
        init(_ value: Value) { self.value = value }
        func withLock<Result>(_ body: (inout Value) -> Result) -> Result { lock.withLock { body(&value) } }
    }

    // MARK: 2: files changed or removed by hand are written again

    @Test func outputFilesChangedOrRemovedByHandAreWrittenAgain() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options)
        let page = project.output.appendingPathComponent("tin/tin-so-1/index.html")
        let original = try Data(contentsOf: page)
        let feed = project.output.appendingPathComponent("feed.xml")
        let feedBytes = try Data(contentsOf: feed)
        // File times advance by the kernel's clock tick (a few milliseconds): a change inside the tick in which
        // the build ended cannot be told from the build's own writes. No hand is that quick.
        Thread.sleep(forTimeInterval: 0.05)
        try FileManager.default.removeItem(at: project.output.appendingPathComponent("tin/tin-so-2/index.html"))
        // Same size, and its old modification time put back: the change time still tells.
        try Data(repeating: UInt8(ascii: "x"), count: original.count).write(to: page)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: page.path)
        try Data("<rss/>".utf8).write(to: feed)
        let report = try Build.run(project.options)
        #expect(report.filesWritten == 3)
        #expect(try Data(contentsOf: page) == original)
        #expect(try Data(contentsOf: feed) == feedBytes)
        #expect(FileManager.default.fileExists(atPath: project.output.appendingPathComponent("tin/tin-so-2/index.html").path))
        #expect(try Build.run(project.options).filesWritten == 0)
    }

    // MARK: 3: the swap is one exchange

    @Test func theFullSwapExchangesTheFoldersSoTheOutputAlwaysExists() throws {
        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        try FileManager.default.createDirectory(at: one, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: two, withIntermediateDirectories: true)
        try Data("1".utf8).write(to: one.appendingPathComponent("f"))
        try Data("2".utf8).write(to: two.appendingPathComponent("f"))
        #expect(OutputWriter.exchange(one.path, two.path))
        #expect(try String(contentsOf: one.appendingPathComponent("f"), encoding: .utf8) == "2")
        #expect(try String(contentsOf: two.appendingPathComponent("f"), encoding: .utf8) == "1")

        // A full build over an existing site leaves nothing beside it but its lock.
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options)
        var full = project.options
        full.fullRebuild = true
        try Build.run(full)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project.folder.path).sorted() == [".bantin", ".public.lock", "content", "public"])
    }

    // MARK: 4: a half-applied update is rolled back before a build fails on content

    @Test func aHalfAppliedUpdateIsRolledBackEvenWhenTheNextBuildFails() throws {
        let project = try Project()
        defer { project.remove() }
        try Build.run(project.options)
        let before = try EndToEndTests().snapshot(project.output)
        // A committed update killed during its moves: one new file moved in, the page it replaces kept aside.
        let writer = OutputWriter(output: project.output)
        let staging = writer.staging
        try FileManager.default.createDirectory(at: writer.backup.appendingPathComponent("tin/tin-so-0"), withIntermediateDirectories: true)
        let page = project.output.appendingPathComponent("tin/tin-so-0/index.html")
        #expect(link(page.path, writer.backup.appendingPathComponent("tin/tin-so-0/index.html").path) == 0)
        try FileManager.default.removeItem(at: page)
        try Data("half".utf8).write(to: page)
        try Data("w\ttin/tin-so-0/index.html".utf8).write(to: writer.journal)
        #expect(FileManager.default.fileExists(atPath: staging.path))

        try project.write("---\ntitle: Lỗi\n---\n", to: "content/articles/broken.md")
        #expect(project.failure().contains("content/articles/broken.md:2: error: \"date\" is required"))
        #expect(try EndToEndTests().snapshot(project.output) == before)
    }

    // MARK: 5, 6: work linear in the input's size

    /// Pathological Markdown is refused at its line, before cmark-gfm sees it; what is parsed is bounded per
    /// paragraph, so parse time grows linearly. Timed over three sizes.
    @Test func markdownThatCmarkParsesInQuadraticTimeIsRefusedOrStaysLinear() throws {
        let shapes = ["![[]()", "*_~a ", "a@", "|"]
        for shape in shapes {
            let body = "Mở đầu.\n\n" + String(repeating: shape, count: 20_000)
            let problems = MarkdownLimits.problems(in: body, firstLine: 6)
            #expect(problems.count == 1 && problems[0].line == 8, "\(shape): \(problems)")
        }
        let errors = Fixtures.failure([Fixtures.article("p", title: "Tin", body: "Đoạn.\n\n" + String(repeating: "![[]()", count: 5_000))])
        #expect(errors.map(\.description).first?.hasPrefix("content/articles/p.md:9: error: more than 128 \"[\" opened and not closed") == true)

        // Under the limits, paragraph after paragraph: parse time linear in the size.
        let paragraph = String(repeating: "![[]()", count: 100) + String(repeating: "*_a ", count: 400) + "\n\n"
        let bodies = [15_000, 45_000, 135_000].map { String(repeating: paragraph, count: $0 / paragraph.utf8.count) }
        for body in bodies { #expect(MarkdownLimits.problems(in: body, firstLine: 1).isEmpty) }
        Self.expectLinear(sizes: bodies.map { Double($0.utf8.count) }) { _ = Markdown().render(bodies[$0]) }
    }

    @Test func frontMatterWithTensOfThousandsOfKeysIsReadInLinearTime() throws {
        let counts = [1_000, 3_000, 9_000]
        let files = counts.map { count in
            Fixtures.article("k", title: "Tin", extra: (0..<count).map { "k\($0): v" }.joined(separator: "\n"))
        }
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        for (index, count) in counts.enumerated() {
            let (article, problems) = ArticleSource.read(files[index], timeZone: zone)
            #expect(article != nil)
            #expect(problems.count == count)
            #expect(problems.last?.line == count + 4)
        }
        Self.expectLinear(sizes: counts.map(Double.init)) { _ = ArticleSource.read(files[$0], timeZone: zone) }
    }

    /// Times `work(i)` for each size, three rounds taking turns (the other tests run at the same time, so single
    /// timings are noisy; the fastest of each is kept), and expects the largest to take at most three times what
    /// linear growth from the smallest allows. Nine times the input: linear work about nine times as long,
    /// quadratic about eighty-one.
    static func expectLinear(sizes: [Double], sourceLocation: SourceLocation = #_sourceLocation, _ work: (Int) -> Void) {
        var best = [Double](repeating: .infinity, count: sizes.count)
        for _ in 0..<3 {
            for index in sizes.indices {
                let start = Date()
                work(index)
                best[index] = min(best[index], Date().timeIntervalSince(start))
            }
        }
        let allowed = best[0] * (sizes.last! / sizes[0]) * 3 + 0.05
        #expect(best.last! < allowed, "\(best)", sourceLocation: sourceLocation)
    }

    // MARK: 7–11: content never changed or passed through silently

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
        let project = try Project()
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
        let project = try Project()
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

    // MARK: 12: readable messages

    @Test func fileNamesWithControlCharactersAndSystemErrorsAreWrittenReadably() throws {
        let diagnostic = Diagnostic.error("content/articles/a\nb\u{1B}[31m.md", line: 3, .verbatim("bad \u{202E}x"))
        #expect(diagnostic.description == #"content/articles/a\nb\u{1B}[31m.md:3: error: bad \u{202E}x"#)
        #expect(FileProblem.describe(PlainFiles.Failure(path: "/srv/public/tin/a/index.html", operation: "write", code: ENOSPC))
                == "disk full while writing /srv/public/tin/a/index.html")
        let cocoa = CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: "/srv/public/x"])
        #expect(FileProblem.describe(cocoa) == "permission denied while writing /srv/public/x")

        // A read-only output folder: the build says so, on the folder, and leaves the site as it was.
        let project = try Project()
        defer {
            chmod(project.folder.path, 0o755)
            project.remove()
        }
        try Build.run(project.options)
        guard getuid() != 0 else { return }  // root writes anyway
        chmod(project.folder.path, 0o555)
        try project.write(Fixtures.article("a0", title: "Tin đổi").text, to: "content/articles/a0.md")
        #expect(project.failure().first?.contains("permission denied") == true)
    }

    // MARK: 13: impossible and future log dates

    @Test func impossibleDatesAreMalformedAndFutureLinesAreSkippedAndReported() throws {
        var bytes = Array(CounterFixtures.line("/", time: "31/Feb/2026:08:00:00 +0700").utf8)
        #expect(bytes.withUnsafeBufferPointer { LogLine.parse($0) } == nil)
        bytes = Array(CounterFixtures.line("/", time: "29/Feb/2028:08:00:00 +0700").utf8)
        #expect(bytes.withUnsafeBufferPointer { LogLine.parse($0) } != nil)

        let folder = try Fixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("access.log")
        try CounterFixtures.write([
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "25/Nov/2026:08:00:00 +0700"),
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "31/Feb/2026:08:00:00 +0700"),
            CounterFixtures.line("/tin/hoi-nghi-can-bo/", time: "01/Jan/2031:08:00:00 +0700"),
        ].joined(separator: "\n") + "\n", to: log)
        let settings = CounterSettings()
        let counter = try VisitCounter.prepare(
            pages: PageTable(site: CounterFixtures.site), timeZone: CounterFixtures.site.config.timeZone, settings: settings,
            locations: .init(projectRoot: folder, logPatterns: [log.path], stateFile: folder.appendingPathComponent("state.json"),
                             now: Fixtures.options.now),
            mode: .countWithoutSaving)
        #expect(counter.report.views == 1)
        #expect(counter.report.malformed == 1)
        #expect(counter.report.future == 1)
        #expect(counter.snapshot?.time.map { $0 < Fixtures.options.now } == true)
        #expect(counter.diagnostics.contains { $0.message.hasPrefix("counter: 1 log line is dated more than a day after this build") })
    }
}
