import Foundation

/// Context values for the reader features: search page, archive months, redirect pages, and the
/// keys every page carries for them (see docs/CONTRACT.md).
extension PageContexts {
    /// Merged into the shared values of every page. The sidebar lists the months of the newest year only;
    /// an older year links to its page, which lists that year's months. (Every month of ten years on every
    /// page would add ~13 KB to each page and a quarter to the build time.)
    static func readerValues(site: Site, routes: Routes) -> [String: Any] {
        var years: [[String: Any]] = []
        for year in Archive.years(Archive.months(of: site)) {
            years.append(["year": year.year, "count": year.count, "url": routes.archive(year: year.year),
                          "is_open": years.isEmpty,
                          "months": years.isEmpty ? year.months.map { monthValues($0, routes: routes) } : []])
        }
        return [
            "search_url": routes.search,
            "feed_url": routes.feed,
            "archive_years": years,
            "has_archive": !years.isEmpty,
            "archive_url": routes.archiveIndex,
            "tag_index_url": routes.tagIndex,
        ]
    }

    func search() -> [String: Any] {
        page(url: routes.search, title: nil, description: site.config.description,
             extra: ["search": ["url": routes.search, "index_url": routes.searchIndexFolder]])
    }

    /// The statistics page; its figures are put in where `counter_figures` is (`CounterFiles`).
    func statistics() -> [String: Any] {
        page(url: routes.statistics, title: nil, description: site.config.description,
             extra: ["counter_figures": CounterFiles.marker])
    }

    static func monthValues(_ month: ArchiveMonth, routes: Routes) -> [String: Any] {
        ["month": twoDigits(month.month), "year": month.year, "url": routes.archive(year: month.year, month: month.month),
         "count": month.positions.count]
    }

    /// `sameYear`: the months of the page's year, for the row of links above the list.
    func archive(_ month: ArchiveMonth, page number: Int, pagination: Pagination, sameYear: [ArchiveMonth] = []) -> [String: Any] {
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
            "year_url": routes.archive(year: month.year),
            "month": Self.twoDigits(month.month),
            "year_months": sameYear.map { other -> [String: Any] in
                var values = Self.monthValues(other, routes: routes)
                values["is_current"] = other.month == month.month
                return values
            },
            "items": pageItems,
            "is_empty": pageItems.isEmpty,
            "pagination": paginationValues(pagination, current: number, urlFor: urlFor),
        ]
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        return page(url: urlFor(number), title: pageTitle, description: site.config.description, extra: ["listing": values])
    }

    /// A year's articles, newest first, paginated, under the row of its months.
    func archive(_ year: ArchiveYear, page number: Int, pagination: Pagination) -> [String: Any] {
        let urlFor: (Int) -> String = { routes.archive(year: year.year, page: $0) }
        let title = dates.archiveYearTitle(year.year)
        let pageItems = year.positions[pagination.range(ofPage: number)].map { items[$0] }
        let values: [String: Any] = [
            "is_archive": true,
            "is_year": true,
            "is_category": false,
            "is_tag": false,
            "title": title,
            "url": urlFor(1),
            "year": year.year,
            "count": year.count,
            "year_months": year.months.map { Self.monthValues($0, routes: routes) },
            "items": pageItems,
            "is_empty": pageItems.isEmpty,
            "pagination": paginationValues(pagination, current: number, urlFor: urlFor),
        ]
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        return page(url: urlFor(number), title: pageTitle, description: site.config.description, extra: ["listing": values])
    }

    /// `/luu-tru/`: every year with its count and its months.
    func archiveIndex(_ years: [ArchiveYear]) -> [String: Any] {
        let values: [String: Any] = [
            "is_archive_index": true,
            "is_index": true,
            "title": dates.archiveIndexTitle ?? site.config.title,
            "url": routes.archiveIndex,
            "years": years.map { year -> [String: Any] in
                ["year": year.year, "url": routes.archive(year: year.year), "count": year.count,
                 "months": year.months.map { Self.monthValues($0, routes: routes) }]
            },
            "is_empty": years.isEmpty,
        ]
        return page(url: routes.archiveIndex, title: dates.archiveIndexTitle, description: site.config.description,
                    extra: ["listing": values])
    }

    /// `/the/`: every tag with its count, in the order of their slugs (alphabetical, accents aside).
    func tagIndex() -> [String: Any] {
        let values: [String: Any] = [
            "is_tag_index": true,
            "is_index": true,
            "title": dates.tagIndexTitle ?? site.config.title,
            "url": routes.tagIndex,
            "tags": site.tags.map { tag -> [String: Any] in
                ["name": tag.name, "url": routes.tag(tag.slug), "count": site.articlesByTag[tag.slug]?.count ?? 0]
            },
            "is_empty": site.tags.isEmpty,
        ]
        return page(url: routes.tagIndex, title: dates.tagIndexTitle, description: site.config.description,
                    extra: ["listing": values])
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
