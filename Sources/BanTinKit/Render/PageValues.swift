import Foundation
import Synchronization

/// Makes the values a page's template sees when the page is written, not before: holding every page's values
/// from planning to writing was the largest part of a build's memory (at 10,000 articles of the flat corpus,
/// 95 MB of its 240 MB peak). Each page's values are made, fingerprinted, rendered and dropped by the thread
/// that writes the page.
final class PageValues: @unchecked Sendable {
    // Everything here is read only once made, but `pairs`, which locks itself.
    let contexts: PageContexts
    private let related: RelatedLists
    private let archive: [ArchiveMonth]
    private let archiveYears: [ArchiveYear]
    private let categoryPositions: [String: [Int]]
    /// An article's page and its print view see the same values: made for the first of the two asked, kept
    /// until the second is (the writer takes them one after the other: "tin/x/in.html", "tin/x/index.html").
    private let pairs = Mutex<[Int: TemplateFields]>([:])

    init(contexts: PageContexts, table: PageTable, related: RelatedLists) {
        self.contexts = contexts
        self.related = related
        archive = table.archive
        archiveYears = table.archiveYears
        var positions: [String: [Int]] = [:]
        for entry in table.pages {
            if case .category(let slug, _) = entry.kind, positions[slug] == nil {
                positions[slug] = contexts.site.articleIndices(inTree: slug)
            }
        }
        categoryPositions = positions
    }

    /// The site-wide values every page sees under its own.
    var site: TemplateFields { contexts.shared }

    /// Article values made for one of the two pages that see them, waiting for the other.
    var heldPairs: Int { pairs.withLock { $0.count } }

    /// The values of a page of this kind, made now and encoded for its template (their `fingerprint` with them).
    func values(_ kind: PageTable.Kind) -> TemplateFields {
        switch kind {
        case .article(let id), .printView(let id):
            let index = contexts.site.articleIndex[id.slug]!
            if let made = pairs.withLock({ $0.removeValue(forKey: index) }) { return made }
            let made = TemplateEncoder.fields(contexts.article(index, related: related[id]))
            pairs.withLock { $0[index] = made }
            return made
        case .home, .category, .tag, .archiveMonth, .archiveYear, .archiveIndex, .tagIndex, .staticPage, .album,
             .albumIndex, .search, .statistics, .counterFigures, .counterViews, .notFound, .redirect, .feed, .sitemap,
             .robots, .redirectRules, .nginxRedirects, .manifest, .assetsFolder, .imagesFolder, .searchIndexFolder,
             .siteImage, .imageFile, .documents, .document, .documentsFeed, .publishedFile:
            return own(kind).map(TemplateEncoder.fields) ?? .empty
        }
    }

    /// A page's own values, by its kind (its template is the kind's: `PageKind.producer`); nil for the table's
    /// entries that are not pages. The one place that tells page kinds apart.
    private func own(_ kind: PageTable.Kind) -> PageOwnValues? {
        let site = contexts.site
        func pagination(_ positions: [Int]) -> Pagination {
            Pagination(itemCount: positions.count, pageSize: site.config.pageSize)
        }
        switch kind {
        case .home:
            return contexts.home()
        case .article(let id), .printView(let id):
            return contexts.article(site.articleIndex[id.slug]!, related: related[id])
        case .category(let slug, let number):
            let positions = categoryPositions[slug] ?? site.articleIndices(inTree: slug)
            return contexts.listing(category: site.category(slug), tag: nil, positions: positions, page: number,
                                    pagination: pagination(positions))
        case .tag(let slug, let number):
            let positions = site.articlesByTag[slug] ?? []
            return contexts.listing(category: nil, tag: site.tags.first { $0.slug == slug }, positions: positions,
                                    page: number, pagination: pagination(positions))
        case .archiveMonth(let index, let number):
            let month = archive[index]
            return contexts.archive(month, page: number, pagination: pagination(month.positions),
                                    sameYear: archive.filter { $0.year == month.year })
        case .archiveYear(let index, let number):
            let year = archiveYears[index]
            return contexts.archive(year, page: number, pagination: pagination(year.positions))
        case .archiveIndex:
            return contexts.archiveIndex(archiveYears)
        case .tagIndex:
            return contexts.tagIndex()
        case .staticPage(let slug):
            return contexts.staticPage(site.pages.first { $0.slug == slug }!)
        case .album(let slug):
            return contexts.album(site.albums.first { $0.slug == slug }!)
        case .albumIndex:
            return contexts.albumIndex()
        case .documents(let filter, let number):
            let positions = site.documents.positions(filter)
            return contexts.documents(filter, positions: positions, page: number, pagination: pagination(positions))
        case .document(let slug):
            return contexts.document(site.documents.document(slug)!)
        case .search:
            return contexts.search()
        case .statistics:
            return contexts.statistics()
        case .notFound:
            return contexts.notFound()
        case .redirect(let old):
            return contexts.redirect(old)
        case .feed, .sitemap, .robots, .redirectRules, .nginxRedirects, .manifest, .counterFigures, .counterViews,
             .assetsFolder, .imagesFolder, .searchIndexFolder, .siteImage, .imageFile, .documentsFeed, .publishedFile:
            return nil
        }
    }
}
