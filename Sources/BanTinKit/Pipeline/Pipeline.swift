import Foundation

/// The one pipeline every build runs: `bantin build`, the timer's rebuild, `serve` and the tests. Each stage
/// takes the value the one before it returned and returns its own; only the first reads files and only the last
/// writes them. What differs between ways of building is an option (`Build.Options`): where the sources come
/// from, whether files are written or kept in memory, what is cached, whether the counter counts.
///
///     SiteSources → SiteModel → RenderedBodies → PicturedSite → Enrichment → PlannedOutput → WrittenOutput
struct Pipeline {
    let options: Build.Options
    private(set) var stages = StageRunner()
    /// The build cache's scan of the inputs, when there is one: the next scan takes its hashes.
    var previousScan: InputScan?

    init(_ options: Build.Options) {
        self.options = options
    }

    /// A build into the output folder; on any error the previous output is left untouched. Only files whose
    /// fingerprint differs from the output's manifest are rendered and written, and files of articles that are gone
    /// are removed: the result is the same as a build into an empty folder.
    mutating func build(memory: inout BuildState.Memory) throws -> Build.Report {
        // An output that is or holds an input, or someone else's folder, would be replaced whole: refused first.
        try OutputFolderSafety.check(options)
        // One build at a time on this output (released when the build ends, however it ends); then a killed
        // build's half-applied update is undone before anything can fail on the content.
        let outputLock = try BuildLock.acquire(BuildLock.file(forOutput: options.outputDirectory),
                                               what: Message("lock.output", ["folder": .text(options.outputDirectory.lastPathComponent + "/")]),
                                               policy: options.otherBuild, patience: options.lockPatience, waiting: options.waiting)
        defer { withExtendedLifetime(outputLock) {} }
        try OutputWriter(output: options.outputDirectory).recover()
        // A build in a new process keeps a build cache for the next; when only the access logs changed since the
        // last one (the timer's usual case), the cache makes the counter's files alone (`TimerRebuild`).
        let cached = !memory.remembers && !options.showsSavedCounter
        if cached, let report = try TimerRebuild.attempt(options, previousScan: &previousScan) { return report }
        var held: Planned? = try plan(nil, cached: cached, memory: &memory)
        let planned = held!
        let options = self.options
        let written = try stages.run("render: pages", "write") { try planned.output.write(options: options, memory: &memory) }
        // Only now that the site showing them is out does the counter's state advance to its figures.
        let saveProblems = stages.run("write: counter state") { planned.output.counter?.commit() ?? [] }
        if let scan = planned.scan {
            stages.run("write: build cache") {
                TimerRebuild.remember(options, scan: scan, planned: planned.output, manifest: written.update.manifest)
            }
        }
        let report = Build.Report(planned.output, written, saveProblems: saveProblems, laps: stages.laps)
        // Every article, page value and index of the build, freed on a thread of their own while the caller goes on
        // (at 10,000 articles the freeing was a serial 0.3 s at the end of the build).
        Self.release(held.take())
        return report
    }

    /// Lets go of `value` on a new thread, which then holds its only reference.
    private static func release(_ value: consuming Planned?) {
        let box = Released(value)
        Thread.detachNewThread { box.value = nil }
    }

    private final class Released: @unchecked Sendable {
        var value: Planned?
        init(_ value: consuming Planned?) { self.value = value }
    }

    /// The same stages on sources held in memory, the site's files kept in memory too: nothing is read but the
    /// pictures the sources name, nothing written but the image cache.
    mutating func build(_ sources: SiteSources, memory: inout BuildState.Memory) throws -> (Build.Report, [OutputFile]) {
        let planned = try plan(sources, memory: &memory)
        let files = stages.run("render: pages") { planned.output.files() }
        var report = planned.output.report
        report.filesWritten = files.count
        report.pagesWritten = files.filter { $0.path.hasSuffix(".html") }.count
        report.stages = stages.laps
        return (report, files)
    }

    /// The stages from the sources to the planned output: every page with its values, fingerprinted against
    /// what the output holds. `sources` nil: read from the project's folders (the load stage, with its caches).
    mutating func plan(_ sources: SiteSources?, cached: Bool = false, memory: inout BuildState.Memory) throws -> Planned {
        // Each value is moved into the next stage (`take()`), never copied: a stage that lets go of what no later
        // stage reads (the Markdown, the plain text, the page table) must hold the only reference to it.
        var (bodies, scan, cacheMisses): (RenderedBodies?, InputScan?, Build.Report.CacheMisses?)
        (bodies, scan, cacheMisses) = try self.bodies(sources, cached: cached, memory: &memory)
        let options = self.options
        var pictured: PicturedSite? = try stages.run("images") {
            try PicturedSite.make(bodies.take()!, options: options, memory: memory)
        }
        var enriched: Enrichment? = try stages.run("enrich: related, counter; feeds, sitemap, search index") {
            try Enrichment.make(pictured.take()!, options: options)
        }
        var planned = try stages.run("render: page values, fingerprints") {
            try PlannedOutput.make(enriched.take()!, options: options, memory: memory)
        }
        planned.report.articleCacheMisses = cacheMisses
        return Planned(output: planned, scan: scan)
    }

    /// The first stages: load, model, Markdown. Also what commands that inspect a site run (`Build.site`).
    mutating func bodies(_ sources: SiteSources?, cached: Bool = false, memory: inout BuildState.Memory) throws
        -> (RenderedBodies, InputScan?, Build.Report.CacheMisses?) {
        var scan: InputScan?
        var loaded: SiteSources? = sources
        if loaded == nil { (loaded, scan) = try load(cached: cached, memory: &memory) }
        defer { memory.articleCache = nil }
        let options = self.options
        // The files' text is in the model afterwards: taken, so it is not held twice.
        var model: SiteModel? = try stages.run("model") { try SiteModel.make(loaded.take()!, options: options, memory: &memory) }
        if let cache = memory.articleCache { stages.run("markdown: bodies read from the article cache") { cache.parsesDone() } }
        let bodies = stages.run("markdown") { RenderedBodies.make(model.take()!, memory: memory) }
        let cacheMisses = memory.articleCache.map { (parsed: $0.parsedCount, rendered: $0.renderedCount, notRead: $0.notReadCount) }
        if let cache = memory.articleCache { stages.run("markdown: article cache written") { cache.save() } }
        return (bodies, scan, cacheMisses)
    }

    /// The planned output and, for a build that keeps a build cache, the scan of the inputs it was made from.
    struct Planned {
        var output: PlannedOutput
        var scan: InputScan?
    }

    /// The load stage, with what a build in a new process keeps for the next (`Build.Options.caches`): the scan of
    /// the inputs for the build cache, taken before anything is read (a file changed during this build differs from
    /// it next time), with the hashes of the files the load reads from their bytes; and the article cache (not
    /// with `--full`), which spares reading the files whose signature is the last scan's.
    private mutating func load(cached: Bool, memory: inout BuildState.Memory) throws -> (SiteSources, InputScan?) {
        let options = self.options, previousScan = self.previousScan
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
}
