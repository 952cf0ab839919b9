import Foundation

/// Scores how related two articles are, signal by signal, from the site's indexes. Articles are engine numbers
/// (see `ArticleNumbering`).
struct RelatedScorer: Sendable {
    let settings: RelatedSettings
    let categories: CategoryKinship
    let tags: TagIndex
    let text: TextIndex
    let facts: [ArticleFacts]

    init(site: Site, numbering: ArticleNumbering, settings: RelatedSettings) {
        self.settings = settings
        let articles = numbering.articles(of: site)
        let categories = CategoryKinship(site, articles: articles)
        let tags = TagIndex(site, articles: articles)
        self.categories = categories
        self.tags = tags
        text = TextIndex(titles: articles.map(\.title), bodies: articles.map(Self.body))
        facts = articles.indices.map { number in
            let category = categories.categoryOfArticle[number]
            return ArticleFacts(category: category, parentCategory: categories.parent(of: category),
                                day: articles[number].date.timeIntervalSinceReferenceDate / 86_400,
                                tags: tags.tags(of: number), tagNorm: tags.norms[number],
                                isListable: !articles[number].isDraft)
        }
    }

    /// The text compared: the plain text of the body, or its Markdown when the body was not rendered
    /// (tests building a `Site` by hand).
    static func body(_ article: Article) -> String {
        article.bodyText.isEmpty ? article.markdown : article.bodyText
    }

    /// What scoring many candidates for one article reuses.
    struct Profile {
        let article: Int
        let facts: ArticleFacts
        /// idf² of the article's inline tags.
        let squaredTagWeights: SIMD4<Double>
    }

    func profile(_ article: Int) -> Profile {
        let facts = facts[article]
        var squared = SIMD4<Double>(repeating: 0)
        if facts.holdsAllTags {
            for slot in 0..<Int(facts.tagCount) {
                let weight = tags.weights[Int(facts.tags[slot])]
                squared[slot] = weight * weight
            }
        }
        return Profile(article: article, facts: facts, squaredTagWeights: squared)
    }

    /// The full score of `candidate` for `article`.
    func score(_ article: Int, _ candidate: Int) -> RelatedScore {
        let profile = profile(article)
        return score(profile, candidate, textAtMost: 1, minScore: -.infinity, toBeat: -.infinity) {
            text.cosine(article, candidate)
        }!
    }

    /// The full score of `candidate`, or nil as soon as it is sure to score less than `minScore` without the
    /// date or less than `toBeat` in total (-infinity: no such limit). `textAtMost` bounds the text similarity,
    /// which `text` computes: the cheap signals come first, and the text only for candidates that may still
    /// get in.
    @inline(__always)
    func score(_ profile: Profile, _ candidate: Int, textAtMost similarityAtMost: Double, minScore: Double,
               toBeat: Double, text similarity: () -> Double) -> RelatedScore? {
        let weights = settings.weights
        let a = profile.facts, b = facts[candidate]
        var score = RelatedScore()
        if a.sameCategory(as: b) {
            score.category = weights.category
        } else if a.kinCategory(of: b) {
            score.parent = weights.parent
        }
        // Float sums may differ from the exact cosine in the last bits: the margin keeps the bound a bound.
        let textAtMost = weights.text * min(similarityAtMost + 1e-5, 1)
        let tagsAtMost = a.tagCount > 0 && b.tagCount > 0 ? weights.tags : 0
        func cannotGetIn(_ topicalAtMost: Double, _ dateAtMost: Double) -> Bool {
            topicalAtMost < minScore || topicalAtMost + dateAtMost < toBeat
        }
        if cannotGetIn(score.category + score.parent + tagsAtMost + textAtMost, weights.date) { return nil }
        if tagsAtMost > 0 {
            let cosine = a.holdsAllTags && b.holdsAllTags
                ? a.tagCosine(with: b, squaredWeights: profile.squaredTagWeights)
                : tags.cosine(profile.article, candidate)
            score.tags = weights.tags * cosine
        }
        if cannotGetIn(score.category + score.parent + score.tags + textAtMost, weights.date) { return nil }
        score.date = weights.date * dateCloseness(a, b)
        if cannotGetIn(score.category + score.parent + score.tags + textAtMost, score.date) { return nil }
        if weights.text > 0 { score.text = weights.text * similarity() }
        if score.topical < minScore { return nil }
        return score
    }

    /// 1 on the same day, halving every `date_half_life_days`; newer and older alike.
    func dateCloseness(_ a: ArticleFacts, _ b: ArticleFacts) -> Double {
        exp2(-Double(abs(a.day - b.day)) / settings.dateHalfLifeDays)
    }
}
