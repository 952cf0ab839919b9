/// Finds the few articles worth scoring in full for an article: those sharing one of its keywords (through the
/// text index), and the ones closest in date among those sharing its category, a kin category or a tag.
/// Articles sharing nothing are never looked at, so the cost per article does not grow with the site.
struct CandidateSearch: Sendable {
    let scorer: RelatedScorer
    /// Article positions of each category (its own articles) and each tag, newest first.
    let articlesInCategory: [[Int32]]
    let articlesWithTag: [[Int32]]
    /// Articles that may appear in lists: published and not drafts.
    let isListable: [Bool]

    init(site: Site, scorer: RelatedScorer) {
        self.scorer = scorer
        articlesInCategory = site.categories.map { (site.articlesByCategory[$0.slug] ?? []).map(Int32.init) }
        articlesWithTag = site.tags.map { (site.articlesByTag[$0.slug] ?? []).map(Int32.init) }
        isListable = site.articles.map { !$0.isDraft }
    }

    /// Scratch space reused across the articles of one batch.
    struct Scratch {
        var textScores: [Float]
        /// `seen[b] == stamp` when `b` is already a candidate of the current article.
        var seen: [Int32]
        var stamp: Int32 = 0
        var found: [Int32] = []

        init(articleCount: Int) {
            textScores = [Float](repeating: 0, count: articleCount)
            seen = [Int32](repeating: 0, count: articleCount)
        }
    }

    /// Up to `limit` candidates for `article` by a quick score (text similarity from the capped postings only),
    /// best first; `excluded` (the pins) are left out.
    func shortlist(for article: Int, limit: Int, excluding excluded: [Int], scratch: inout Scratch) -> [Int] {
        scratch.stamp += 1
        let stamp = scratch.stamp
        scratch.found.removeAll(keepingCapacity: true)
        scratch.seen[article] = stamp
        for pin in excluded { scratch.seen[pin] = stamp }

        // Moved out (not copied) so appending reuses the batch's buffer while `scratch` is borrowed below.
        var found: [Int32] = []
        swap(&found, &scratch.found)
        scratch.textScores.withUnsafeMutableBufferPointer { scores in
            scratch.seen.withUnsafeMutableBufferPointer { seen in
                scorer.text.accumulate(article, into: scores.baseAddress!) { other in
                    if seen[other] != stamp {
                        seen[other] = stamp
                        scores[other] = 0
                        found.append(Int32(other))
                    }
                }
            }
        }
        let textFound = found.count
        // From each list only the nearest in date: beyond the shortlist's length, sharing only that one
        // category or tag cannot outscore the nearer ones.
        func addNearest(_ list: [Int32]) {
            forEachNearestInDate(list, to: article, limit: limit) { other in
                if scratch.seen[other] != stamp {
                    scratch.seen[other] = stamp
                    scratch.textScores[other] = 0
                    found.append(Int32(other))
                }
            }
        }
        let category = Int(scorer.categories.categoryOfArticle[article])
        if category >= 0 {
            addNearest(articlesInCategory[category])
            for kin in scorer.categories.kin[category] { addNearest(articlesInCategory[kin]) }
        }
        for tag in scorer.tags.tags(of: article) { addNearest(articlesWithTag[Int(tag)]) }

        var best = BestFirst(limit: limit)
        func consider(_ position: Int) {
            let candidate = Int(found[position])
            guard isListable[candidate] else { return }
            let score = scorer.quickScore(article, candidate, textSimilarity: Double(scratch.textScores[candidate]),
                                          toBeat: best.worstScore)
            if let score { best.offer(candidate, score) }
        }
        // Candidates sharing a category or tag first: they fill the shortlist early with strong scores, so most
        // of the many weak text matches are then dismissed on a cheap bound. The result is the same in any order.
        for position in textFound..<found.count { consider(position) }
        for position in 0..<textFound { consider(position) }
        scratch.found = found
        return best.articles
    }

    /// The `limit` articles of `list` nearest in date to `article`, newer and older alike.
    private func forEachNearestInDate(_ list: [Int32], to article: Int, limit: Int, _ body: (Int) -> Void) {
        // Positions are newest first, so the list is in date order and the nearest form one run around `article`.
        var newer = lowerBound(list, Int32(article)) - 1
        var older = newer + 1
        let days = scorer.days
        var taken = 0
        while taken < limit && (newer >= 0 || older < list.count) {
            if older < list.count && Int(list[older]) == article { older += 1; continue }
            let takeNewer: Bool
            if newer < 0 {
                takeNewer = false
            } else if older >= list.count {
                takeNewer = true
            } else {
                takeNewer = days[Int(list[newer])] - days[article] <= days[article] - days[Int(list[older])]
            }
            if takeNewer {
                body(Int(list[newer]))
                newer -= 1
            } else {
                body(Int(list[older]))
                older += 1
            }
            taken += 1
        }
    }

    private func lowerBound(_ list: [Int32], _ value: Int32) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The best `limit` articles offered, by score, then position (newer, then slug); kept sorted, best first.
struct BestFirst {
    let limit: Int
    private(set) var entries: [(article: Int, score: Double)] = []

    init(limit: Int) {
        self.limit = limit
        entries.reserveCapacity(limit + 1)
    }

    var articles: [Int] { entries.map(\.article) }

    /// The score to beat once the list is full.
    var worstScore: Double? { entries.count == limit ? entries.last?.score : nil }

    static func isBetter(_ a: (article: Int, score: Double), than b: (article: Int, score: Double)) -> Bool {
        a.score != b.score ? a.score > b.score : a.article < b.article
    }

    mutating func offer(_ article: Int, _ score: Double) {
        let entry = (article: article, score: score)
        if entries.count == limit, let last = entries.last, !Self.isBetter(entry, than: last) { return }
        var index = entries.count
        while index > 0 && Self.isBetter(entry, than: entries[index - 1]) { index -= 1 }
        entries.insert(entry, at: index)
        if entries.count > limit { entries.removeLast() }
    }
}
