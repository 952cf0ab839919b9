/// Files of the reader features that are not pages: feeds, sitemap and robots.txt, the search index,
/// and the 301 rules for old URLs, each made for its entry of the page table. Pure, like the rest of the render stage.
enum ReaderFiles {
    static func render(_ site: Site, table: PageTable, dates: DateStyle) -> [OutputFile] {
        let routes = table.routes
        var oldURLs: [OldURL] = []
        var feeds: [String?] = []
        var documentsFeed = false
        for entry in table.entries {
            switch entry.kind {
            case .redirect(let old): oldURLs.append(old)
            case .feed(let category): feeds.append(category)
            case .documentsFeed: documentsFeed = true
            // Made here from the site alone (sitemap, robots, rules, search index), or by another stage.
            case .home, .article, .printView, .category, .tag, .archiveMonth, .archiveYear, .archiveIndex, .tagIndex,
                 .staticPage, .album, .albumIndex, .search, .statistics, .counterFigures, .counterViews, .notFound,
                 .sitemap, .robots, .redirectRules, .nginxRedirects, .manifest, .assetsFolder, .imagesFolder,
                 .searchIndexFolder, .siteImage, .imageFile, .documents, .document, .publishedFile: break
            }
        }
        // Feeds, sitemap and redirect rules (one thread, in order) beside the search index, which has parts on one
        // thread too: on a machine of many cores they would otherwise wait for each other.
        nonisolated(unsafe) let inputs = (site: site, table: table, feeds: feeds, oldURLs: oldURLs)
        let others = Concurrently {
            (RSSFeeds.files(inputs.site, feeds: inputs.feeds, routes: routes, dates: dates) + Sitemap.files(inputs.table, dates: dates),
             RedirectRules.files(inputs.oldURLs, routes: routes))
        }
        let search = SearchIndex.files(site, routes: routes, dates: dates)
        let (listed, redirects) = others.value
        let documents = documentsFeed ? [RSSFeeds.documentsFeed(site, routes: routes, dates: dates)] : []
        return listed + documents + search + redirects
    }
}
