/// The HTML pages of the reader features: search (`search`), archive months (`list` with
/// `listing.is_archive`) and a redirect page at each old URL (`redirect`).
struct ReaderPages {
    let site: Site
    let templates: TemplateSet
    let routes: Routes
    let contexts: PageContexts

    func render() -> [OutputFile] {
        var files: [OutputFile] = []
        files.append(OutputFile(path: routes.outputPath(for: routes.search), text: templates.render("search", contexts.search())))
        let months = Archive.months(of: site)
        for month in months {
            let sameYear = months.filter { $0.year == month.year }
            let pagination = Pagination(itemCount: month.positions.count, pageSize: site.config.pageSize)
            for number in 1...pagination.pageCount {
                let url = routes.archive(year: month.year, month: month.month, page: number)
                files.append(OutputFile(path: routes.outputPath(for: url),
                                        text: templates.render("list", contexts.archive(month, page: number, pagination: pagination, sameYear: sameYear))))
            }
        }
        for old in OldURLs.all(site, routes: routes) {
            guard let path = routes.aliasOutputPath(old.alias) else { continue }
            files.append(OutputFile(path: path, text: templates.render("redirect", contexts.redirect(old))))
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
