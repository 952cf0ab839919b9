/// Which categories are close relatives in the tree: a parent and its child, or two children of one parent
/// ("Giáo dục nghề nghiệp" and "An toàn, vệ sinh lao động" under "Lao động - Việc làm").
struct CategoryKinship: Sendable {
    /// Each article's category (by engine number), by position in `site.categories`.
    let categoryOfArticle: [Int32]
    /// For each category, its kin (not itself), by position in `site.categories`.
    let kin: [[Int]]
    private let parentOf: [Int32]

    init(_ site: Site, articles: [Article]) {
        let position = Dictionary(uniqueKeysWithValues: site.categories.enumerated().map { ($1.slug, $0) })
        let parents = site.categories.map { category in Int32(category.parentSlug.flatMap { position[$0] } ?? -1) }
        parentOf = parents
        kin = site.categories.indices.map { category in
            site.categories.indices.filter { other in
                other != category && Self.areKin(category, other, parents: parents)
            }
        }
        categoryOfArticle = articles.map { Int32(position[$0.categorySlug] ?? -1) }
    }

    /// The parent of the category at `position` (-1 for a top-level category or none).
    func parent(of position: Int32) -> Int32 {
        position >= 0 ? parentOf[Int(position)] : -1
    }

    private static func areKin(_ a: Int, _ b: Int, parents: [Int32]) -> Bool {
        let parentA = Int(parents[a]), parentB = Int(parents[b])
        return parentA == b || parentB == a || (parentA >= 0 && parentA == parentB)
    }
}
