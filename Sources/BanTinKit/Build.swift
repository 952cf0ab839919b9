import Foundation

/// The whole pipeline, top to bottom: load → model → markdown → enrich → render → write.
/// Every stage but the first and the last is a pure function of values, so tests can run it in memory.
public enum Build {
    public struct Options: Sendable {
        public var contentDirectory: URL
        public var templatesDirectory: URL
        public var outputDirectory: URL
        public var includeDrafts = false
        public var now = Date()
        /// Ignore the output's manifest: render and write every file (`bantin build --full`).
        public var fullRebuild = false
        /// Told how far the build is, for a progress line.
        public var progress: (@Sendable (Progress) -> Void)?
        /// Another build using the same output or counter state: wait for it, or fail at once (`--no-wait`).
        public var otherBuild: BuildLock.Policy = .wait
        /// Told when this build waits for another (a line for the terminal).
        public var waiting: (@Sendable (String) -> Void)?

        public init(contentDirectory: URL, templatesDirectory: URL, outputDirectory: URL) {
            self.contentDirectory = contentDirectory
            self.templatesDirectory = templatesDirectory
            self.outputDirectory = outputDirectory
        }
    }

    /// Where a build is: files read, then pages rendered out of those that changed.
    public struct Progress: Sendable, Equatable {
        public var filesRead = 0
        public var pagesRendered = 0
        public var pagesToRender = 0
    }

    public struct Report: Sendable {
        public var articles = 0
        public var staticPages = 0
        public var filesWritten = 0
        /// Of them, HTML pages (what an open tab may show).
        public var pagesWritten = 0
        /// Files of the previous build left as they were, and those removed (their article is gone).
        public var filesUnchanged = 0
        public var filesRemoved = 0
        public var seconds = 0.0
        public var heldBack = SiteModel.HeldBack()
        public var warnings: [Diagnostic] = []
        /// What the visit counter read, when site.yml has a `counter:` section.
        public var counter: CounterReport?
        /// Seconds spent in each stage, in order, the processor seconds of all threads in it, and the process's
        /// resident memory (bytes) when it ended (`bantin build --timings`; 0 where the system does not say).
        public var stages: [(name: String, seconds: Double, processorSeconds: Double, residentBytes: Int)] = []

        public var summary: String {
            var line = "built \(articles) articles, \(staticPages) pages: \(filesWritten) files"
            if filesUnchanged > 0 || filesRemoved > 0 {
                line += " written, \(filesUnchanged) unchanged, \(filesRemoved) removed"
            }
            line += " in " + String(format: "%.2f", seconds) + " s"
            if heldBack.total > 0 {
                line += "; held back \(heldBack.total) (\(heldBack.drafts) drafts, \(heldBack.scheduled) scheduled, \(heldBack.expired) expired)"
            }
            if !warnings.isEmpty { line += "; \(warnings.count) warning\(warnings.count == 1 ? "" : "s")" }
            if let counter { line += "\n" + counter.summary }
            return line
        }
    }

    /// What the pure part of the build needs: the editors' and designer's files, already read.
    public struct Inputs: Sendable {
        public var siteFile: SourceFile?
        public var articleFiles: [SourceFile]
        public var pageFiles: [SourceFile]
        public var templates: [String: SourceFile]
        public var locale: SourceFile?

        public init(siteFile: SourceFile?, articleFiles: [SourceFile], pageFiles: [SourceFile] = [],
                    templates: [String: SourceFile], locale: SourceFile? = nil) {
            self.siteFile = siteFile
            self.articleFiles = articleFiles
            self.pageFiles = pageFiles
            self.templates = templates
            self.locale = locale
        }
    }

    /// Builds from disk into `outputDirectory`; on any error the previous output is left untouched.
    /// Only files whose fingerprint differs from the output's manifest are rendered and written, and files
    /// of articles that are gone are removed; the result is the same as a build into an empty folder.
    /// `state` carries what an earlier build in this process read and rendered (`bantin serve`).
    @discardableResult
    public static func run(_ options: Options, state: BuildState = BuildState(remembers: false)) throws -> Report {
        let start = Date()
        var stages = StageClock()
        // One build at a time on this output (the lock is released when the build ends, however it ends);
        // then a killed build's half-applied update is undone before anything can fail on the content.
        let outputLock = try BuildLock.acquire(BuildLock.file(forOutput: options.outputDirectory),
                                               what: options.outputDirectory.lastPathComponent + "/",
                                               policy: options.otherBuild, waiting: options.waiting)
        defer { withExtendedLifetime(outputLock) {} }
        let writer = OutputWriter(output: options.outputDirectory)
        try writer.recover()
        // Load
        // Until this build is the output's latest, a preview must not start from the one before.
        state.previewBasis = nil
        var loader = ContentLoader(contentDirectory: options.contentDirectory, cache: state.remembers ? state.files : nil)
        if let report = options.progress { loader.progress = { report(Progress(filesRead: $0)) } }
        var loaded = loader.load()
        state.keepOnly(Set((loaded.siteFile.map { [$0] } ?? []).map(\.path) + (loaded.articleFiles + loaded.pageFiles).map(\.path)))
        let templateLoader = TemplateLoader(templatesDirectory: options.templatesDirectory,
                                            displayRoot: options.contentDirectory.deletingLastPathComponent())
        var loadProblems = loaded.diagnostics
        var templates: [String: SourceFile] = [:]
        do { templates = try templateLoader.templateSources() } catch { loadProblems += error.diagnostics }
        let progress = Progress(filesRead: loaded.articleFiles.count + loaded.pageFiles.count + templates.count + 1)
        options.progress?(progress)
        if loadProblems.contains(where: { $0.severity == .error }) || loaded.siteFile == nil {
            throw BuildFailure(loadProblems)
        }
        var (site, held, warnings) = try model(siteFile: loaded.siteFile!, articleFiles: loaded.articleFiles,
                                               pageFiles: loaded.pageFiles, options: options, earlier: loadProblems,
                                               memo: state.remembers ? state.parses : nil)
        loaded = ContentLoader.Loaded()  // the files' text is in the model now; do not hold it twice
        stages.lap("load")
        let dates = try templateLoader.dateStyle(timeZone: site.config.timeZone)
        let numbers = try templateLoader.numberStyle()
        let (templateSet, templateFingerprints) = try state.templates(templates)
        // Markdown
        site = ArticleBodies.render(site, memo: state.remembers ? state.bodies : nil)
        // Only `serve`'s memo compares the Markdown again; a single build lets the sources go.
        if !state.remembers { site.releaseMarkdownSources() }
        stages.lap("markdown")
        // Enrich. The reader files (feeds, sitemap, search index) need only the rendered articles: made on the
        // side while related news searches its lists (after its index, whose memory they would add to), on
        // whichever core it leaves idle. The visit counter reads its state and the new log lines at the edge
        // (nothing is saved yet).
        var readerFiles: Concurrently<[OutputFile]>?
        let related = RelatedNews.compute(site, indexed: {
            readerFiles = Concurrently { [site] in ReaderFiles.render(site, dates: dates) }
        })
        let (counterSettings, counterProblems) = CounterSettings.parse(site.config)
        if counterProblems.contains(where: { $0.severity == .error }) { throw BuildFailure(warnings + counterProblems) }
        let counter = try counterSettings.map {
            // `serve` (whose state remembers) never holds the counter's state while it builds.
            try VisitCounter.prepare(site: site, settings: $0, stateLock: state.remembers ? .onlyToSave : .forTheBuild(options.otherBuild), locations: .init(
                projectRoot: options.contentDirectory.deletingLastPathComponent().standardizedFileURL,
                display: { [root = options.contentDirectory.deletingLastPathComponent().standardizedFileURL] url in
                    Self.relativePath(url, to: root)
                }, now: options.now))
        }
        let reader = readerFiles?.value ?? ReaderFiles.render(site, dates: dates)
        // Related news and the search index were the last to read the bodies' plain text: it goes before the
        // pages are made.
        site.releasePlainText()
        stages.lap("enrich: related, counter; feeds, sitemap, search index")
        // Render: what every page will show, fingerprinted against the output's manifest; pages are made
        // while they are written.
        let planned = plan(site: site, related: related, templates: templateSet, dates: dates, numbers: numbers,
                           counter: counter?.snapshot, readerFiles: reader)
        let copies = OutputPlanner.Copy.all(in: templateLoader.assetsDirectory, to: "assets",
                                            displayRoot: options.contentDirectory.deletingLastPathComponent())
            + OutputPlanner.Copy.all(in: options.contentDirectory.appendingPathComponent("images"), to: "images",
                                     displayRoot: options.contentDirectory.deletingLastPathComponent())
        let previous = options.fullRebuild ? nil : (state.manifest ?? OutputManifest.read(from: options.outputDirectory))
        var planner = OutputPlanner(templates: planned.templates, templateFingerprints: templateFingerprints, previous: previous)
        var update = planner.update(planned: planned.files, copies: copies)
        stages.lap("render: page values, fingerprints")
        var written: (@Sendable (Int, Int) -> Void)?
        if let report = options.progress {
            let filesRead = progress.filesRead
            written = { done, total in report(Progress(filesRead: filesRead, pagesRendered: done, pagesToRender: total)) }
        }
        let work = ParallelWork(progress: written)
        // Write, then (only then) advance the counter's state to what the written pages show.
        state.manifest = nil
        do {
            try writer.apply(update, work: work)
        } catch is OutputWriter.MissingOutput {
            // Someone removed files from the output by hand: write everything.
            planner.previous = nil
            update = planner.update(planned: planned.files, copies: copies)
            try writer.apply(update, work: work)
        }
        state.manifest = update.manifest
        if state.remembers, let contexts = planned.contexts {
            state.previewBasis = PreviewBasis(
                contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory,
                outputDirectory: options.outputDirectory, includeDrafts: options.includeDrafts, contexts: contexts,
                related: related, templates: planned.templates, templateFingerprints: templateFingerprints)
        }
        let saveProblems = counter?.commit() ?? []
        stages.split("render: pages", "write", by: (work.produceSeconds, work.storeSeconds))

        var report = Report()
        report.articles = site.articles.count
        report.staticPages = site.pages.count
        report.filesWritten = update.writes.count
        report.pagesWritten = update.writes.filter { $0.path.hasSuffix(".html") }.count
        report.filesUnchanged = update.isIncremental ? update.manifest.entries.count - update.writes.count : 0
        report.filesRemoved = update.removals.count
        report.heldBack = held
        report.warnings = warnings + counterProblems + (counter?.diagnostics ?? []) + saveProblems
        report.counter = counter?.report
        report.stages = stages.laps
        report.seconds = Date().timeIntervalSince(start)
        return report
    }

    /// Parses and validates everything; throws every error found across all files.
    public static func model(siteFile: SourceFile, articleFiles: [SourceFile], pageFiles: [SourceFile],
                             options: Options, earlier: [Diagnostic] = [],
                             memo: ParseMemo? = nil) throws(BuildFailure) -> (Site, SiteModel.HeldBack, [Diagnostic]) {
        var log = DiagnosticLog()
        log.add(contentsOf: earlier)
        let (parsedConfig, configProblems) = SiteConfig.parse(siteFile)
        log.add(contentsOf: configProblems)
        guard let config = parsedConfig else { throw BuildFailure(log.all) }
        log.add(contentsOf: RelatedSettings.read(config).diagnostics)

        // Front matter is parsed on every core; problems are reported in file order all the same.
        let parsed = Parallel.map(articleFiles.count) { index in
            memo?.article(articleFiles[index], timeZone: config.timeZone)
                ?? ArticleSource.read(articleFiles[index], timeZone: config.timeZone)
        }
        var articles: [ArticleSource] = []
        articles.reserveCapacity(parsed.count)
        for (article, problems) in parsed {
            log.add(contentsOf: problems)
            if let article { articles.append(article) }
        }
        var pages: [PageSource] = []
        for file in pageFiles {
            let (page, problems) = memo?.page(file) ?? PageSource.read(file)
            log.add(contentsOf: problems)
            if let page { pages.append(page) }
        }
        let (site, held, modelProblems) = SiteModel.build(
            config: config, articles: articles, pages: pages,
            options: .init(includeDrafts: options.includeDrafts, now: options.now))
        log.add(contentsOf: modelProblems)
        if let site { log.add(contentsOf: AliasCheck.problems(in: site, sources: articles)) }
        try log.throwIfErrors()
        return (site!, held, log.warnings)
    }

    /// Loads, models and renders the Markdown of the content alone (no templates, nothing written),
    /// for commands that inspect a site; throws every problem found, returns the warnings.
    public static func loadSite(_ options: Options) throws(BuildFailure) -> (Site, [Diagnostic]) {
        let loaded = ContentLoader(contentDirectory: options.contentDirectory).load()
        guard let siteFile = loaded.siteFile, !loaded.diagnostics.contains(where: { $0.severity == .error }) else {
            throw BuildFailure(loaded.diagnostics)
        }
        let (site, _, warnings) = try model(siteFile: siteFile, articleFiles: loaded.articleFiles,
                                            pageFiles: loaded.pageFiles, options: options, earlier: loaded.diagnostics)
        return (ArticleBodies.render(site), warnings)
    }

    /// Markdown, enrich and render: a validated site in, the files of the built site out.
    /// `counter`: the visit counter's figures, computed at the edge from the logs (nil: not shown).
    public static func render(site: Site, templates: TemplateSet, dates: DateStyle, numbers: NumberStyle = NumberStyle(),
                              counter: CounterSnapshot? = nil) -> [OutputFile] {
        let rendered = ArticleBodies.render(site)
        let plan = plan(site: rendered, related: RelatedNews.compute(rendered), templates: templates, dates: dates,
                        numbers: numbers, counter: counter)
        return plan.files.map { $0.render(with: plan.templates) }
    }

    /// Every file of a site whose Markdown is rendered, with what its template will see, not yet rendered.
    /// `readerFiles`: the feeds, sitemap and search index when they are made already; else they are made here,
    /// while the pages' values are.
    public static func plan(site: Site, related: [[Int]], templates: TemplateSet, dates: DateStyle,
                            numbers: NumberStyle = NumberStyle(), counter: CounterSnapshot? = nil,
                            readerFiles: [OutputFile]? = nil) -> SitePlan {
        let making = readerFiles == nil ? Concurrently { [site] in ReaderFiles.render(site, dates: dates) } : nil
        var plan = SiteRenderer(site: site, templates: templates, dates: dates, related: related,
                                numbers: numbers, counter: counter).plan()
        plan.files += (readerFiles ?? making!.value).map { PlannedFile(path: $0.path, content: .bytes($0.contents)) }
        return plan
    }

    /// "content/data/visits.json" for a path inside the project, the full path otherwise.
    static func relativePath(_ url: URL, to root: URL) -> String {
        let path = url.standardizedFileURL.path
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }
}

/// Times the stages of one build.
private struct StageClock {
    private var last = Date()
    private var lastProcessor = StageClock.processorSeconds()
    private(set) var laps: [(name: String, seconds: Double, processorSeconds: Double, residentBytes: Int)] = []

    mutating func lap(_ name: String) {
        let now = Date(), processor = Self.processorSeconds()
        laps.append((name, now.timeIntervalSince(last), processor - lastProcessor, Self.residentBytes()))
        last = now
        lastProcessor = processor
    }

    /// VmRSS from /proc (Linux); 0 elsewhere.
    static func residentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    /// User and system time of every thread of the process so far.
    static func processorSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        let who = RUSAGE_SELF.rawValue  // an enum in Glibc, an Int32 elsewhere
        #else
        let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// One lap shared by two kinds of work that ran together on every core, split by the time each took.
    mutating func split(_ first: String, _ second: String, by seconds: (Double, Double)) {
        let now = Date(), processor = Self.processorSeconds()
        let wall = now.timeIntervalSince(last), used = processor - lastProcessor
        let share = seconds.0 + seconds.1 > 0 ? seconds.0 / (seconds.0 + seconds.1) : 0
        laps.append((first, wall * share, used * share, 0))
        laps.append((second, wall * (1 - share), used * (1 - share), Self.residentBytes()))
        last = now
        lastProcessor = processor
    }
}
