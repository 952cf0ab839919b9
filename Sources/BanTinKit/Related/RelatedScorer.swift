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
        score(profile(article), candidate, text: text.cosine(article, candidate))
    }

    /// The score of `candidate` given the text similarity (0 to 1) of the two articles; `text: 0` gives the
    /// other signals alone, which cost one read of the candidate's facts.
    @inline(__always)
    func score(_ profile: Profile, _ candidate: Int, text similarity: Double) -> RelatedScore {
        let weights = settings.weights
        let a = profile.facts, b = facts[candidate]
        var score = RelatedScore()
        if a.sameCategory(as: b) {
            score.category = weights.category
        } else if a.kinCategory(of: b) {
            score.parent = weights.parent
        }
        if weights.tags > 0 && a.tagCount > 0 && b.tagCount > 0 {
            let cosine = a.holdsAllTags && b.holdsAllTags
                ? a.tagCosine(with: b, squaredWeights: profile.squaredTagWeights)
                : tags.cosine(profile.article, candidate)
            score.tags = weights.tags * cosine
        }
        score.date = weights.date * dateCloseness(a, b)
        score.text = weights.text * similarity
        return score
    }

    /// 1 on the same day, halving every `date_half_life_days`; newer and older alike.
    func dateCloseness(_ a: ArticleFacts, _ b: ArticleFacts) -> Double {
        exp2(-Double(abs(a.day - b.day)) / settings.dateHalfLifeDays)
    }
}
