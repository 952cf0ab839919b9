import Foundation

/// What every page of the page table will show: one planned file per page, not yet rendered (pages are
/// rendered while they are written). Pure: a site, its table and its enrichment in, a plan out.
struct SiteRenderer {
    let site: Site
    let table: PageTable
    let templates: TemplateSet
    let dates: DateStyle
    let related: RelatedLists
    let numbers: NumberStyle
    /// The processed pictures (images stage); empty in memory-only renders.
    let images: ImageCatalog

    init(site: Site, table: PageTable, templates: TemplateSet, dates: DateStyle, related: RelatedLists,
         numbers: NumberStyle = NumberStyle(), images: ImageCatalog = .empty) {
        self.images = images
        self.site = site
        self.table = table
        self.templates = templates
        self.dates = dates
        self.related = related
        self.numbers = numbers
    }

    /// Every page of the table with what its template will see, and the templates to render them with (the
    /// shared fragments already rendered).
    func plan() -> SitePlan {
        // An article's entry in lists looks the same everywhere: rendered once, not once per list it is on.
        let templates = self.templates
        let itemHTML: (([String: Any]) -> String)? = templates.names.contains(TemplateSet.itemTemplate)
            ? { templates.render(TemplateSet.itemTemplate, own: $0) } : nil
        let contexts = PageContexts(site: site, routes: table.routes, dates: dates, numbers: numbers,
                                    images: images, itemHTML: itemHTML)
        // An article's page and its print view see the same values, made on every core.
        let articleContexts = Parallel.map(site.articles.count) { index in
            contexts.article(index, related: related[site.articles[index].id])
        }
        let listings = Listings(site: site)
        var files: [PlannedFile] = []
        files.reserveCapacity(table.entries.count)
        for entry in table.pages {
            let page: (template: String, context: [String: Any])
            switch entry.kind {
            case .home:
                page = ("home", contexts.home())
            case .article(let id):
                page = ("article", articleContexts[site.articleIndex[id.slug]!])
            case .printView(let id):
                page = ("print", articleContexts[site.articleIndex[id.slug]!])
            case .category(let slug, let number):
                let positions = listings.category(slug)
                page = ("list", contexts.listing(category: site.category(slug), tag: nil, positions: positions, page: number,
                                                 pagination: listings.pagination(positions)))
            case .tag(let slug, let number):
                let positions = site.articlesByTag[slug] ?? []
                page = ("list", contexts.listing(category: nil, tag: site.tags.first { $0.slug == slug }, positions: positions,
                                                 page: number, pagination: listings.pagination(positions)))
            case .archiveMonth(let index, let number):
                let month = table.archive[index]
                page = ("list", contexts.archive(month, page: number, pagination: listings.pagination(month.positions),
                                                 sameYear: table.archive.filter { $0.year == month.year }))
            case .archiveYear(let index, let number):
                let year = table.archiveYears[index]
                page = ("list", contexts.archive(year, page: number, pagination: listings.pagination(year.positions)))
            case .archiveIndex:
                page = ("list", contexts.archiveIndex(table.archiveYears))
            case .tagIndex:
                page = ("list", contexts.tagIndex())
            case .staticPage(let slug):
                page = ("page", contexts.staticPage(site.pages.first { $0.slug == slug }!))
            case .album(let slug):
                page = ("album", contexts.album(site.albums.first { $0.slug == slug }!))
            case .albumIndex:
                page = ("albums", contexts.albumIndex())
            case .search:
                page = ("search", contexts.search())
            case .statistics:
                // The shell: `CounterFiles` puts the figures in (PlannedOutput, Build.render).
                page = (CounterFiles.pageTemplate, contexts.statistics())
            case .notFound:
                page = ("404", contexts.notFound())
            case .redirect(let old):
                page = ("redirect", contexts.redirect(old))
            case .feed, .sitemap, .robots, .redirectRules, .nginxRedirects, .manifest, .counterFigures, .assetsFolder, .imagesFolder,
                 .searchIndexFolder, .siteImage, .imageFile:
                continue
            }
            files.append(PlannedFile(path: entry.outputPath!, content: .page(template: page.template, context: page.context),
                                     siteValues: contexts.shared))
        }
        return SitePlan(files: files, templates: templates.sharingFragments(contexts.shared), contexts: contexts)
    }

    /// An article's page and its print view, which see the same values (`bantin serve`'s preview).
    static func articleFiles(_ article: Article, context: [String: Any], routes: Routes,
                             contexts: PageContexts) -> [PlannedFile] {
        [PlannedFile(path: routes.outputPath(for: routes.article(article.slug)),
                     content: .page(template: "article", context: context), siteValues: contexts.shared),
         PlannedFile(path: routes.outputPath(for: routes.printView(article.slug)),
                     content: .page(template: "print", context: context), siteValues: contexts.shared)]
    }
}

/// The article positions of each listing, found once per listing rather than once per page of it.
private final class Listings {
    let site: Site
    private var categories: [String: [Int]] = [:]

    init(site: Site) { self.site = site }

    func category(_ slug: String) -> [Int] {
        if let known = categories[slug] { return known }
        let positions = site.articleIndices(inTree: slug)
        categories[slug] = positions
        return positions
    }

    func pagination(_ positions: [Int]) -> Pagination {
        Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
    }
}

/// The files of a site before any template runs, and the templates that will render them.
struct SitePlan {
    var files: [PlannedFile]
    var templates: TemplateSet
    /// The values the pages were made from, kept by `bantin serve` for its previews.
    var contexts: PageContexts?

    init(files: [PlannedFile], templates: TemplateSet, contexts: PageContexts? = nil) {
        self.files = files
        self.templates = templates
        self.contexts = contexts
    }
}
