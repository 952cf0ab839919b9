import Foundation

/// Values for the reader features: search page, archive months, redirect pages (listed in templates/README.md).
extension PageContexts {
    func search() -> PageOwnValues {
        var values = page(url: routes.search, title: nil, description: site.config.description)
        values.search = SearchValues(url: routes.search, indexURL: routes.searchIndexFolder)
        return values
    }

    /// The statistics page; its figures are put in where `counter_figures` is (`CounterFiles`).
    func statistics() -> PageOwnValues {
        var values = page(url: routes.statistics, title: nil, description: site.config.description)
        values.counterFigures = CounterFiles.marker
        return values
    }

    static func monthLink(_ month: ArchiveMonth, routes: Routes) -> MonthLink {
        MonthLink(month: twoDigits(month.month), year: month.year, url: routes.archive(year: month.year, month: month.month),
                  count: month.positions.count)
    }

    /// `sameYear`: the months of the page's year, for the row of links above the list.
    func archive(_ month: ArchiveMonth, page number: Int, pagination: Pagination, sameYear: [ArchiveMonth] = []) -> PageOwnValues {
        let urlFor: (Int) -> String = { routes.archive(year: month.year, month: month.month, page: $0) }
        let title = dates.archiveTitle(year: month.year, month: month.month)
        let pageItems = month.positions[pagination.range(ofPage: number)].map { items[$0] }
        let listing = ListingValues(
            isCategory: false, isTag: false, isArchive: true, title: title, url: urlFor(1), year: month.year,
            month: Self.twoDigits(month.month), yearURL: routes.archive(year: month.year),
            yearMonths: sameYear.map { other in
                var link = Self.monthLink(other, routes: routes)
                link.isCurrent = other.month == month.month
                return link
            },
            items: pageItems, isEmpty: pageItems.isEmpty,
            pagination: paginationValues(pagination, current: number, urlFor: urlFor))
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        var values = page(url: urlFor(number), title: pageTitle, description: site.config.description)
        values.listing = listing
        return values
    }

    /// A year's articles, newest first, paginated, under the row of its months.
    func archive(_ year: ArchiveYear, page number: Int, pagination: Pagination) -> PageOwnValues {
        let urlFor: (Int) -> String = { routes.archive(year: year.year, page: $0) }
        let title = dates.archiveYearTitle(year.year)
        let pageItems = year.positions[pagination.range(ofPage: number)].map { items[$0] }
        let listing = ListingValues(
            isCategory: false, isTag: false, isArchive: true, isYear: true, title: title, url: urlFor(1), year: year.year,
            yearMonths: year.months.map { Self.monthLink($0, routes: routes) }, count: year.count,
            items: pageItems, isEmpty: pageItems.isEmpty,
            pagination: paginationValues(pagination, current: number, urlFor: urlFor))
        let pageTitle = number > 1 ? "\(title) (\(number)/\(pagination.pageCount))" : title
        var values = page(url: urlFor(number), title: pageTitle, description: site.config.description)
        values.listing = listing
        return values
    }

    /// `/luu-tru/`: every year with its count and its months.
    func archiveIndex(_ years: [ArchiveYear]) -> PageOwnValues {
        let listing = ListingValues(
            isArchiveIndex: true, isIndex: true, title: dates.archiveIndexTitle ?? site.config.title, url: routes.archiveIndex,
            years: years.map { year in
                ArchiveYearLink(year: year.year, count: year.count, url: routes.archive(year: year.year),
                                months: year.months.map { Self.monthLink($0, routes: routes) })
            },
            isEmpty: years.isEmpty)
        var values = page(url: routes.archiveIndex, title: dates.archiveIndexTitle, description: site.config.description)
        values.listing = listing
        return values
    }

    /// `/the/`: every tag with its count, in the order of their slugs (alphabetical, accents aside).
    func tagIndex() -> PageOwnValues {
        let listing = ListingValues(
            isTagIndex: true, isIndex: true, title: dates.tagIndexTitle ?? site.config.title, url: routes.tagIndex,
            tags: site.tags.map { tag in
                TagCount(name: tag.name, url: routes.tag(tag.slug), count: site.articlesByTag[tag.slug]?.count ?? 0)
            },
            isEmpty: site.tags.isEmpty)
        var values = page(url: routes.tagIndex, title: dates.tagIndexTitle, description: site.config.description)
        values.listing = listing
        return values
    }

    /// The page left at an old URL: sends the reader (and search engines, through the canonical link) on.
    func redirect(_ old: OldURL) -> PageOwnValues {
        var values = page(url: old.target, title: old.targetTitle, description: site.config.description)
        values.redirect = RedirectValues(oldURL: old.alias, targetURL: old.target, targetAbsoluteURL: routes.absolute(old.target),
                                         title: old.targetTitle)
        values.canonicalURL = routes.absolute(old.target)
        return values
    }

    private static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}
