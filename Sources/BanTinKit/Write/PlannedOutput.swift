import Foundation

/// The page-values stage's result: every file of the site with what its template will see, fingerprinted
/// against what the output holds, so that writing renders and writes only what changed.
struct PlannedOutput {
    var update: OutputUpdate
    var planner: OutputPlanner
    var plan: SitePlan
    let copies: [OutputPlanner.Copy]
    let related: RelatedLists
    let filesRead: Int
    /// The statistics page before its figures are put in (`CounterFiles`), and where the counter's files go, for
    /// the build cache.
    var statisticsShell: String?
    var counterFiles: CounterFiles.Paths?
    /// The visit counter, whose state is saved once the site showing its figures is out.
    let counter: VisitCounter?
    /// What the build reports of the stages so far (the write stage adds what it wrote).
    var report: Build.Report
    /// The next time an article comes out or is withdrawn (`SiteModel.nextChange`), for the build cache.
    let nextChange: Date?

    /// Every page of the table gets its values here; the table itself is not kept (at 10,000 articles it is about
    /// 10 MB, which would be held through the write stage, where the build's memory peaks).
    static func make(_ enriched: consuming Enrichment, options: Build.Options, memory: BuildState.Memory) throws -> PlannedOutput {
        let model = enriched.model, images = enriched.catalog
        let theme = model.theme
        var plan = SiteRenderer(site: model.site, table: model.table, templates: theme.templates, dates: theme.dates,
                                related: enriched.related, numbers: theme.numbers,
                                images: images).plan()
        let copies = model.copies + images.files
        let counterFiles = model.table.counterFiles
        let shell = enriched.counter.flatMap { counter in
            counterFiles.flatMap { paths in
                CounterFiles.fill(&plan, inputs: CounterFiles.Inputs(snapshot: counter.snapshot, pages: counter.pages,
                                                                     templates: plan.templates, dates: theme.dates,
                                                                     numbers: theme.numbers), paths: paths)
            }
        }
        plan.files += enriched.readerFiles.map { PlannedFile(path: $0.path, content: .bytes($0.contents)) }
        for entry in model.table.entries {
            if case .siteImage(let kind) = entry.kind, let path = entry.outputPath, let bytes = images.siteImages[kind] {
                plan.files.append(PlannedFile(path: path, content: .bytes(bytes)))
            }
        }
        let writes = options.writesFiles
        let previous = options.fullRebuild || !writes ? nil : (memory.manifest ?? OutputManifest.read(from: options.outputDirectory))
        let planner = OutputPlanner(templates: plan.templates, templateFingerprints: theme.fingerprints, previous: previous,
                                    output: writes ? options.outputDirectory : nil)
        return PlannedOutput(update: planner.update(planned: plan.files, copies: copies), planner: planner,
                             plan: plan, copies: copies, related: enriched.related, filesRead: model.filesRead,
                             statisticsShell: shell, counterFiles: counterFiles, counter: enriched.counter,
                             report: Build.Report(model, images), nextChange: model.nextChange)
    }

    /// The site's files kept in memory instead of written (`Build.run(_:options:)`): every file of the update.
    func files() -> [OutputFile] {
        Parallel.map(update.writes.count) { index in
            let (path, source) = update.writes[index]
            switch source {
            case .bytes(let data): return OutputFile(path: path, contents: data)
            case .copy(let url), .link(let url): return OutputFile(path: path, contents: (try? Data(contentsOf: url)) ?? Data())
            case .produced(let producer): return OutputFile(path: path, contents: producer.make())
            }
        }
    }

    /// The write stage: pages are rendered as they are written, on every core.
    func write(options: Build.Options, memory: inout BuildState.Memory) throws -> WrittenOutput {
        var written: (@Sendable (Int, Int) -> Void)?
        if let report = options.progress {
            let filesRead = self.filesRead
            written = { done, total in report(Build.Progress(filesRead: filesRead, pagesRendered: done, pagesToRender: total)) }
        }
        let work = ParallelWork(progress: written)
        let writer = OutputWriter(output: options.outputDirectory)
        var update = self.update
        memory.manifest = nil
        do {
            try writer.apply(update, work: work)
        } catch is OutputWriter.MissingOutput {
            // Someone removed files from the output by hand: write everything.
            var planner = self.planner
            planner.previous = nil
            update = planner.update(planned: plan.files, copies: copies)
            try writer.apply(update, work: work)
        }
        // With the fingerprints of the pages made while written.
        update.manifest = update.completedManifest
        update.learnt = nil
        memory.manifest = update.manifest
        if memory.remembers, let contexts = plan.contexts {
            memory.previewBasis = PreviewBasis(
                contentDirectory: options.contentDirectory, templatesDirectory: options.templatesDirectory,
                outputDirectory: options.outputDirectory, includeDrafts: options.includeDrafts, contexts: contexts,
                articlePages: plan.articlePages, related: related, templates: plan.templates, templateFingerprints: planner.templateFingerprints)
        }
        return WrittenOutput(update: update, seconds: (work.produceSeconds, work.storeSeconds))
    }
}

/// What the write stage did, and how long rendering and storing took within it.
struct WrittenOutput: SharedStage {
    var update: OutputUpdate
    var seconds: (Double, Double)
}
