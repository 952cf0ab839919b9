/// An article's identity across stages: its slug, which the model makes unique. Stages name articles by it,
/// never by their position in one stage's array.
public struct ArticleID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let slug: String

    public init(_ slug: String) { self.slug = slug }

    public static func < (a: ArticleID, b: ArticleID) -> Bool { a.slug < b.slug }
    public var description: String { slug }
}

extension Article {
    public var id: ArticleID { ArticleID(slug) }
}
