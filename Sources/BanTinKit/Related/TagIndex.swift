import Foundation

/// Each article's tags weighted by how rare they are on the site: a tag on half the articles says little,
/// a tag on three says a lot. Tags are compared as idf-weighted vectors (cosine), so sharing one rare tag
/// outweighs sharing one common tag, and an article with many tags is not favoured for having many.
struct TagIndex: Sendable {
    /// idf of each tag, by position in `site.tags`.
    let weights: [Double]
    /// Article `a`'s tags, as positions in `site.tags` ascending, are at `starts[a] ..< starts[a + 1]`
    /// (one flat array: this is read for every candidate of every article).
    private let starts: [Int32]
    private let tags: [Int32]
    let norms: [Double]

    /// `articles` in engine order (see `ArticleNumbering`).
    init(_ site: Site, articles: [Article]) {
        let total = Double(site.articles.count)
        var position: [String: Int32] = [:]
        for (index, tag) in site.tags.enumerated() { position[tag.slug] = Int32(index) }
        let weights = site.tags.map { tag in log(1 + total / Double(max(site.articlesByTag[tag.slug]?.count ?? 1, 1))) }
        self.weights = weights
        let tagsOfArticle = articles.map { article in article.tags.compactMap { position[$0.slug] }.sorted() }
        tags = tagsOfArticle.flatMap { $0 }
        var starts: [Int32] = [0]
        for list in tagsOfArticle { starts.append(starts[starts.count - 1] + Int32(list.count)) }
        self.starts = starts
        norms = tagsOfArticle.map { tags in tags.reduce(0) { $0 + weights[Int($1)] * weights[Int($1)] }.squareRoot() }
    }

    /// The article's tags, as positions in `site.tags`.
    func tags(of article: Int) -> ArraySlice<Int32> {
        tags[Int(starts[article])..<Int(starts[article + 1])]
    }

    /// Cosine of two articles' tag vectors (0 to 1).
    func cosine(_ first: Int, _ second: Int) -> Double {
        guard norms[first] > 0, norms[second] > 0 else { return 0 }
        var shared = 0.0
        forEachSharedTag(first, second) { shared += weights[$0] * weights[$0] }
        return min(shared / (norms[first] * norms[second]), 1)
    }

    /// Positions in `site.tags` of the tags both articles carry.
    func forEachSharedTag(_ first: Int, _ second: Int, _ body: (Int) -> Void) {
        var i = Int(starts[first]), j = Int(starts[second])
        let endA = Int(starts[first + 1]), endB = Int(starts[second + 1])
        while i < endA && j < endB {
            let a = tags[i], b = tags[j]
            if a == b {
                body(Int(a))
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
    }
}
