import Foundation

/// What a `bantin build` leaves in `.bantin/build-cache-<output>` (`BuildCacheFile.swift`) for the next one into the same output: the scan of its inputs, what it
/// reported, and what the counter's files are made from (the site's addresses and the statistics page's
/// shell), with the manifest it wrote. Safe to delete: without it (or when anything in it does not match) the
/// next build is an ordinary one.
struct BuildCache: Codable {
    static let format = 4
    var format = Self.format
    /// The program that wrote it: another bantin may make other pages from the same files.
    var program: InputScan.File?
    var content: String
    var templates: String
    var output: String
    var includeDrafts: Bool
    var inputs: InputScan
    /// Seconds since 1970 of the next `publishDate` or `expiryDate` after the build's time.
    var validUntil: Double?
    /// The hash of the output's manifest as the build wrote it (the counter's files are in it with fingerprints
    /// that do not change with the figures: `PlannedFile.figuresFingerprint`).
    var manifestHash: UInt64
    var articles: Int
    var staticPages: Int
    var heldBack: HeldBack
    var warnings: [Diagnostic]
    var counter: Counter?

    struct Counter: Codable {
        var pages: CounterPages.Stored
        var statisticsShell: String
        /// Where the counter's files go, as the build's page table listed them.
        var files: CounterFiles.Paths
    }

    /// One cache per output folder (a site may be built into more than one), beside `content/`.
    static func location(content: URL, output: URL) -> URL {
        content.standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent(".bantin/build-cache-\(ContentHash.hex(ContentHash.of(output.standardizedFileURL.path)))")
    }

    static func load(content: URL, output: URL) -> BuildCache? {
        FileManager.default.contents(atPath: location(content: content, output: output).path).flatMap(decode)
    }

    /// Written whole under another name, then renamed: a build killed meanwhile leaves the old cache or none.
    func save(content: URL, output: URL) {
        let url = Self.location(content: content, output: output)
        guard let data = try? encoded() else { return }
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // The JSON cache of earlier versions, no longer read.
        try? FileManager.default.removeItem(atPath: url.path + ".json")
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".build-cache.\(getpid()).tmp")
        do {
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    static func remove(content: URL, output: URL) {
        try? FileManager.default.removeItem(at: location(content: content, output: output))
    }

    /// The running program's file, by its signature (a new bantin starts with an ordinary build).
    static var program: InputScan.File? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
        guard let signature = FileSignature(path: path) else { return nil }
        return InputScan.File(path: path, size: signature.size, modified: signature.modifiedNanoseconds, inode: signature.inode)
    }

}

/// The timer's rebuild when nothing but the access logs changed: the cache says what the last build made from
/// the same content, templates and site.yml, so only the counter's files are made again (not the manifest).
/// Gives nil, to build as usual, at the least doubt: no cache, another program or options, any input file
/// changed, a scheduled article due, the output not as the last build left it.
enum TimerRebuild {
    /// `previousScan`: the cache's scan of the inputs, when there is one (the next scan takes its hashes).
    static func attempt(_ options: Build.Options, previousScan: inout InputScan?) throws -> Build.Report? {
        guard !options.fullRebuild, !options.showsSavedCounter else { return nil }
        var laps = StageRunner()
        let loaded = laps.run("load: build cache read") { BuildCache.load(content: options.contentDirectory, output: options.outputDirectory) }
        previousScan = loaded?.inputs
        guard let cache = loaded, cache.program != nil, cache.program == BuildCache.program,
              cache.content == options.contentDirectory.standardizedFileURL.path,
              cache.templates == options.templatesDirectory.standardizedFileURL.path,
              cache.output == options.outputDirectory.standardizedFileURL.path,
              cache.includeDrafts == options.includeDrafts,
              cache.validUntil.map({ options.now.timeIntervalSince1970 < $0 }) ?? true else { return nil }
        let unchanged = laps.run("load: inputs compared with the build cache") {
            cache.inputs.matches(content: options.contentDirectory, templates: options.templatesDirectory)
        }
        let siteURL = options.contentDirectory.appendingPathComponent("site.yml")
        guard unchanged, let data = FileManager.default.contents(atPath: siteURL.path) else { return nil }
        let parsed = laps.run("load: site.yml") {
            SiteConfig.parse(SourceFile(path: "content/site.yml", text: String(decoding: data, as: UTF8.self))).0
        }
        guard let config = parsed, (config.counter == nil) == (cache.counter == nil) else { return nil }
        // The counter's files are rewritten below whenever their bytes differ: a timer rebuild leaves them newer
        // than the manifest, which it does not rewrite.
        let counterPaths = Set(cache.counter?.files.all ?? [])
        let read = laps.run("load: output manifest read") { OutputManifest.readHashed(from: options.outputDirectory) }
        guard let (manifest, manifestHash) = read, manifestHash == cache.manifestHash,
              !manifest.entries.contains(where: { !$0.value.isIntact && !counterPaths.contains($0.key) }) else { return nil }

        var report = Build.Report()
        report.articles = cache.articles
        report.staticPages = cache.staticPages
        report.heldBack = cache.heldBack
        report.warnings = cache.warnings
        report.fromCache = true
        var update = OutputUpdate(manifest: manifest, writes: [], removals: [], isIncremental: true)
        update.writesManifest = false
        var counter: VisitCounter?
        if let settings = config.counter, let stored = cache.counter, let pages = CounterPages(stored: stored.pages) {
            // The manifest lists the counter's files as this cache's shell makes them, or the output is not as
            // the last build left it.
            for (path, fingerprint) in CounterFiles.fingerprints(shell: stored.statisticsShell, paths: stored.files)
            where manifest.entries[path]?.fingerprint != fingerprint { return nil }
            let prepared = try laps.run("enrich: counter (state, new log lines)") { () throws -> VisitCounter in
                var locations = VisitCounter.Locations.project(of: options.contentDirectory)
                locations.now = options.now
                return try VisitCounter.prepare(counterPages: pages, timeZone: config.timeZone, settings: settings,
                                                locations: locations, mode: .count(options.otherBuild))
            }
            counter = prepared
            let made = try laps.run("render: the counter's files") { () throws -> [(file: OutputFile, fingerprint: UInt64)] in
                let loader = TemplateLoader(templatesDirectory: options.templatesDirectory,
                                            displayRoot: options.contentDirectory.deletingLastPathComponent())
                let templates = try TemplateSet(sources: try loader.templateSources())
                let inputs = CounterFiles.Inputs(snapshot: prepared.snapshot, pages: pages, templates: templates,
                                                 dates: try loader.dateStyle(timeZone: config.timeZone),
                                                 numbers: try loader.numberStyle())
                return CounterFiles.files(shell: stored.statisticsShell, inputs, paths: stored.files)
            }
            for (file, _) in made {
                if !OutputPlanner.output(options.outputDirectory, holds: file.contents, at: file.path) {
                    update.writes.append((file.path, .bytes(file.contents)))
                }
            }
        } else if config.counter != nil {
            return nil
        }
        if !update.writes.isEmpty {
            _ = try laps.run("write") { try OutputWriter(output: options.outputDirectory).apply(update) }
        }
        let saveProblems = laps.run("write: counter state") { counter?.commit() ?? [] }
        report.filesWritten = update.writes.count
        report.pagesWritten = update.writes.filter { $0.path.hasSuffix(".html") }.count
        report.filesUnchanged = update.manifest.entries.count - update.writes.count
        report.warnings += (counter?.diagnostics ?? []) + saveProblems
        report.counter = counter?.report
        report.stages = laps.laps
        report.seconds = laps.laps.reduce(0) { $0 + $1.seconds }
        return report
    }

    /// Called by an ordinary `bantin build` once its site is out: what the next timer rebuild starts from.
    static func remember(_ options: Build.Options, scan: InputScan, planned: PlannedOutput, manifest: OutputManifest) {
        var stored: BuildCache.Counter?
        if let counter = planned.counter {
            guard let shell = planned.statisticsShell, let files = planned.counterFiles else {
                return BuildCache.remove(content: options.contentDirectory, output: options.outputDirectory)
            }
            stored = BuildCache.Counter(pages: counter.pages.stored, statisticsShell: shell, files: files)
        }
        let report = planned.report
        let cache = BuildCache(
            program: BuildCache.program, content: options.contentDirectory.standardizedFileURL.path,
            templates: options.templatesDirectory.standardizedFileURL.path,
            output: options.outputDirectory.standardizedFileURL.path, includeDrafts: options.includeDrafts,
            inputs: scan, validUntil: planned.nextChange?.timeIntervalSince1970,
            manifestHash: ContentHash.of(manifest.text),
            articles: report.articles, staticPages: report.staticPages, heldBack: report.heldBack,
            warnings: report.warnings, counter: stored)
        cache.save(content: options.contentDirectory, output: options.outputDirectory)
    }
}
