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
        /// `serve`: the visit counter shows the figures last saved; it reads no log and saves nothing.
        public var showsSavedCounter = false
        /// Another build using the same output or counter state: wait for it, or fail at once (`--no-wait`).
        public var otherBuild: BuildLock.Policy = .wait
        /// Told when this build waits for another (a line for the terminal).
        public var waiting: (@Sendable (Message) -> Void)?
        /// The image cache; nil: `.bantin/images/` beside `content/` (shared by `build` and `serve`).
        public var imageCacheDirectory: URL?

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
        var staticPages = 0
        public var filesWritten = 0
        /// Of them, HTML pages (what an open tab may show).
        public var pagesWritten = 0
        /// Files of the previous build left as they were, and those removed (their article is gone).
        var filesUnchanged = 0
        var filesRemoved = 0
        public var seconds = 0.0
        var heldBack = SiteModel.HeldBack()
        public var warnings: [Diagnostic] = []
        /// Image files encoded by this build (zero when every photo came from the image cache).
        public var imagesEncoded = 0
        /// Made by a timer rebuild from the build cache: no input but the access logs had changed.
        public var fromCache = false
        /// Article files parsed and bodies rendered by this build when it had the article cache (`ArticleCache`):
        /// the others came from it; and the files it did not even read. Nil without the cache (`--full`, `serve`).
        var articleCacheMisses: (parsed: Int, rendered: Int, notRead: Int)?
        /// What the visit counter read, when site.yml has a `counter:` section.
        public var counter: CounterReport?
        /// Seconds spent in each stage, in order, the processor seconds of all threads in it, and the process's
        /// resident memory (bytes) when it ended (`bantin build --timings`; 0 where the system does not say).
        public var stages: [(name: String, seconds: Double, processorSeconds: Double, residentBytes: Int)] = []

        /// The summary in English (logs, tests); `summary(in:)` is what the terminal shows.
        public var summary: String { summary(in: .en) }

        /// "đã dựng 28 bài viết, 2 trang: 171 tệp trong 0,09 giây", plus what was held back and the warnings.
        public func summary(in language: Language) -> String {
            let none = Message.verbatim("")
            let held = heldBack.total == 0 ? none : Message("summary.heldBack", [
                "total": .count(heldBack.total), "drafts": .count(heldBack.drafts),
                "scheduled": .count(heldBack.scheduled), "expired": .count(heldBack.expired)])
            let warned = warnings.isEmpty ? none : Message("summary.warnings", ["count": .count(warnings.count)])
            let incremental = filesUnchanged > 0 || filesRemoved > 0
            let cached = fromCache ? Message("summary.fromCache") : none
            let line = Message(incremental ? "summary.builtIncremental" : "summary.built", [
                "articles": .count(articles), "pages": .count(staticPages), "files": .count(filesWritten),
                "unchanged": .count(filesUnchanged), "removed": .count(filesRemoved), "seconds": .seconds(seconds),
                "heldBack": .message(held), "warnings": .message(warned)]).rendered(in: language)
                + cached.rendered(in: language)
            return line + (counter.map { "\n" + $0.summary(in: language) } ?? "")
        }
    }

    /// Builds from disk into `outputDirectory`; on any error the previous output is left untouched.
    /// Only files whose fingerprint differs from the output's manifest are rendered and written, and files
    /// of articles that are gone are removed; the result is the same as a build into an empty folder.
    /// `state` carries what an earlier build in this process read and rendered (`bantin serve`); builds that
    /// share it run one at a time.
    @discardableResult
    public static func run(_ options: Options, state: BuildState = BuildState(remembers: false)) throws -> Report {
        try state.exclusively { memory in
            // One build at a time on this output (released when the build ends, however it ends); then a killed
            // build's half-applied update is undone before anything can fail on the content.
            let outputLock = try BuildLock.acquire(BuildLock.file(forOutput: options.outputDirectory),
                                                   what: Message("lock.output", ["folder": .text(options.outputDirectory.lastPathComponent + "/")]),
                                                   policy: options.otherBuild, waiting: options.waiting)
            defer { withExtendedLifetime(outputLock) {} }
            try OutputWriter(output: options.outputDirectory).recover()
            // The timer's rebuild when only the logs changed (a new process each time): the counter's files alone.
            let cached = !memory.remembers && !options.showsSavedCounter
            var previousScan: InputScan?
            if cached, let report = try TimerRebuild.attempt(options, previousScan: &previousScan) { return report }
            var stages = StageRunner()
            var (sources, scan) = try readInputs(options, cached: cached, previousScan: previousScan, memory: &memory, stages: &stages)
            defer { memory.articleCache = nil }
            // The files' text is in the model afterwards: taken, so it is not held twice.
            var modeled = try stages.run("model") { try ModeledSite.make(sources.take()!, options: options, memory: &memory) }
            if let cache = memory.articleCache { stages.run("markdown: bodies read from the article cache") { cache.parsesDone() } }
            stages.run("markdown") { renderBodies(&modeled.site, memory: memory) }
            let cacheMisses = memory.articleCache.map { (parsed: $0.parsedCount, rendered: $0.renderedCount, notRead: $0.notReadCount) }
            if let cache = memory.articleCache { stages.run("markdown: article cache written") { cache.save() } }
            let images = try stages.run("images") { try ImageCatalog.make(&modeled, options: options, memory: memory) }
            let enriched = try stages.run("enrich: related, counter; feeds, sitemap, search index") {
                try Enrichment.make(&modeled, options: options)
            }
            let planned = try stages.run("render: page values, fingerprints") {
                try PlannedOutput.make(&modeled, enriched, images: images, options: options, memory: &memory)
            }
            let written = try stages.run("render: pages", "write") { try planned.write(options: options, memory: &memory) }
            // Only now that the site showing them is out does the counter's state advance to its figures.
            let saveProblems = enriched.counter?.commit() ?? []
            if let scan {
                TimerRebuild.remember(options, scan: scan, modeled: modeled, counter: enriched.counter,
                                      statisticsShell: planned.statisticsShell, manifest: written.update.manifest,
                                      warnings: modeled.warnings + images.warnings)
            }
            var report = Report(modeled, images, enriched, written, saveProblems: saveProblems, laps: stages.laps)
            report.articleCacheMisses = cacheMisses
            return report
        }
    }

    /// The load stage, with what a build in a new process keeps for the next (`cached`): the scan of the inputs
    /// for the build cache, taken before anything is read (a file changed during this build differs from it next
    /// time), with the hashes of the files the load reads from their bytes; and the article cache (not with
    /// `--full`), which spares reading the files whose signature is the last scan's.
    private static func readInputs(_ options: Options, cached: Bool, previousScan: InputScan?, memory: inout BuildState.Memory,
                                   stages: inout StageRunner) throws -> (SiteSources?, InputScan?) {
        var unchanged: Set<String> = []
        var scan = cached ? stages.run("load: inputs scanned for the build cache") {
            InputScan.take(content: options.contentDirectory, templates: options.templatesDirectory, previous: previousScan,
                           leavingToLoad: true, unchanged: &unchanged)
        } : nil
        let bytesRead = scan == nil ? nil : BytesRead()
        memory.articleCache = cached && !options.fullRebuild
            ? stages.run("load: article cache read") { ArticleCache(content: options.contentDirectory) } : nil
        let unread = scan.flatMap { memory.articleCache?.filesNotToRead($0, unchanged: unchanged) } ?? []
        let sources = try stages.run("load") { try SiteSources.read(options, memory: &memory, bytesRead: bytesRead, unread: unread) }
        if let bytesRead { scan?.fillHashes(content: options.contentDirectory, from: bytesRead.all) }
        if let scan { memory.articleCache?.takeHashes(scan) }
        return (sources, scan)
    }

    /// Parses and validates everything; throws every error found across all files.
    public static func model(siteFile: SourceFile, articleFiles: [SourceFile], pageFiles: [SourceFile],
                             options: Options, earlier: [Diagnostic] = [],
                             memo: ParseMemo? = nil) throws(BuildFailure) -> (Site, SiteModel.HeldBack, [Diagnostic]) {
        let modeled = try ModeledSite.make(siteFile: siteFile, articleFiles: articleFiles, pageFiles: pageFiles,
                                           options: options, earlier: earlier, memo: memo)
        return (modeled.site, modeled.heldBack, modeled.warnings)
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

    /// The pure middle of the build on a site held in memory (tests): Markdown, enrichment and every page
    /// rendered, nothing read or written. `counter`: the visit counter's figures (nil: not shown).
    public static func render(site: Site, templates: TemplateSet, dates: DateStyle, numbers: NumberStyle = NumberStyle(),
                              counter: CounterSnapshot? = nil) -> [OutputFile] {
        let rendered = ArticleBodies.render(site)
        let table = PageTable(site: rendered)
        var plan = SiteRenderer(site: rendered, table: table, templates: templates, dates: dates,
                                related: RelatedLists.compute(rendered), numbers: numbers).plan()
        CounterFiles.fill(&plan, inputs: CounterFiles.Inputs(snapshot: counter, pages: CounterPages(table),
                                                             templates: plan.templates, dates: dates, numbers: numbers),
                          routes: table.routes)
        return plan.files.map { $0.render(with: plan.templates) }
            + ReaderFiles.render(rendered, table: table, dates: dates)
    }
}

extension Build.Report {
    init(_ modeled: ModeledSite, _ images: ImageCatalog, _ enriched: Enrichment, _ written: WrittenOutput,
         saveProblems: [Diagnostic], laps: [StageRunner.Lap]) {
        let update = written.update
        articles = modeled.site.articles.count
        staticPages = modeled.site.pages.count
        filesWritten = update.writes.count
        pagesWritten = update.writes.filter { $0.path.hasSuffix(".html") }.count
        filesUnchanged = update.isIncremental ? update.manifest.entries.count - update.writes.count : 0
        filesRemoved = update.removals.count
        heldBack = modeled.heldBack
        warnings = modeled.warnings + images.warnings + (enriched.counter?.diagnostics ?? []) + saveProblems
        imagesEncoded = images.encodedFiles
        counter = enriched.counter?.report
        stages = laps
        seconds = laps.reduce(0) { $0 + $1.seconds }
    }
}
