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
        let itemHTML: (([String: Any]) -> String)? = templates.names.contains(TemplateSet.itemTemplate)
            ? { templates.render(TemplateSet.itemTemplate, own: $0) } : nil
        let contexts = PageContexts(site: site, routes: table.routes, dates: dates, numbers: numbers,
                                    images: images, itemHTML: itemHTML)
        let values = PageValues(contexts: contexts, table: table, related: related)
        var files: [PlannedFile] = []
        files.reserveCapacity(table.entries.count)
        for entry in table.pages {
            guard let template = PageValues.template(entry.kind) else { continue }
            files.append(PlannedFile(path: entry.outputPath!, content: .deferred(template: template, kind: entry.kind, values: values),
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
