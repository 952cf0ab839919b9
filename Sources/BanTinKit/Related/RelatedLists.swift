/// "Các tin liên quan" of every article, by article identity: what the enrich stage hands the pages.
struct RelatedLists: Sendable {
    private var lists: [ArticleID: [ArticleID]] = [:]

    init() {}

    /// From the related positions `RelatedNews.compute` finds in `site.articles`.
    init(_ site: Site, positions: [[Int]]) {
        lists.reserveCapacity(positions.count)
        for (index, related) in positions.enumerated() where site.articles.indices.contains(index) {
            lists[site.articles[index].id] = related.map { site.articles[$0].id }
        }
    }

    /// Computes them (see `RelatedNews.compute`; `indexed` is called once the text index is built).
    static func compute(_ site: Site) -> RelatedLists {
        RelatedLists(site, positions: RelatedNews.compute(site))
    }

    subscript(_ article: ArticleID) -> [ArticleID] { lists[article] ?? [] }
}
