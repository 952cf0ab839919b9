import Foundation

/// The model stage's result: the validated site, the table of every page it will have, and the templates
/// compiled with the date and number styles they print with.
struct SiteModel {
    var site: Site
    var table: PageTable
    let heldBack: HeldBack
    let warnings: [Diagnostic]
    /// The next time an article comes out (`publishDate`) or is withdrawn (`expiryDate`) after the build's time:
    /// until then the same files give the same site (the build cache's limit).
    var nextChange: Date?
    let theme: Theme
    /// Assets and images, copied as they are.
    let copies: [OutputPlanner.Copy]
    let filesRead: Int

    /// The designer's side of the site, ready to render with.
    struct Theme {
        var templates: TemplateSet
        var fingerprints: [String: UInt64]
        var dates: DateStyle
        var numbers: NumberStyle
        /// The logo the site's icons are drawn from, and how messages name it (`SiteSources.logo`).
        var logo: (bytes: Data?, path: String)
    }

    /// The model stage: parses and validates the sources; throws every error found across all files.
    /// Takes the sources: each file's text goes as soon as it is parsed.
    static func make(_ sources: consuming SiteSources, options: Build.Options,
                     memory: inout BuildState.Memory) throws(BuildFailure) -> SiteModel {
        // Moved out, so the parse below holds the only reference to the texts and can let each one go.
        let articleFiles = sources.articleFiles
        sources.articleFiles = []
        let content = try content(siteFile: sources.siteFile, articleFiles: consume articleFiles, pageFiles: sources.pageFiles,
                                  options: options, earlier: sources.diagnostics,
                                  memo: memory.remembers ? memory.parses : memory.articleCache, albumFiles: sources.albumFiles,
                                  documentFiles: sources.documentFiles)
        let (templates, fingerprints) = try memory.templates(sources.templates)
        if content.site.config.counter != nil {
            let needed = [CounterFiles.pageTemplate, CounterFiles.figuresTemplate]
            let missing = needed.filter { !templates.names.contains($0) }
            if !missing.isEmpty {
                throw BuildFailure(missing.map { .error("templates", Message("template.missingForCounter", ["name": "\($0)", "required": .list(needed)])) })
            }
        }
        let locale = try sources.locale.get()
        let theme = Theme(templates: templates, fingerprints: fingerprints,
                          dates: try TemplateLoader.dateStyle(locale: locale, timeZone: content.site.config.timeZone),
                          numbers: try TemplateLoader.numberStyle(locale: locale), logo: sources.logo)
        return SiteModel(site: content.site, table: content.table, heldBack: content.heldBack, warnings: content.warnings,
                         nextChange: content.nextChange, theme: theme,
                         copies: sources.copies + content.site.documents.copies(contentDirectory: options.contentDirectory),
                         filesRead: sources.filesRead)
    }

    /// The content's part: site.yml, front matter and the site's rules (slugs, categories, old URLs).
    static func content(siteFile: SourceFile, articleFiles: consuming [SourceFile], pageFiles: [SourceFile], options: Build.Options,
                     earlier: [Diagnostic] = [], memo: (any ParsedFiles)? = nil,
                     albumFiles: [SourceFile] = [], documentFiles: [SourceFile] = []) throws(BuildFailure) -> Content {
        var log = DiagnosticLog()
        log.add(contentsOf: earlier)
        let (parsedConfig, configProblems) = SiteConfig.parse(siteFile)
        log.add(contentsOf: configProblems)
        guard let config = parsedConfig else { throw BuildFailure(log.all) }

        // Front matter is parsed on every core; problems are reported in file order all the same.
        // Each file's text goes as soon as it is parsed, so the copy of its body can take the freed memory: with all
        // texts held until the end the stage ended at 599 MB resident on 50,000 articles (200 MB of text), now 392.
        var files = consume articleFiles
        let parsed = files.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer.baseAddress
            return Parallel.map(buffer.count) { index in
                let result = memo?.article(slots![index], timeZone: config.timeZone, allowsRawHTML: config.unsafeMarkdown)
                    ?? ArticleSource.read(slots![index], timeZone: config.timeZone)
                slots![index].text = ""
                return result
            }
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
        var (site, held, modelProblems) = SiteRules.apply(
            config: config, articles: articles, pages: pages,
            options: options.siteRules)
        log.add(contentsOf: modelProblems)
        var albums: [Album] = []
        for file in albumFiles {
            let (album, problems) = AlbumSource.parse(file, timeZone: config.timeZone)
            log.add(contentsOf: problems)
            if let album { albums.append(album) }
        }
        site?.albums = albums.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }
        let attachments = (site?.articles ?? []).flatMap { article in
            article.attachments.map { (reference: $0, file: article.sourcePath, line: article.attachmentsLine) }
                + article.fileLinks.map { (reference: $0.reference, file: article.sourcePath, line: Optional($0.line)) }
        } + (site?.pages ?? []).flatMap { page in
            page.fileLinks.map { (reference: $0.reference, file: page.sourcePath, line: Optional($0.line)) }
        }
        let (documents, documentProblems) = DocumentShelf.make(documentFiles, attachments: attachments, config: config,
                                                               contentDirectory: options.contentDirectory, now: options.now)
        log.add(contentsOf: documentProblems)
        site?.documents = documents
        let table = site.map { PageTable(site: $0) }
        if let table { log.add(contentsOf: AliasCheck.problems(in: table, site: site!, sources: articles)) }
        try log.throwIfErrors()
        var nextChange = articles.flatMap { [$0.publishDate, $0.expiryDate] }.compactMap { $0 }
            .filter { $0 > options.now }.min()
        // A document's state ("Còn hiệu lực") changes with the days as a scheduled article comes out.
        let documentChange = site?.documents.nextChange(after: options.now)
        nextChange = [nextChange, documentChange].compactMap { $0 }.min()
        return Content(site: site!, table: table!, heldBack: held, warnings: log.warnings, nextChange: nextChange)
    }

    struct Content {
        var site: Site
        var table: PageTable
        var heldBack: HeldBack
        var warnings: [Diagnostic]
        var nextChange: Date?
    }
}
