import Foundation

/// The whole validated site: what every later stage reads. Articles are newest first.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Depth-first in display order (parents before their children).
    public private(set) var categories: [Category]
    /// Changed only through `updateArticles`, which re-indexes the site once for the whole change (re-indexing
    /// on every assignment made a loop over 10,000 articles take 90 s), or `updateBodies` (nothing indexed changes).
    public private(set) var articles: [Article]
    public var pages: [StaticPage]
    /// Photo albums (`content/albums/`), newest first.
    public var albums: [Album] = []
    /// Documents (`content/documents/`) and the files published under `/files/`.
    public var documents = DocumentShelf()
    public private(set) var tags: [Tag] = []

    private(set) var categoryIndex: [String: Int] = [:]
    private(set) var articleIndex: [String: Int] = [:]
    /// Article positions per category slug, its own articles only.
    private(set) var articlesByCategory: [String: [Int]] = [:]
    private(set) var articlesByTag: [String: [Int]] = [:]

    public init(config: SiteConfig, categories: [Category], articles: [Article], pages: [StaticPage] = []) {
        self.config = config
        self.categories = categories
        self.articles = Site.newestFirst(articles)
        self.pages = pages.sorted { $0.slug < $1.slug }
        for (index, category) in categories.enumerated() { categoryIndex[category.slug] = index }
        reindex()
    }

    public func category(_ slug: String) -> Category? { categoryIndex[slug].map { categories[$0] } }

    public func article(_ slug: String) -> Article? { articleIndex[slug].map { articles[$0] } }

    var topLevelCategories: [Category] { categories.filter { $0.parentSlug == nil } }

    /// Root → the category itself.
    func ancestry(of slug: String) -> [Category] {
        var chain: [Category] = []
        var current = category(slug)
        while let found = current, !chain.contains(where: { $0.slug == found.slug }) {
            chain.insert(found, at: 0)
            current = found.parentSlug.flatMap(category)
        }
        return chain
    }

    /// Articles of a category and all its descendants, newest first.
    func articleIndices(inTree slug: String) -> [Int] {
        var slugs: [String] = []
        var pending = [slug]
        while let next = pending.popLast(), !slugs.contains(next) {
            slugs.append(next)
            pending.append(contentsOf: category(next)?.childSlugs ?? [])
        }
        if slugs.count == 1 { return articlesByCategory[slug] ?? [] }
        return slugs.flatMap { articlesByCategory[$0] ?? [] }.sorted()
    }

    /// Changes the articles in place (their order and slugs stay the caller's to keep), then re-indexes once.
    mutating func updateArticles(_ change: (inout [Article]) -> Void) {
        change(&articles)
        reindex()
    }

    /// Changes what the stages after the model fill in or let go (bodies, summaries, plain text), nothing the
    /// indexes read (slugs, categories, tags, order): no re-indexing (a pass over every article and tag on one
    /// core), which the Markdown, images and release steps did four times a build.
    mutating func updateBodies(_ change: (inout [Article]) -> Void) {
        let before = articles.count
        change(&articles)
        assert(articles.count == before, "updateBodies changed the list of articles")
    }

    static func newestFirst(_ articles: [Article]) -> [Article] {
        articles.sorted { $0.date != $1.date ? $0.date > $1.date : $0.slug < $1.slug }
    }

    private mutating func reindex() {
        articleIndex = [:]
        articlesByCategory = [:]
        articlesByTag = [:]
        // A tag's name is the spelling most of its articles use ("Đảng ủy" over one "đảng ủy"), the newest
        // article's on a tie: never a spelling no editor wrote.
        var spellings: [String: [(name: String, count: Int)]] = [:]
        for (index, article) in articles.enumerated() {
            articleIndex[article.slug] = index
            articlesByCategory[article.categorySlug, default: []].append(index)
            for tag in article.tags {
                articlesByTag[tag.slug, default: []].append(index)
                if let known = spellings[tag.slug]?.firstIndex(where: { $0.name == tag.name }) {
                    spellings[tag.slug]![known].count += 1
                } else {
                    spellings[tag.slug, default: []].append((tag.name, 1))
                }
            }
        }
        tags = spellings.map { slug, names in
            // The most articles, then the first met (the newest article).
            let name = names.enumerated().max { ($0.element.count, $1.offset) < ($1.element.count, $0.offset) }!.element.name
            return Tag(name: name, slug: slug)
        }.sorted { $0.slug < $1.slug }
    }
}

extension Site {
    /// Forgets the Markdown of articles and pages once it is rendered: a single build does not read it again,
    /// and at 10,000 articles it is tens of megabytes.
    mutating func releaseMarkdownSources() {
        updateBodies { articles in
            for index in articles.indices { articles[index].markdown = "" }
        }
        for index in pages.indices { pages[index].markdown = "" }
    }

    /// Empties every article's plain text once nothing reads it any more.
    mutating func releasePlainText() {
        updateBodies { articles in
            for index in articles.indices { articles[index].bodyText = "" }
        }
    }
}
