/// The order the related-news engine keeps articles in: category by category, newest first within each. The
/// articles scored for one article are mostly of its category, so they lie together in memory and stay in the
/// processor cache while that category is processed. Outside the engine, articles are positions in
/// `site.articles`.
struct ArticleNumbering: Sendable {
    /// Engine number → position in `site.articles`.
    let sitePosition: [Int]
    /// Position in `site.articles` → engine number.
    let engineNumber: [Int]

    init(_ site: Site) {
        let categoryOrder = Dictionary(uniqueKeysWithValues: site.categories.enumerated().map { ($1.slug, $0) })
        let category = site.articles.map { categoryOrder[$0.categorySlug] ?? -1 }
        sitePosition = site.articles.indices.sorted { (category[$0], $0) < (category[$1], $1) }
        var engineNumber = [Int](repeating: 0, count: sitePosition.count)
        for (number, position) in sitePosition.enumerated() { engineNumber[position] = number }
        self.engineNumber = engineNumber
    }

    /// The site's articles in engine order.
    func articles(of site: Site) -> [Article] { sitePosition.map { site.articles[$0] } }
}
