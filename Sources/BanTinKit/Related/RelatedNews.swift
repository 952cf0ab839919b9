import Foundation

/// "Các tin liên quan": for each article, the articles an editor would pick by hand.
/// The editor's pins (`related:` in front matter) come first, in their order; then the best-scoring other
/// published articles (see `RelatedScorer`), up to `related.count`, each scoring at least `min_score` without
/// the date. Ties go to the newer article, then the smaller slug, so every build gives the same lists.
public enum RelatedNews {
    /// Related article positions (in `site.articles`) for every article. The text index is let go on return.
    public static func compute(_ site: Site) -> [[Int]] {
        lists(Finder(site: site, settings: site.config.related), site: site)
    }

    /// The same lists found by scoring every pair of articles instead of searching the index: slow (n²), for
    /// measuring how often the index search finds the best candidates (`bantin-bench related`).
    public static func computeExhaustively(_ site: Site) -> [[Int]] {
        lists(Finder(site: site, settings: site.config.related, exhaustive: true), site: site)
    }

    private static func lists(_ finder: Finder, site: Site) -> [[Int]] {
        // In engine order, category by category: one article's candidates are still in the processor cache
        // for the next.
        let numbering = finder.numbering
        let lists = Parallel.map(site.articles.count, state: { finder.makeScratch() }) { number, scratch in
            let choice = finder.choose(for: numbering.sitePosition[number], scratch: &scratch)
            return choice.pinned + choice.picked.map(\.article)
        }
        return site.articles.indices.map { lists[numbering.engineNumber[$0]] }
    }

    /// The choice for one article with every score broken down, for `bantin related`.
    public static func explain(_ site: Site, slug: String, settings: RelatedSettings? = nil,
                               passedOver: Int = 5) -> Explanation? {
        guard let article = site.articleIndex[slug] else { return nil }
        let settings = settings ?? site.config.related
        let finder = Finder(site: site, settings: settings)
        var scratch = finder.makeScratch()
        let choice = finder.choose(for: article, passedOver: passedOver, scratch: &scratch)
        let spellings = SyllableTokenizer.spellings(in: site.articles[article].title + "\n"
                                                    + RelatedScorer.body(site.articles[article]))
        let number = finder.numbering.engineNumber
        func entry(_ other: Int, _ score: RelatedScore, pinned: Bool) -> Explanation.Entry {
            var sharedTags: [String] = []
            finder.scorer.tags.forEachSharedTag(number[article], number[other]) { sharedTags.append(site.tags[$0].name) }
            var sharedTerms: [(String, Double)] = []
            finder.scorer.text.forEachSharedTerm(number[article], number[other]) { hash, part in
                sharedTerms.append((spellings[hash] ?? "?", part))
            }
            sharedTerms.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            return Explanation.Entry(slug: site.articles[other].slug, title: site.articles[other].title,
                                     date: site.articles[other].date, isPinned: pinned, score: score,
                                     sharedTags: sharedTags, sharedTerms: sharedTerms.map(\.0))
        }
        return Explanation(
            settings: settings,
            chosen: choice.pinned.map { entry($0, finder.scorer.score(number[article], number[$0]), pinned: true) }
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
        /// The next-best candidates that did not make it (below `min_score` or beyond `count`), best first.
        public var passedOver: [Entry]
    }

    /// The selection rule, shared by the build and `explain`. Articles are positions in `site.articles`.
    struct Finder: Sendable {
        let settings: RelatedSettings
        let numbering: ArticleNumbering
        let scorer: RelatedScorer
        let search: CandidateSearch
        let pins: [[Int]]
        /// Score every other article instead of searching the index (to check the search).
        let exhaustive: Bool

        init(site: Site, settings: RelatedSettings, exhaustive: Bool = false) {
            self.settings = settings
            self.exhaustive = exhaustive
            numbering = ArticleNumbering(site)
            scorer = RelatedScorer(site: site, numbering: numbering, settings: settings)
            search = CandidateSearch(site: site, scorer: scorer, numbering: numbering)
            pins = site.articles.indices.map { index in
                var seen: Set<Int> = []
                return site.articles[index].relatedPins.compactMap { site.articleIndex[$0] }
                    .filter { $0 != index && seen.insert($0).inserted }
            }
        }

        func makeScratch() -> CandidateSearch.Scratch { .init(articleCount: scorer.facts.count) }

        struct Choice {
            var pinned: [Int]
            var picked: [(article: Int, score: RelatedScore)]
            var passedOver: [(article: Int, score: RelatedScore)]
        }

        /// The pins, then the best others; `passedOver` asks for that many next-best candidates too.
        func choose(for article: Int, passedOver extra: Int = 0, scratch: inout CandidateSearch.Scratch) -> Choice {
            let pinned = pins[article]
            let wanted = max(settings.count - pinned.count, 0)
            let number = numbering.engineNumber[article]
            let excluded = pinned.map { numbering.engineNumber[$0] }
            if exhaustive {
                var best = BestFirst(limit: wanted)
                let profile = scorer.profile(number)
                scratch.vector.load(number, from: scorer.text)
                for other in scorer.facts.indices
                where other != number && scorer.facts[other].isListable && !excluded.contains(other) {
                    let score = scorer.score(profile, other, text: scratch.vector.cosine(with: other, in: scorer.text))
                    if score.topical >= settings.minScore { best.offer(numbering.sitePosition[other], score) }
                }
                return Choice(pinned: pinned, picked: best.entries, passedOver: [])
            }
            let picked = search.best(for: number, limit: wanted, minScore: settings.minScore, excluding: excluded,
                                     scratch: &scratch)
            var passedOver: [(article: Int, score: RelatedScore)] = []
            if extra > 0 {
                let chosen = Set(picked.map(\.article))
                passedOver = search.best(for: number, limit: wanted + extra, minScore: nil, excluding: excluded,
                                         scratch: &scratch).filter { !chosen.contains($0.article) }
            }
            return Choice(pinned: pinned, picked: picked, passedOver: passedOver)
        }
    }
}
