/// What scoring needs to know about an article besides its text, packed into 32 bytes: a candidate is read at
/// random among thousands, and that memory access is most of what dismissing a candidate costs.
struct ArticleFacts: Sendable {
    /// How many tags are kept inline; articles with more (or with tags beyond the first 65,535 of the site)
    /// are compared through `TagIndex`.
    static let inlineTagLimit = 4
    private static let noTag = UInt16.max

    /// Position in `site.categories` of the article's category and of that category's parent (-1: none).
    var category: Int32
    var parentCategory: Int32
    /// The date, in days (single precision is a minute's accuracy over centuries).
    var day: Float
    /// Length of the article's idf-weighted tag vector (see `TagIndex`).
    var tagNorm: Float
    /// The first `inlineTagLimit` tags as positions in `site.tags`, ascending; `noTag` fills the rest.
    var tags: SIMD4<UInt16>
    var tagCount: UInt8
    /// All the article's tags are inline.
    var holdsAllTags: Bool
    /// Published and not a draft: may appear in other articles' lists.
    var isListable: Bool

    init(category: Int32, parentCategory: Int32, day: Double, tags: ArraySlice<Int32>, tagNorm: Double,
         isListable: Bool) {
        self.category = category
        self.parentCategory = parentCategory
        self.day = Float(day)
        self.tagNorm = Float(tagNorm)
        self.isListable = isListable
        tagCount = UInt8(min(tags.count, Int(UInt8.max)))
        holdsAllTags = tags.count <= Self.inlineTagLimit && tags.allSatisfy { $0 < Int32(Self.noTag) }
        self.tags = SIMD4(repeating: Self.noTag)
        if holdsAllTags {
            for (slot, tag) in tags.enumerated() { self.tags[slot] = UInt16(tag) }
        }
    }

    func sameCategory(as other: ArticleFacts) -> Bool { category == other.category }

    /// A parent and its child, or two children of one parent.
    func kinCategory(of other: ArticleFacts) -> Bool {
        category != other.category
            && (parentCategory == other.category || other.parentCategory == category
                || (parentCategory >= 0 && parentCategory == other.parentCategory))
    }

    /// The tag cosine from the inline tags (the idf² of shared tags added in tag order, over the product of the
    /// norms); `squaredWeights` are this article's tags' idf squared. Both must hold all their tags.
    @inline(__always)
    func tagCosine(with other: ArticleFacts, squaredWeights: SIMD4<Double>) -> Double {
        guard tagNorm > 0, other.tagNorm > 0 else { return 0 }
        var shared = 0.0
        for slot in 0..<Int(tagCount) where any(other.tags .== SIMD4(repeating: tags[slot])) {
            shared += squaredWeights[slot]
        }
        return min(shared / (Double(tagNorm) * Double(other.tagNorm)), 1)
    }
}
