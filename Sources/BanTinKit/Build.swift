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
        /// Seconds after which another build holding the lock is taken for hung: this one fails, saying so.
        public var lockPatience = BuildLock.defaultPatience
        /// Told when this build waits for another (a line for the terminal).
        public var waiting: (@Sendable (Message) -> Void)?
        /// The image cache; nil: `.bantin/images/` beside `content/` (shared by `build` and `serve`).
        public var imageCacheDirectory: URL?
        /// False: the site's files are kept in memory and returned, the output folder neither read nor written.
        var writesFiles = true
        /// True (`bantin check`): every article is built as if published, drafts and scheduled ones too.
        var buildsEveryArticle = false

        var siteRules: SiteRules.Options {
            var rules = SiteRules.Options(includeDrafts: includeDrafts, now: now)
            rules.holdsBack = !buildsEveryArticle
            return rules
        }

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

    /// User and system seconds of every thread of this process so far.
    public static func processorSeconds() -> Double { StageRunner.processorSeconds() }

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
        var heldBack = HeldBack()
        public var warnings: [Diagnostic] = []
        /// Image files encoded by this build (zero when every photo came from the image cache).
        public var imagesEncoded = 0
        /// Made by a timer rebuild from the build cache: no input but the access logs had changed.
        public var fromCache = false
        /// Article files parsed and bodies rendered by this build when it had the article cache (`ArticleCache`):
        /// the others came from it; and the files it did not even read. Nil without the cache (`--full`, `serve`).
        var articleCacheMisses: CacheMisses?
        typealias CacheMisses = (parsed: Int, rendered: Int, notRead: Int)
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
            // Only the kinds there are: "(1 bản nháp)", not "(1 bản nháp, 0 hẹn giờ, 0 hết hạn)".
            let kinds = [("summary.heldDrafts", heldBack.drafts), ("summary.heldScheduled", heldBack.scheduled),
                         ("summary.heldExpired", heldBack.expired)]
                .filter { $0.1 > 0 }.map { Message($0.0, ["count": .count($0.1)]).rendered(in: language) }
            let held = heldBack.total == 0 ? none : Message("summary.heldBack", ["total": .count(heldBack.total), "kinds": .list(kinds)])
            let warned = warnings.isEmpty ? none : Message("summary.warnings", ["count": .count(warnings.count)])
            let incremental = filesUnchanged > 0 || filesRemoved > 0
            let cached = fromCache ? Message("summary.fromCache") : none
            let line = Message(incremental ? "summary.builtIncremental" : "summary.built", [
                "articles": .count(articles), "pages": .count(staticPages), "files": .count(filesWritten),
                "unchanged": .count(filesUnchanged), "removed": .count(filesRemoved), "seconds": .seconds(seconds),
                "heldBack": .message(held), "warnings": .message(warned)]).rendered(in: language)
                + cached.rendered(in: language)
            // No access log read (an editor's computer has none): nothing to say about the counter.
            return line + (counter.flatMap { $0.files == 0 ? nil : "\n" + $0.summary(in: language) } ?? "")
        }
    }

    /// Builds from disk into `outputDirectory` through the pipeline (`Pipeline`); on any error the previous output
    /// is left untouched. `state` carries what an earlier build in this process read and rendered (`bantin serve`);
    /// builds that share it run one at a time.
    @discardableResult
    public static func run(_ options: Options, state: BuildState = BuildState(remembers: false)) throws -> Report {
        try state.exclusively { memory in
            var pipeline = Pipeline(options)
            return try pipeline.build(memory: &memory)
        }
    }

    /// The site as the pipeline's first stages leave it (load, model, Markdown), for commands that inspect a site;
    /// throws every problem found, returns the warnings.
    public static func site(_ options: Options) throws -> (Site, [Diagnostic]) {
        try BuildState(remembers: false).exclusively { memory in
            var pipeline = Pipeline(options)
            let model = try pipeline.bodies(nil, memory: &memory).0.model
            return (model.site, model.warnings)
        }
    }

    /// The same pipeline on sources held in memory, the site's files returned instead of written (tests; the
    /// pictures the sources name are still read from `options.contentDirectory`).
    static func run(_ sources: SiteSources, options: Options,
                    state: BuildState = BuildState(remembers: false)) throws -> (report: Report, files: [OutputFile]) {
        var options = options
        options.writesFiles = false
        return try state.exclusively { memory in
            var pipeline = Pipeline(options)
            return try pipeline.build(sources, memory: &memory)
        }
    }
}

extension Build.Report {
    /// What the stages up to the page values know (the write stage adds what it wrote).
    init(_ model: SiteModel, _ catalog: ImageCatalog) {
        self.init()
        articles = model.site.articles.count
        staticPages = model.site.pages.count
        heldBack = model.heldBack
        warnings = model.warnings + catalog.warnings
        imagesEncoded = catalog.encodedFiles
    }

    init(_ planned: PlannedOutput, _ written: WrittenOutput, saveProblems: [Diagnostic], laps: [StageRunner.Lap]) {
        self = planned.report
        let update = written.update
        filesWritten = update.writes.count
        pagesWritten = update.writes.filter { $0.path.hasSuffix(".html") }.count
        filesUnchanged = update.isIncremental ? update.manifest.entries.count - update.writes.count : 0
        filesRemoved = update.removals.count
        warnings += (planned.counter?.diagnostics ?? []) + saveProblems
        counter = planned.counter?.report
        stages = laps
        seconds = laps.reduce(0) { $0 + $1.seconds }
    }
}
