import Foundation

/// Every address the built site has, listed once: each page with its kind (`PageKind`, which says what produces
/// it), the files made without a template, and the folders filled wholesale. Rendering, the sitemap, the feeds,
/// the old-URL check, the visit counter's files and URL lookup, the build cache and `serve`'s previews all read
/// this table. A new kind is declared in `PageKind` with its producer, listed here, and given its values in
/// `PageValues`; the compiler names every switch that does not know it yet.
public struct PageTable: Sendable {
    typealias Kind = PageKind
    typealias SiteImage = PageKind.SiteImage

    public struct Entry: Sendable {
        /// Root-relative URL; folders end in "/".
        public var url: String
        /// The file written, relative to the output folder; nil for folders and unwritable old URLs.
        var outputPath: String?
        var kind: Kind
        /// The file or setting the address comes from, named in error messages.
        var owner: String
        /// Newest article date shown on the page; nil for pages without one.
        var lastModified: Date?
        /// False for pages search engines should not list (print views, redirects, 404) and for non-pages.
        var inSitemap: Bool
        /// The page whose views a visit here counts for (an article for its print view and old URLs); nil
        /// for what the visit counter does not count (archives, search, 404, files).
        var countsFor: String?
        /// The page's title where the counter lists it.
        public var title: String?

        public var isPage: Bool { kind.isPage }
        var isFolder: Bool { kind.isFolder }
    }

    public let routes: Routes
    public private(set) var entries: [Entry]
    /// The archive's months, newest first (`Kind.archiveMonth` points into it).
    let archive: [ArchiveMonth]
    /// The same months by year, newest first (`Kind.archiveYear` points into it).
    let archiveYears: [ArchiveYear]

    /// The manifest's file name in the output (written by the writer, listed here so no old URL takes it).
    static let manifestName = ".bantin-manifest"

    public init(site: Site, routes: Routes? = nil) {
        let routes = routes ?? Routes(baseURL: site.config.baseURL)
        self.routes = routes
        archive = Archive.months(of: site)
        archiveYears = Archive.years(archive)
        var entries: [Entry] = []
        func page(_ url: String, _ kind: Kind, owner: String, lastModified: Date? = nil, inSitemap: Bool = true,
                  countsFor: String? = nil, title: String? = nil) {
            entries.append(Entry(url: url, outputPath: routes.outputPath(for: url), kind: kind, owner: owner,
                                 lastModified: lastModified, inSitemap: inSitemap, countsFor: countsFor, title: title))
        }
        func file(_ url: String, _ kind: Kind, owner: String) {
            entries.append(Entry(url: url, outputPath: routes.outputPath(for: url), kind: kind, owner: owner,
                                 inSitemap: false))
        }

        page(routes.home, .home, owner: "the home page", lastModified: site.articles.first?.date,
             countsFor: routes.home, title: site.config.title)
        for article in site.articles {
            let url = routes.article(article.slug)
            page(url, .article(article.id), owner: article.sourcePath, lastModified: article.date, countsFor: url,
                 title: article.title)
            page(routes.printView(article.slug), .printView(article.id), owner: "\(article.sourcePath) (print view)",
                 lastModified: article.date, inSitemap: false, countsFor: url)
        }
        func listing(_ positions: [Int], owner: String, title: String?, counted: Bool, url: (Int) -> String,
                     kind: (Int) -> Kind) {
            let pagination = Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                let first = positions[pagination.range(ofPage: number)].first
                page(url(number), kind(number), owner: owner, lastModified: first.map { site.articles[$0].date },
                     countsFor: counted ? url(1) : nil, title: number == 1 ? title : nil)
            }
        }
        for category in site.categories {
            listing(site.articleIndices(inTree: category.slug), owner: "category \"\(category.name)\" (site.yml)",
                    title: category.name, counted: true) { routes.category(category.slug, page: $0) }
                kind: { .category(slug: category.slug, page: $0) }
        }
        for tag in site.tags {
            listing(site.articlesByTag[tag.slug] ?? [], owner: "tag \"\(tag.name)\"", title: tag.name, counted: true) {
                routes.tag(tag.slug, page: $0)
            } kind: { .tag(slug: tag.slug, page: $0) }
        }
        page(routes.tagIndex, .tagIndex, owner: "the tag index", lastModified: site.articles.first?.date)
        page(routes.archiveIndex, .archiveIndex, owner: "the archive index", lastModified: site.articles.first?.date)
        for (index, year) in archiveYears.enumerated() {
            listing(year.positions, owner: "the archive of \(year.year)", title: nil, counted: false) {
                routes.archive(year: year.year, page: $0)
            } kind: { .archiveYear(year: index, page: $0) }
        }
        for (index, month) in archive.enumerated() {
            listing(month.positions, owner: "the archive of \(month.month)/\(month.year)", title: nil, counted: false) {
                routes.archive(year: month.year, month: month.month, page: $0)
            } kind: { .archiveMonth(month: index, page: $0) }
        }
        for staticPage in site.pages {
            let url = routes.page(staticPage.slug)
            page(url, .staticPage(slug: staticPage.slug), owner: staticPage.sourcePath, countsFor: url,
                 title: staticPage.title)
        }
        if !site.albums.isEmpty {
            page(routes.albums, .albumIndex, owner: "the album list", lastModified: site.albums.first?.date,
                 countsFor: routes.albums)
            for album in site.albums {
                let url = routes.album(album.slug)
                page(url, .album(slug: album.slug), owner: album.sourcePath, lastModified: album.date, countsFor: url,
                     title: album.title)
            }
        }
        let shelf = site.documents
        if !shelf.isEmpty {
            func documentListing(_ filter: Kind.DocumentFilter, owner: String, title: String?) {
                let positions = shelf.positions(filter)
                let pagination = Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
                for number in 1...pagination.pageCount {
                    let first = positions[pagination.range(ofPage: number)].first
                    page(routes.documents(filter, page: number), .documents(filter, page: number), owner: owner,
                         lastModified: first.map { shelf.documents[$0].issued },
                         countsFor: routes.documents(filter), title: number == 1 ? title : nil)
                }
            }
            documentListing(.all, owner: "the list of documents (content/documents/)", title: nil)
            for group in shelf.groups {
                documentListing(group.filter, owner: "the documents of \"\(group.name)\"", title: group.name)
            }
            for document in shelf.documents {
                let url = routes.document(document.slug)
                page(url, .document(slug: document.slug), owner: document.sourcePath, lastModified: document.issued,
                     countsFor: url, title: document.title)
            }
        }
        page(routes.search, .search, owner: "the search page")
        if site.config.counter != nil {
            page(routes.statistics, .statistics, owner: "the statistics page (counter: in site.yml)", inSitemap: false)
        }
        page(routes.notFound, .notFound, owner: "the 404 page", inSitemap: false)
        // Old URLs last: they must not take the place of any address above (the alias check says so).
        for old in OldURLs.all(site, routes: routes) {
            entries.append(Entry(url: old.alias, outputPath: routes.aliasOutputPath(old.alias), kind: .redirect(old),
                                 owner: old.owner, inSitemap: false, countsFor: old.target))
        }

        file(routes.feed, .feed(category: nil), owner: "the generated file \(routes.feed)")
        if !shelf.isEmpty {
            file(routes.documentsFeed, .documentsFeed, owner: "the generated file \(routes.documentsFeed)")
        }
        for published in shelf.files {
            // Counted as downloads of the file (`CounterPages`), shown as "Lượt tải" on its document's page.
            let url = routes.publishedFile(published.path)
            entries.append(Entry(url: url, outputPath: published.path, kind: .publishedFile, owner: published.source,
                                 inSitemap: false, countsFor: url, title: (published.path as NSString).lastPathComponent))
        }
        for category in site.categories {
            file(routes.categoryFeed(category.slug), .feed(category: category.slug),
                 owner: "the generated file \(routes.categoryFeed(category.slug))")
        }
        for (url, kind) in [(routes.sitemap, Kind.sitemap), (routes.robots, .robots),
                            (routes.redirectRules, .redirectRules), (routes.nginxRedirects, .nginxRedirects),
                            (routes.basePath + Self.manifestName, .manifest)] {
            file(url, kind, owner: "the generated file \(url)")
        }
        if site.config.counter != nil {
            file(routes.counterFigures, .counterFigures, owner: "the generated file \(routes.counterFigures)")
            file(routes.counterViews, .counterViews, owner: "the generated file \(routes.counterViews)")
        }
        for (url, kind, owner) in [(routes.assets + "/", Kind.assetsFolder, "templates/assets/"),
                                   (routes.resource("images") + "/", .imagesFolder, "content/images/"),
                                   (routes.searchIndexFolder, .searchIndexFolder, "the search index")] {
            entries.append(Entry(url: url, outputPath: nil, kind: kind, owner: owner, inSitemap: false))
        }
        for image in SiteImage.allCases {
            file(image.url(routes), .siteImage(image), owner: "the generated file \(image.url(routes))")
        }
        self.entries = entries
    }

    /// A table with no entries, for a site whose pages are planned already (see `PlannedOutput.make`).
    init(emptyAt routes: Routes) {
        self.routes = routes
        entries = []
        archive = []
        archiveYears = []
    }

    /// Addresses a page had before, still counted from old access logs (the print views' former folders).
    func formerURLs(of entry: Entry) -> [String] {
        if case .printView(let id) = entry.kind { return [routes.formerPrintView(id.slug)] }
        return []
    }

    /// The resized photos the images stage made (output paths, and the source each comes from).
    mutating func addImageFiles(_ paths: [String], owners: [String]) {
        for (path, owner) in zip(paths, owners) {
            entries.append(Entry(url: routes.basePath + path, outputPath: path, kind: .imageFile, owner: owner, inSitemap: false))
        }
    }

    /// The visit counter's three files, as listed here (nil without a `counter:` section).
    var counterFiles: CounterFiles.Paths? {
        func path(_ kind: Kind) -> String? { entries.first { $0.kind == kind }?.outputPath }
        guard let figures = path(.counterFigures), let statistics = path(.statistics), let views = path(.counterViews) else {
            return nil
        }
        return CounterFiles.Paths(figures: figures, statistics: statistics, views: views)
    }

    /// The pages a template renders (every page entry with a file), in table order.
    public var pages: some Sequence<Entry> { entries.lazy.filter { $0.isPage && $0.outputPath != nil } }
}

extension PageKind.SiteImage {
    func url(_ routes: Routes) -> String {
        switch self {
        case .favicon: routes.favicon
        case .appleTouchIcon: routes.appleTouchIcon
        case .shareImage: routes.defaultShareImage
        }
    }
}
