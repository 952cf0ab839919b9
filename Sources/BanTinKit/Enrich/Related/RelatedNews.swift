import Foundation

/// "Các tin liên quan": for each article, the articles an editor would pick by hand.
/// The editor's pins (`related:` in front matter) come first, in their order; then the best-scoring other
/// published articles (see `RelatedScorer`), up to `related.count`, each scoring at least `min_score` without
/// the date. Ties go to the newer article, then the smaller slug, so every build gives the same lists.
public enum RelatedNews {
    /// Related article positions (in `site.articles`) for every article.
    public static func compute(_ site: Site) -> [[Int]] {
        let finder = Finder(site: site, settings: RelatedSettings.read(site.config).settings)
        return Parallel.map(site.articles.count, state: { finder.makeScratch() }) { article, scratch in
            let choice = finder.choose(for: article, scratch: &scratch)
            return choice.pinned + choice.picked.map(\.article)
        }
    }

    /// The choice for one article with every score broken down, for `bantin related`.
    public static func explain(_ site: Site, slug: String, settings: RelatedSettings? = nil) -> Explanation? {
        guard let article = site.articleIndex[slug] else { return nil }
        let settings = settings ?? RelatedSettings.read(site.config).settings
        let finder = Finder(site: site, settings: settings)
        var scratch = finder.makeScratch()
        let choice = finder.choose(for: article, scratch: &scratch)
        let spellings = SyllableTokenizer.spellings(in: site.articles[article].title + "\n" + RelatedScorer.body(site.articles[article]))
        func entry(_ other: Int, _ score: RelatedScore, pinned: Bool) -> Explanation.Entry {
            var sharedTags: [String] = []
            finder.scorer.tags.forEachSharedTag(article, other) { sharedTags.append(site.tags[$0].name) }
            var sharedTerms: [(String, Double)] = []
            finder.scorer.text.forEachSharedTerm(article, other) { hash, part in
                sharedTerms.append((spellings[hash] ?? "?", part))
            }
            sharedTerms.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            return Explanation.Entry(slug: site.articles[other].slug, title: site.articles[other].title,
                                     date: site.articles[other].date, isPinned: pinned, score: score,
                                     sharedTags: sharedTags, sharedTerms: sharedTerms.map(\.0))
        }
        return Explanation(
            settings: settings,
            chosen: choice.pinned.map { entry($0, finder.scorer.score(article, $0), pinned: true) }
                + choice.picked.map { entry($0.article, $0.score, pinned: false) },
            passedOver: choice.passedOver.map { entry($0.article, $0.score, pinned: false) })
    }

    /// An article's related list, explained.
    public struct Explanation: Sendable {
        public struct Entry: Sendable {
            public var slug: String
            public var title: String
            public var date: Date
            public var isPinned: Bool
            public var score: RelatedScore
            public var sharedTags: [String]
            /// Shared keywords, the most telling first.
            public var sharedTerms: [String]
        }

        public var settings: RelatedSettings
        /// The list as the page shows it.
        public var chosen: [Entry]
        /// The next-best candidates that did not make it (below `min_score` or beyond `count`).
        public var passedOver: [Entry]
    }

    /// The selection rule, shared by the build and `explain`.
    struct Finder: Sendable {
        let settings: RelatedSettings
        let scorer: RelatedScorer
        let search: CandidateSearch
        let pins: [[Int]]

        init(site: Site, settings: RelatedSettings) {
            self.settings = settings
            scorer = RelatedScorer(site: site, settings: settings)
            search = CandidateSearch(site: site, scorer: scorer)
            pins = site.articles.indices.map { index in
                var seen: Set<Int> = []
                return site.articles[index].relatedPins.compactMap { site.articleIndex[$0] }
                    .filter { $0 != index && seen.insert($0).inserted }
            }
        }

        func makeScratch() -> CandidateSearch.Scratch { .init(articleCount: scorer.days.count) }

        struct Choice {
            var pinned: [Int]
            var picked: [(article: Int, score: RelatedScore)]
            var passedOver: [(article: Int, score: RelatedScore)]
        }

        func choose(for article: Int, scratch: inout CandidateSearch.Scratch) -> Choice {
            let pinned = pins[article]
            let wanted = max(settings.count - pinned.count, 0)
            // Shortlisted by a quick score, then ranked by the full one; a few spares absorb the difference.
            let shortlist = search.shortlist(for: article, limit: wanted * 2 + 4, excluding: pinned, scratch: &scratch)
            var ranked = shortlist.map { (article: $0, score: scorer.score(article, $0)) }
            ranked.sort { BestFirst.isBetter(($0.article, $0.score.total), than: ($1.article, $1.score.total)) }
            var picked: [(article: Int, score: RelatedScore)] = []
            var passedOver: [(article: Int, score: RelatedScore)] = []
            for candidate in ranked {
                if picked.count < wanted && candidate.score.topical >= settings.minScore {
                    picked.append(candidate)
                } else {
                    passedOver.append(candidate)
                }
            }
            return Choice(pinned: pinned, picked: picked, passedOver: passedOver)
        }
    }
}
