/// Which document each article's `source` names ("Kế hoạch số 03-KH/ĐUS"), found once per build.
struct DocumentCitations: Sendable {
    /// By article position: the slug of the document its source names.
    private let documentOf: [String?]
    /// By document slug: the positions of the articles citing it, newest first.
    private let articlesOf: [String: [Int]]

    init(_ site: Site) {
        guard !site.documents.isEmpty else {
            documentOf = []
            articlesOf = [:]
            return
        }
        let shelf = site.documents
        let found = site.articles.map { article in article.source.flatMap { shelf.document(citedIn: $0)?.slug } }
        documentOf = found
        var articles: [String: [Int]] = [:]
        for (index, slug) in found.enumerated() { if let slug { articles[slug, default: []].append(index) } }
        articlesOf = articles
    }

    func document(of article: Int) -> String? { article < documentOf.count ? documentOf[article] : nil }

    func articles(citing slug: String) -> [Int] { articlesOf[slug] ?? [] }
}
