import Foundation

/// Scores how related two articles are, signal by signal, from the site's indexes.
struct RelatedScorer: Sendable {
    let settings: RelatedSettings
    let categories: CategoryKinship
    let tags: TagIndex
    let text: TextIndex
    /// Each article's date in days.
    let days: [Double]

    init(site: Site, settings: RelatedSettings) {
        self.settings = settings
        categories = CategoryKinship(site)
        tags = TagIndex(site)
        text = TextIndex(titles: site.articles.map(\.title), bodies: site.articles.map(Self.body))
        days = site.articles.map { $0.date.timeIntervalSinceReferenceDate / 86_400 }
    }

    /// The text compared: the plain text of the body, or its Markdown when the body was not rendered
    /// (tests building a `Site` by hand).
    static func body(_ article: Article) -> String {
        article.bodyText.isEmpty ? article.markdown : article.bodyText
    }

    /// The full score of `candidate` for `article`; `textSimilarity` when it is already known.
    func score(_ article: Int, _ candidate: Int, textSimilarity: Double? = nil) -> RelatedScore {
        let weights = settings.weights
        var score = RelatedScore()
        if categories.sameCategory(article, candidate) {
            score.category = weights.category
        } else if categories.kinCategories(article, candidate) {
            score.parent = weights.parent
        }
        if weights.tags > 0 { score.tags = weights.tags * tags.cosine(article, candidate) }
        if weights.text > 0 { score.text = weights.text * (textSimilarity ?? text.cosine(article, candidate)) }
        score.date = weights.date * dateCloseness(article, candidate)
        return score
    }

    /// The total of `score`, or nil as soon as it is sure not to reach `toBeat`: the cheap signals are added
    /// first and the rest bounded by their weights, so most weak candidates cost a few loads.
    @inline(__always)
    func quickScore(_ article: Int, _ candidate: Int, textSimilarity: Double, toBeat: Double?) -> Double? {
        let weights = settings.weights
        var total = weights.text * textSimilarity
        if categories.sameCategory(article, candidate) {
            total += weights.category
        } else if categories.kinCategories(article, candidate) {
            total += weights.parent
        }
        let mayShareTags = tags.mayShareTags(article, candidate)
        if let toBeat, total + (mayShareTags ? weights.tags : 0) + weights.date < toBeat { return nil }
        if mayShareTags { total += weights.tags * tags.cosine(article, candidate) }
        if let toBeat, total + weights.date < toBeat { return nil }
        return total + weights.date * dateCloseness(article, candidate)
    }

    /// 1 on the same day, halving every `date_half_life_days`; newer and older alike.
    func dateCloseness(_ article: Int, _ candidate: Int) -> Double {
        exp2(-abs(days[article] - days[candidate]) / settings.dateHalfLifeDays)
    }
}
