import Foundation

/// The enrich stage's result: what the pages show beyond each article's own text. Related news by article,
/// the reader files (feeds, sitemap, search index, redirect rules) and the visit counter's figures.
struct Enrichment {
    /// The model, its bodies' plain text let go (related news and the search index were its last readers).
    var model: SiteModel
    var catalog: ImageCatalog
    var related: RelatedLists
    var readerFiles: [OutputFile]
    /// Nil when site.yml has no `counter:` section.
    var counter: VisitCounter?

    /// The reader files need only the rendered articles, but are made after related news, not beside it: its text
    /// index and the search index's postings together were the build's peak (10,000 portal articles: 278–285 MB
    /// beside, 254–255 MB after, the enrich stage 0.04 s longer; 50,000: 994 MB against 947 MB).
    static func make(_ pictured: consuming PicturedSite, options: Build.Options) throws -> Enrichment {
        let catalog = pictured.catalog
        var model = (consume pictured).model
        let (related, readerFiles, counter) = try enrich(model.site, table: model.table, dates: model.theme.dates,
                                                         options: options)
        // The last readers of the plain text are done: let go here, the model holding the only reference.
        model.site.releasePlainText()
        return Enrichment(model: model, catalog: catalog, related: related, readerFiles: readerFiles, counter: counter)
    }

    private static func enrich(_ site: Site, table: PageTable, dates: DateStyle,
                               options: Build.Options) throws -> (RelatedLists, [OutputFile], VisitCounter?) {
        let related = RelatedLists.compute(site)
        let making = Concurrently { ReaderFiles.render(site, table: table, dates: dates) }
        let counter = try site.config.counter.map { settings in
            // The counter's state and logs must not be where the output is replaced whole.
            try OutputFolderSafety.check(options, counter: settings)
            var locations = VisitCounter.Locations.project(of: options.contentDirectory)
            locations.now = options.now
            return try VisitCounter.prepare(pages: table, timeZone: site.config.timeZone, settings: settings,
                                            locations: locations,
                                            mode: options.showsSavedCounter ? .showSaved : .count(options.otherBuild))
        }
        let readerFiles = making.value
        return (related, readerFiles, counter)
    }
}
