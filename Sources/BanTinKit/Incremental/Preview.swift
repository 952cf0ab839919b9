import Foundation

/// What the last build made its pages from, kept by `bantin serve` so that a save which changed only
/// article bodies can be shown before the full build has run (`Build.preview`).
struct PreviewBasis {
    var contentDirectory: URL
    var templatesDirectory: URL
    var outputDirectory: URL
    var includeDrafts: Bool
    var contexts: PageContexts
    /// The pages each article's values make, as the page table listed them.
    var articlePages: [ArticleID: [(path: String, template: String)]]
    var related: RelatedLists
    /// With the shared fragments rendered.
    var templates: TemplateSet
    var templateFingerprints: [String: UInt64]

    func serves(_ options: Build.Options) -> Bool {
        // By path: a folder's URL gains a "/" once the folder exists.
        func same(_ a: URL, _ b: URL) -> Bool { a.standardizedFileURL.path == b.standardizedFileURL.path }
        return same(contentDirectory, options.contentDirectory) && same(templatesDirectory, options.templatesDirectory)
            && same(outputDirectory, options.outputDirectory) && includeDrafts == options.includeDrafts
    }
}

extension Build {
    /// `bantin serve`'s first answer to a save, as Hugo's server renders the page being edited first: when
    /// the only change is the Markdown body of published articles (front matter as it was, and an automatic
    /// summary that came out the same), their pages and print views are made again from the last build's
    /// values and written at once, through the same manifest. The full build that must follow brings the
    /// rest up to date: other articles' related lists, the search index, feeds. Nil for any other change,
    /// or when anything is in doubt: then only the full build runs.
    public static func preview(_ options: Options, state: BuildState, changed paths: [String]) -> Report? {
        state.exclusively { memory in preview(options, memory: &memory, changed: paths) }
    }

    /// A previewed body with its pictures as the images stage writes them (`srcset`, sizes), from the pictures the
    /// last build processed; nil when it shows one that build did not process (the full build will).
    private static func picturesRewritten(_ html: String, of article: Article, basis: PreviewBasis) -> String? {
        guard article.bodyNamesPictures != false else { return html }
        let catalog = basis.contexts.images, basePath = basis.contexts.routes.basePath
        for use in BodyImages.uses(html, markdown: article.markdown, bodyLine: article.bodyLine, file: article.sourcePath) {
            guard let path = ImageCatalog.sitePath(use.reference, basePath: basePath),
                  ImageCatalog.rasterExtensions.contains((path as NSString).pathExtension.lowercased()) else { continue }
            if catalog.images[path] == nil { return nil }
        }
        return BodyImages(catalog: catalog, templates: basis.templates).rewrite(html)
    }

    private static func preview(_ options: Options, memory state: inout BuildState.Memory, changed paths: [String]) -> Report? {
        let start = Date()
        guard !paths.isEmpty, let basis = state.previewBasis, basis.serves(options), var manifest = state.manifest
        else { return nil }
        let loader = ContentLoader(contentDirectory: options.contentDirectory)
        let renderer = ArticleBodies.Renderer(markdown: Markdown(allowsRawHTML: basis.contexts.site.config.unsafeMarkdown),
                                              memo: state.bodies)
        var contexts = basis.contexts
        var changed: [Int] = []
        for path in paths {
            var problems: [Diagnostic] = []
            let url = URL(fileURLWithPath: path)
            guard url.pathExtension == "md", let file = loader.read(url, into: &problems), problems.isEmpty,
                  let index = contexts.site.articles.firstIndex(where: { $0.sourcePath == file.path }),
                  let before = state.parses.text(of: file.path),
                  let old = try? FrontMatter.split(before), let new = try? FrontMatter.split(file.text),
                  old.yaml == new.yaml, old.bodyLine == new.bodyLine
            else { return nil }
            // Parsed through the memo, so the full build after this one does not parse it again.
            let (source, parseProblems) = state.parses.article(file, timeZone: contexts.site.config.timeZone)
            // A link to a file is the full build's work: it publishes the file and points at its published name.
            guard let source, parseProblems.isEmpty, source.fileLinks.isEmpty else { return nil }
            var article = contexts.site.articles[index]
            article.markdown = source.body
            // The Markdown stage's work on this body, then the images stage's with the last build's pictures.
            renderer.fill(&article)
            guard let pictured = Self.picturesRewritten(article.bodyHTML, of: article, basis: basis) else { return nil }
            article.bodyHTML = pictured
            // Lists show the summary: a new one is the full build's work.
            guard article.summary == contexts.site.articles[index].summary else { return nil }
            contexts = contexts.replacingBody(of: index, with: article)
            changed.append(index)
        }

        var writes: [(path: String, source: OutputUpdate.Source)] = []
        for index in changed {
            let id = contexts.site.articles[index].id
            let values = contexts.article(index, related: basis.related[id])
            for file in SiteRenderer.articleFiles(basis.articlePages[id] ?? [], values: values, contexts: contexts) {
                let fingerprint = OutputPlanner.fingerprint(file, templateFingerprints: basis.templateFingerprints)
                guard manifest.entries[file.path]?.fingerprint != fingerprint else { continue }
                manifest.entries[file.path] = .init(fingerprint: fingerprint)
                writes.append((file.path, .bytes(file.render(with: basis.templates).contents)))
            }
        }
        if !writes.isEmpty {
            let writer = OutputWriter(output: options.outputDirectory)
            do {
                try writer.recover()
                _ = try writer.apply(OutputUpdate(manifest: manifest, writes: writes, removals: [], isIncremental: true))
            } catch {
                return nil
            }
            state.manifest = manifest
        }
        state.previewBasis?.contexts = contexts

        var report = Report()
        report.articles = contexts.site.articles.count
        report.staticPages = contexts.site.pages.count
        report.filesWritten = writes.count
        report.pagesWritten = writes.count
        report.filesUnchanged = manifest.entries.count - writes.count
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}
