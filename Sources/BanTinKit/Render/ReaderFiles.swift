/// Files of the reader features that are not pages: feeds, sitemap and robots.txt, the search index,
/// and the 301 rules for old URLs, each made for its entry of the page table. Pure, like the rest of the render stage.
enum ReaderFiles {
    static func render(_ site: Site, table: PageTable, dates: DateStyle) -> [OutputFile] {
        let routes = table.routes
        var oldURLs: [OldURL] = []
        var feeds: [String?] = []
        for entry in table.entries {
            switch entry.kind {
            case .redirect(let old): oldURLs.append(old)
            case .feed(let category): feeds.append(category)
            default: break
            }
        }
        return RSSFeeds.files(site, feeds: feeds, routes: routes, dates: dates)
            + Sitemap.files(table, dates: dates)
            + SearchIndex.files(site, routes: routes, dates: dates)
            + RedirectRules.files(oldURLs, routes: routes)
    }
}
