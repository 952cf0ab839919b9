/// The HTML pages of the reader features: search (`search`), archive months (`list` with
/// `listing.is_archive`) and a redirect page at each old URL (`redirect`).
struct ReaderPages {
    let site: Site
    let routes: Routes
    let contexts: PageContexts

    func plan() -> [PlannedFile] {
        var files: [PlannedFile] = []
        func emit(_ path: String, _ template: String, _ context: [String: Any]) {
            files.append(PlannedFile(path: path, content: .page(template: template, context: context)))
        }
        emit(routes.outputPath(for: routes.search), "search", contexts.search())
        let months = Archive.months(of: site)
        for month in months {
            let sameYear = months.filter { $0.year == month.year }
            let pagination = Pagination(itemCount: month.positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                let url = routes.archive(year: month.year, month: month.month, page: number)
                emit(routes.outputPath(for: url), "list",
                     contexts.archive(month, page: number, pagination: pagination, sameYear: sameYear))
            }
        }
        for old in OldURLs.all(site, routes: routes) {
            guard let path = routes.aliasOutputPath(old.alias) else { continue }
            emit(path, "redirect", contexts.redirect(old))
        }
        return files
    }
}

/// Files of the reader features that are not pages: feeds, sitemap and robots.txt, the search index,
/// and the 301 rules for old URLs. Pure, like the rest of the render stage.
public enum ReaderFiles {
    public static func render(_ site: Site, dates: DateStyle) -> [OutputFile] {
        let routes = Routes(baseURL: site.config.baseURL)
        let inventory = PageInventory(site: site, routes: routes, archive: Archive.months(of: site))
        return RSSFeeds.files(site, routes: routes, dates: dates)
            + Sitemap.files(inventory, routes: routes, dates: dates)
            + SearchIndex.files(site, routes: routes, dates: dates)
            + RedirectRules.files(OldURLs.all(site, routes: routes), routes: routes)
    }
}
