import Foundation

/// What every page of the page table will show: one planned file per page, its values not yet made (they are
/// made, and the page rendered, while it is written). Pure: a site, its table and its enrichment in, a plan out.
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
        let itemHTML: ((ArticleItem) -> String)? = templates.names.contains(TemplateSet.itemTemplate)
            ? { templates.render(TemplateSet.itemTemplate, $0) } : nil
        let contexts = PageContexts(site: site, routes: table.routes, dates: dates, numbers: numbers,
                                    images: images, itemHTML: itemHTML)
        let values = PageValues(contexts: contexts, table: table, related: related)
        var files: [PlannedFile] = []
        files.reserveCapacity(table.entries.count)
        var articlePages: [ArticleID: [(path: String, template: String)]] = [:]
        for entry in table.pages {
            guard let template = entry.kind.template, let path = entry.outputPath else { continue }
            files.append(PlannedFile(path: path, content: .deferred(template: template, kind: entry.kind, values: values),
                                     siteValues: contexts.shared))
            switch entry.kind {
            case .article(let id), .printView(let id): articlePages[id, default: []].append((path, template))
            case .home, .category, .tag, .archiveMonth, .archiveYear, .archiveIndex, .tagIndex, .staticPage, .album,
                 .albumIndex, .search, .statistics, .counterFigures, .counterViews, .notFound, .redirect, .feed, .sitemap,
                 .robots, .redirectRules, .nginxRedirects, .manifest, .assetsFolder, .imagesFolder, .searchIndexFolder,
                 .siteImage, .imageFile, .documents, .document, .documentsFeed, .publishedFile: break
            }
        }
        var plan = SitePlan(files: files, templates: templates.sharingFragments(contexts.shared), contexts: contexts)
        plan.articlePages = articlePages
        return plan
    }

    /// The pages an article's values make (its page and its print view, as the page table lists them), for
    /// `bantin serve`'s preview.
    static func articleFiles(_ pages: [(path: String, template: String)], values: PageOwnValues,
                             contexts: PageContexts) -> [PlannedFile] {
        let values = TemplateEncoder.fields(values)
        return pages.map { PlannedFile(path: $0.path, content: .page(template: $0.template, values: values), siteValues: contexts.shared) }
    }
}

/// The files of a site before any template runs, and the templates that will render them.
struct SitePlan {
    var files: [PlannedFile]
    var templates: TemplateSet
    /// The values the pages were made from, kept by `bantin serve` for its previews, and the pages each article's
    /// values make.
    var contexts: PageContexts?
    var articlePages: [ArticleID: [(path: String, template: String)]] = [:]

    init(files: [PlannedFile], templates: TemplateSet, contexts: PageContexts? = nil) {
        self.files = files
        self.templates = templates
        self.contexts = contexts
    }
}
