import Foundation

/// Every address the build fills, with who owns it and, for pages, when it last changed. The sitemap
/// lists the pages from here; the alias check makes sure no old URL lands on one of them.
/// (Mirrors the loops of `SiteRenderer`; `SitemapTests` checks that the two agree.)
public struct PageInventory: Sendable {
    public struct Entry: Sendable, Hashable {
        public var url: String
        /// Newest article date shown on the page; nil for pages without one (static pages, search).
        public var lastModified: Date?
        /// The file or setting the page comes from, named in error messages.
        public var owner: String
        /// False for pages search engines should not list (print views, 404).
        public var inSitemap: Bool
    }

    public let entries: [Entry]
    /// Generated files that are not pages (feeds, sitemap, rules), as URLs.
    public let files: [String]
    /// Folders filled wholesale (copied assets and images, the search index), as URLs ending in "/".
    public let folders: [String]

    public init(site: Site, routes: Routes, archive: [ArchiveMonth]) {
        var entries: [Entry] = []
        let newest = site.articles.first?.date
        entries.append(Entry(url: routes.home, lastModified: newest, owner: "the home page", inSitemap: true))
        for article in site.articles {
            entries.append(Entry(url: routes.article(article.slug), lastModified: article.date,
                                 owner: article.sourcePath, inSitemap: true))
            entries.append(Entry(url: routes.printView(article.slug), lastModified: article.date,
                                 owner: "\(article.sourcePath) (print view)", inSitemap: false))
        }
        func listing(_ positions: [Int], owner: String, url: (Int) -> String) {
            let pagination = Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                let first = positions[pagination.range(ofPage: number)].first
                entries.append(Entry(url: url(number), lastModified: first.map { site.articles[$0].date },
                                     owner: owner, inSitemap: true))
            }
        }
        for category in site.categories {
            listing(site.articleIndices(inTree: category.slug), owner: "category \"\(category.name)\" (site.yml)") {
                routes.category(category.slug, page: $0)
            }
        }
        for tag in site.tags {
            listing(site.articlesByTag[tag.slug] ?? [], owner: "tag \"\(tag.name)\"") { routes.tag(tag.slug, page: $0) }
        }
        for month in archive {
            listing(month.positions, owner: "the archive of \(month.month)/\(month.year)") {
                routes.archive(year: month.year, month: month.month, page: $0)
            }
        }
        for page in site.pages {
            entries.append(Entry(url: routes.page(page.slug), lastModified: nil, owner: page.sourcePath, inSitemap: true))
        }
        entries.append(Entry(url: routes.search, lastModified: nil, owner: "the search page", inSitemap: true))
        entries.append(Entry(url: routes.notFound, lastModified: nil, owner: "the 404 page", inSitemap: false))
        self.entries = entries
        files = [routes.feed, routes.sitemap, routes.robots, routes.redirectRules, routes.nginxRedirects]
            + site.categories.map { routes.categoryFeed($0.slug) }
        folders = [routes.assets + "/", routes.resource("images") + "/", routes.searchIndexFolder]
    }
}
