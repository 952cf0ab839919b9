import Foundation

/// Renders every page of a site through the templates. Pure: a `Site` in, `[OutputFile]` out.
public struct SiteRenderer {
    public let site: Site
    public let templates: TemplateSet
    public let routes: Routes
    public let dates: DateStyle
    /// Related articles per article position (from the enrich stage).
    public let related: [[Int]]
    public let numbers: NumberStyle
    /// The visit counter's figures (enrich stage), nil when there is no counter.
    public let counter: CounterSnapshot?

    public init(site: Site, templates: TemplateSet, dates: DateStyle, related: [[Int]],
                numbers: NumberStyle = NumberStyle(), counter: CounterSnapshot? = nil) {
        self.site = site
        self.templates = templates
        self.routes = Routes(baseURL: site.config.baseURL)
        self.dates = dates
        self.related = related
        self.numbers = numbers
        self.counter = counter
    }

    public func render() -> [OutputFile] {
        let plan = plan()
        return plan.files.map { $0.render(with: plan.templates) }
    }

    /// Every file of the site with what its template will see, not yet rendered, and the templates to
    /// render them with (the shared fragments already rendered).
    public func plan() -> SitePlan {
        // An article's entry in lists looks the same everywhere: rendered once, not once per list it is on.
        let templates = self.templates
        let itemHTML: (([String: Any]) -> String)? = templates.names.contains(TemplateSet.itemTemplate)
            ? { templates.render(TemplateSet.itemTemplate, own: $0) } : nil
        let contexts = PageContexts(site: site, routes: routes, dates: dates, numbers: numbers, counter: counter,
                                    itemHTML: itemHTML)
        var files: [PlannedFile] = []
        func emit(_ url: String, _ template: String, _ context: [String: Any]) {
            files.append(PlannedFile(path: routes.outputPath(for: url), content: .page(template: template, context: context),
                                     siteValues: contexts.shared))
        }

        emit(routes.home, "home", contexts.home())
        // An article's page and its print view see the same values, made on every core.
        let articleContexts = Parallel.map(site.articles.count) { index in
            contexts.article(index, related: related.indices.contains(index) ? related[index] : [])
        }
        for (index, context) in articleContexts.enumerated() {
            files += Self.articleFiles(site.articles[index], context: context, routes: routes, contexts: contexts)
        }
        for category in site.categories {
            let positions = site.articleIndices(inTree: category.slug)
            let pagination = Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                emit(routes.category(category.slug, page: number), "list",
                     contexts.listing(category: category, tag: nil, positions: positions, page: number, pagination: pagination))
            }
        }
        for tag in site.tags {
            let positions = site.articlesByTag[tag.slug] ?? []
            let pagination = Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                emit(routes.tag(tag.slug, page: number), "list",
                     contexts.listing(category: nil, tag: tag, positions: positions, page: number, pagination: pagination))
            }
        }
        for page in site.pages {
            emit(routes.page(page.slug), "page", contexts.staticPage(page))
        }
        files.append(PlannedFile(path: "404.html", content: .page(template: "404", context: contexts.notFound()),
                                 siteValues: contexts.shared))
        files += ReaderPages(site: site, routes: routes, contexts: contexts).plan()
        return SitePlan(files: files, templates: templates.sharingFragments(contexts.shared), contexts: contexts)
    }

    /// An article's page and its print view, which see the same values.
    static func articleFiles(_ article: Article, context: [String: Any], routes: Routes,
                             contexts: PageContexts) -> [PlannedFile] {
        [PlannedFile(path: routes.outputPath(for: routes.article(article.slug)),
                     content: .page(template: "article", context: context), siteValues: contexts.shared),
         PlannedFile(path: routes.outputPath(for: routes.printView(article.slug)),
                     content: .page(template: "print", context: context), siteValues: contexts.shared)]
    }
}

/// The files of a site before any template runs, and the templates that will render them.
public struct SitePlan {
    public var files: [PlannedFile]
    public var templates: TemplateSet
    /// The values the pages were made from, kept by `bantin serve` for its previews.
    var contexts: PageContexts?

    init(files: [PlannedFile], templates: TemplateSet, contexts: PageContexts? = nil) {
        self.files = files
        self.templates = templates
        self.contexts = contexts
    }
}
