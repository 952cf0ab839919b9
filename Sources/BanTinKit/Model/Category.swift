/// A node of the category tree from site.yml.
public struct Category: Sendable, Hashable {
    public var name: String
    public var slug: String
    public var order: Int
    public var parentSlug: String?
    public var childSlugs: [String] = []

    public init(name: String, slug: String, order: Int, parentSlug: String? = nil) {
        self.name = name
        self.slug = slug
        self.order = order
        self.parentSlug = parentSlug
    }
}

/// A tag as first spelled by an editor, with its slug (tags spelled differently but slugging alike are one tag).
public struct Tag: Sendable, Hashable {
    public var name: String
    public var slug: String

    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}
