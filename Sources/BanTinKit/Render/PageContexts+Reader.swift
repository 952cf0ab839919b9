import Foundation

/// Context values for the reader features: search page, archive months, redirect pages, and the
/// keys every page carries for them (see docs/CONTRACT.md).
extension PageContexts {
    /// Merged into the shared values of every page.
    static func readerValues(site: Site, routes: Routes) -> [String: Any] {
        let months = Archive.months(of: site)
        var years: [[String: Any]] = []
        for month in months {
            let entry: [String: Any] = ["month": twoDigits(month.month), "year": month.year,
                                        "url": routes.archive(year: month.year, month: month.month),
                                        "count": month.positions.count]
            if let last = years.last, last["year"] as? Int == month.year {
                years[years.count - 1]["months"] = (last["months"] as? [[String: Any]] ?? []) + [entry]
                years[years.count - 1]["count"] = (last["count"] as? Int ?? 0) + month.positions.count
            } else {
                years.append(["year": month.year, "count": month.positions.count, "months": [entry], "is_open": years.isEmpty])
            }
        }
        return [
            "search_url": routes.search,
            "feed_url": routes.feed,
            "archive_years": years,
            "has_archive": !years.isEmpty,
        ]
    }

    func search() -> [String: Any] {
        page(url: routes.search, title: nil, description: site.config.description,
             extra: ["search": ["url": routes.search, "index_url": routes.searchIndexFolder]])
    }

    func archive(_ month: ArchiveMonth, page number: Int, pagination: Pagination) -> [String: Any] {
        let urlFor: (Int) -> String = { routes.archive(year: month.year, month: month.month, page: $0) }
        let title = dates.archiveTitle(year: month.year, month: month.month)
        let pageItems = month.positions[pagination.range(ofPage: number)].map { items[$0] }
        let values: [String: Any] = [
            "is_archive": true,
            "is_category": false,
            "is_tag": false,
            "title": title,
            "url": urlFor(1),
            "year": month.year,
            "month": Self.twoDigits(month.month),
            "items": pageItems,
            "is_empty": pageItems.isEmpty,
            "pagination": paginationValues(pagination, current: number, urlFor: urlFor),
        ]
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        return page(url: urlFor(number), title: pageTitle, description: site.config.description, extra: ["listing": values])
    }

    /// The page left at an old URL: sends the reader (and search engines, through the canonical link) on.
    func redirect(_ old: OldURL) -> [String: Any] {
        var values = page(url: old.target, title: old.targetTitle, description: site.config.description,
                          extra: ["redirect": ["old_url": old.alias, "target_url": old.target,
                                               "target_absolute_url": routes.absolute(old.target), "title": old.targetTitle]])
        values["canonical_url"] = routes.absolute(old.target)
        return values
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
