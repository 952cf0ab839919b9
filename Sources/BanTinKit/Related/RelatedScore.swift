/// Why one article is related to another: each signal's weighted share of the score.
public struct RelatedScore: Sendable, Equatable {
    public var category = 0.0
    public var parent = 0.0
    public var tags = 0.0
    public var text = 0.0
    public var date = 0.0

    public init() {}

    /// What the articles have in common; `min_score` applies to this.
    var topical: Double { category + parent + tags + text }
    public var total: Double { topical + date }
}
