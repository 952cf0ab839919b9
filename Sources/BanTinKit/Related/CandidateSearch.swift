/// Finds and scores, for one article, the articles worth scoring: those sharing one of its keywords (through
/// the text index), and the ones nearest in date among those sharing its category, a kin category, a tag, or a
/// tag within its category. Articles sharing nothing are never looked at, so the cost per article does not
/// grow with the site. The candidates are ranked on a partial score, and only a shortlist is scored in full.
struct CandidateSearch: Sendable {
    /// How many articles nearest in date each list gives as candidates (at least as many as are wanted): beyond
    /// them, sharing only that one category or tag rarely outscores the nearer ones. A tag within the article's
    /// category is where the best candidates usually are; a tag across the site reaches other categories,
    /// whose articles need more than the date to compete, so it looks further. (On the generated site of
    /// 10,000 articles in bench/, the lists come out as scoring every pair would make them for 98% of the
    /// articles, and share 99.5% of their entries.)
    static let nearest = (tagInCategory: 64, category: 32, kinCategory: 16, tag: 96)

    let scorer: RelatedScorer
    let numbering: ArticleNumbering
    /// An article of a list: its position in `site.articles` (to find its place by date) and its engine number.
    struct ListEntry: Sendable {
        var site: Int32
        var engine: Int32
    }

    /// The articles of each category (its own), each tag, and each tag within a category, newest first (in
    /// site order), so nearness in date is nearness in the list.
    let articlesInCategory: [[ListEntry]]
    let articlesWithTag: [[ListEntry]]
    let articlesWithTagInCategory: [Int: [ListEntry]]

    init(site: Site, scorer: RelatedScorer, numbering: ArticleNumbering) {
        self.scorer = scorer
        self.numbering = numbering
        let entry = { (position: Int) in ListEntry(site: Int32(position), engine: Int32(numbering.engineNumber[position])) }
        articlesInCategory = site.categories.map { (site.articlesByCategory[$0.slug] ?? []).map(entry) }
        articlesWithTag = site.tags.map { (site.articlesByTag[$0.slug] ?? []).map(entry) }
        var byPair: [Int: [ListEntry]] = [:]
        for position in site.articles.indices {
            let engine = numbering.engineNumber[position]
            let category = Int(scorer.facts[engine].category)
            for tag in scorer.tags.tags(of: engine) {
                byPair[Self.pair(category, Int(tag), tagCount: site.tags.count), default: []].append(entry(position))
            }
        }
        articlesWithTagInCategory = byPair
    }

    private static func pair(_ category: Int, _ tag: Int, tagCount: Int) -> Int { category * tagCount + tag }

    /// How many candidates, per place in the list, are scored on their full text vectors: the rest are ranked
    /// out on a partial score (the other signals plus the similarity of their keywords, found through the
    /// postings). A story's follow-ups share its rare names and phrases, so their keywords meet; 4 per place
    /// leaves room for the articles that the keywords rank a little too low.
    static let shortlistPerPlace = 4

    /// Scratch space reused across the articles of one batch.
    struct Scratch {
        /// Per other article: `stamp` equals the current one when it is already a candidate, and then `found`
        /// is the part of its cosine the keywords' postings found (side by side: one memory access for both).
        var slots: [(stamp: Int32, found: Float)]
        var stamp: Int32 = 0
        var found: [Int32] = []
        var vector = VectorTable()

        init(articleCount: Int) {
            slots = Array(repeating: (0, 0), count: articleCount)
        }
    }

    /// The best `limit` candidates for `article` with their full scores, best first, leaving out `excluded`
    /// (the pins) and, when `minScore` is given, those scoring less without the date. Articles in and out are
    /// engine numbers, except the results, which are positions in `site.articles`.
    func best(for article: Int, limit: Int, minScore: Double?, excluding excluded: [Int],
              scratch: inout Scratch) -> [(article: Int, score: RelatedScore)] {
        guard limit > 0 else { return [] }
        scratch.stamp += 1
        let stamp = scratch.stamp
        scratch.slots[article].stamp = stamp
        for pin in excluded { scratch.slots[pin].stamp = stamp }

        // Moved out (not copied) so appending reuses the batch's buffer while `scratch` is borrowed below.
        var found: [Int32] = []
        swap(&found, &scratch.found)
        found.removeAll(keepingCapacity: true)
        scratch.slots.withUnsafeMutableBufferPointer { slots in
            scorer.text.accumulate(article) { other, part in
                // The article itself and its pins carry the stamp from the start: never added, never read.
                if slots[other].stamp != stamp {
                    slots[other] = (stamp, 0)
                    found.append(Int32(other))
                }
                slots[other].found += part
            }
        }
        func addNearest(_ list: [ListEntry], _ limit: Int) {
            forEachNearestInDate(list, to: article, limit: limit) { other in
                if scratch.slots[other].stamp != stamp {
                    scratch.slots[other] = (stamp, 0)
                    found.append(Int32(other))
                }
            }
        }
        let category = Int(scorer.facts[article].category)
        if category >= 0 {
            for tag in scorer.tags.tags(of: article) {
                let key = Self.pair(category, Int(tag), tagCount: articlesWithTag.count)
                addNearest(articlesWithTagInCategory[key] ?? [], max(Self.nearest.tagInCategory, limit))
            }
            addNearest(articlesInCategory[category], max(Self.nearest.category, limit))
            for kin in scorer.categories.kin[category] {
                addNearest(articlesInCategory[kin], max(Self.nearest.kinCategory, limit))
            }
        }
        // A tag across the site reaches articles in other categories, which need more than the date to compete:
        // they are looked for further away.
        for tag in scorer.tags.tags(of: article) { addNearest(articlesWithTag[Int(tag)], max(Self.nearest.tag, limit)) }

        // Ranked on what is known cheaply; only the shortlist is scored on the full text.
        let profile = scorer.profile(article)
        let textWeight = scorer.settings.weights.text
        var shortlist = BestFirst(limit: limit * Self.shortlistPerPlace)
        for candidate in found {
            let other = Int(candidate)
            guard scorer.facts[other].isListable else { continue }
            var partial = scorer.score(profile, other, text: 0)
            partial.text = textWeight * Double(scratch.slots[other].found)
            if partial.total > shortlist.worst { shortlist.offer(other, partial) }
        }
        var best = BestFirst(limit: limit)
        scratch.vector.load(article, from: scorer.text)
        for entry in shortlist.entries {
            let score = scorer.score(profile, entry.article, text: scratch.vector.cosine(with: entry.article, in: scorer.text))
            if let minScore, score.topical < minScore { continue }
            best.offer(numbering.sitePosition[entry.article], score)
        }
        scratch.found = found
        return best.entries
    }

    /// The `limit` articles of `list` around `article` in date order, as many newer as older where the list
    /// allows (by rank rather than by days apart: no dates need reading).
    private func forEachNearestInDate(_ list: [ListEntry], to article: Int, limit: Int, _ body: (Int) -> Void) {
        // The list is in site order, newest first: the nearest form one run around the article's place in it.
        let position = lowerBound(list, Int32(numbering.sitePosition[article]))
        let isMember = position < list.count && Int(list[position].engine) == article
        let after = isMember ? position + 1 : position
        let others = list.count - (after - position)
        let count = min(limit, others)
        let newer = min(max(count - (list.count - after), count / 2), position)
        for index in (position - newer)..<position { body(Int(list[index].engine)) }
        for index in after..<(after + count - newer) { body(Int(list[index].engine)) }
    }

    /// The first place in `list` whose article comes at or after site position `position`.
    private func lowerBound(_ list: [ListEntry], _ position: Int32) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].site < position { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// The best `limit` articles offered, by total score, then position (newer, then slug); kept sorted, best first.
struct BestFirst {
    let limit: Int
    private(set) var entries: [(article: Int, score: RelatedScore)] = []

    init(limit: Int) {
        self.limit = limit
        entries.reserveCapacity(limit + 1)
    }

    /// The total to beat: -infinity until the list is full.
    private(set) var worst = -Double.infinity

    static func isBetter(_ a: (article: Int, score: RelatedScore), than b: (article: Int, score: RelatedScore)) -> Bool {
        a.score.total != b.score.total ? a.score.total > b.score.total : a.article < b.article
    }

    mutating func offer(_ article: Int, _ score: RelatedScore) {
        let entry = (article: article, score: score)
        if entries.count == limit, let last = entries.last, !Self.isBetter(entry, than: last) { return }
        var index = entries.count
        while index > 0 && Self.isBetter(entry, than: entries[index - 1]) { index -= 1 }
        entries.insert(entry, at: index)
        if entries.count > limit { entries.removeLast() }
        if entries.count == limit, let last = entries.last { worst = last.score.total }
    }
}
