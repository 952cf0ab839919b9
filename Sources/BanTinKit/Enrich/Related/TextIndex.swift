import Foundation

/// TF-IDF vectors of every article's title and body over syllables and syllable pairs, and an inverted index
/// from terms to the articles they weigh most in. Built once per site; then the articles that share words
/// with an article are found by walking the postings of its terms, not by comparing it with every other one.
///
/// Each vector keeps only the article's `termsPerArticle` strongest terms (its keywords, computed from the
/// text) and each term's postings only its `postingsPerTerm` strongest articles, so the work per article stays
/// the same however large the site grows.
struct TextIndex: Sendable {
    /// Enough to hold an article's distinctive words and phrases; the long tail adds cost, not meaning.
    static let termsPerArticle = 32
    /// Common terms would otherwise make every lookup touch a large part of the site.
    static let postingsPerTerm = 32
    /// A title says what the article is about in a few words: its terms count as if written this often.
    static let titleRepeat: Int32 = 3

    /// A term of an article's vector, or an article of a term's postings, with its weight; side by side so
    /// that reading one costs one memory access (these lists are read at random, and that is the cost).
    struct Entry: Sendable {
        var key: Int32
        var weight: Float
    }

    let articleCount: Int
    /// Article `a`'s vector is at `a * termsPerArticle ..< a * termsPerArticle + vectorLengths[a]`: its terms
    /// by id, unit length.
    private(set) var vectors: [Entry] = []
    private(set) var vectorHashes: [UInt64] = []
    private(set) var vectorLengths: [Int32] = []
    /// Term `t`'s postings (its articles) are at `postingStarts[t] ..< postingStarts[t + 1]`, strongest first.
    private(set) var postingStarts: [Int32] = []
    private(set) var postings: [Entry] = []
    /// Per term, the weight of the strongest article its capped postings left out (0 when none was): no
    /// article missing from the postings weighs more.
    private(set) var cutWeights: [Float] = []

    init(titles: [String], bodies: [String]) {
        articleCount = titles.count
        // The counted and numbered terms are the largest arrays of the build: gone before the postings are made.
        let termCount: Int
        do {
            let counted = CountedTerms(titles: titles, bodies: bodies)
            let numbered = Self.numberTerms(counted)
            buildVectors(counted, numbered)
            termCount = numbered.termCount
        }
        buildPostings(termCount: termCount)
    }

    // MARK: reading

    func vector(_ article: Int) -> Range<Int> {
        let start = article * Self.termsPerArticle
        return start..<(start + Int(vectorLengths[article]))
    }

    /// Cosine similarity of two articles' vectors (0 to 1).
    func cosine(_ first: Int, _ second: Int) -> Double {
        var total = 0.0
        forEachSharedTerm(first, second) { _, weight in total += weight }
        return min(total, 1)
    }

    /// Each term two articles share, with its share of their cosine.
    func forEachSharedTerm(_ first: Int, _ second: Int, _ body: (_ hash: UInt64, _ contribution: Double) -> Void) {
        let a = vector(first), b = vector(second)
        var i = a.lowerBound, j = b.lowerBound
        while i < a.upperBound && j < b.upperBound {
            let left = vectors[i], right = vectors[j]
            if left.key == right.key {
                body(vectorHashes[i], Double(left.weight) * Double(right.weight))
                i += 1
                j += 1
            } else if left.key < right.key {
                i += 1
            } else {
                j += 1
            }
        }
    }

    /// What the capped postings reveal about another article's similarity to the one being scored.
    struct PartialMatch {
        /// The part of the cosine found through the postings.
        var found: Float = 0
        /// The part of `missingBound` ruled out: terms whose postings did list the other article.
        var ruledOut: Float = 0

        /// The cosine is at most this.
        func atMost(missing: Double) -> Double { Double(found) + max(missing - Double(ruledOut), 0) }
    }

    /// Walks the postings of the article's terms: `visit(b, found, ruledOut)` for each other article `b` listed
    /// there, with the share of the cosine found and of `missingBound` ruled out by this term.
    @inline(__always)
    func accumulate(_ article: Int, _ visit: (_ other: Int, _ found: Float, _ ruledOut: Float) -> Void) {
        for slot in vector(article) {
            let term = vectors[slot]
            let cut = term.weight * cutWeights[Int(term.key)]
            // By index, not through a slice: a slice would retain the array, and both cores retaining one
            // array contend for its reference count.
            for place in Int(postingStarts[Int(term.key)])..<Int(postingStarts[Int(term.key) + 1]) {
                let posting = postings[place]
                visit(Int(posting.key), term.weight * posting.weight, cut)
            }
        }
    }

    /// At most how much cosine similarity with the article the capped postings can miss, for any other
    /// article: the found part plus this (less what is ruled out) is never less than the true cosine.
    func missingBound(_ article: Int) -> Double {
        vector(article).reduce(0) { $0 + Double(vectors[$1].weight) * Double(cutWeights[Int(vectors[$1].key)]) }
    }

    // MARK: building

    /// Every term occurrence of `CountedTerms` (same positions) with the term's dense id and inverse document
    /// frequency.
    struct NumberedTerms {
        var ids: [Int32]
        /// By term id; 0 for terms of a single article: they cannot make two articles alike.
        var inverseFrequency: [Float]
        var termCount: Int
    }

    /// Gives every distinct term of the site a dense id and its idf. Each shard owns the terms whose hash falls
    /// in it, so shards run in parallel, write only their own positions, and keep a table small enough for the
    /// processor cache. The idf is kept per term, not per occurrence (one array fewer the size of the corpus).
    static func numberTerms(_ counted: CountedTerms) -> NumberedTerms {
        let shards = CountedTerms.shardCount
        let total = Double(counted.articleCount)
        var ids = [Int32](repeating: 0, count: counted.hashes.count)
        let weightsPerShard: [[Float]] = ids.withUnsafeMutableBufferPointer { idBuffer in
            counted.hashes.withUnsafeBufferPointer { hashes in
                counted.shardStarts.withUnsafeBufferPointer { shardStarts in
                    nonisolated(unsafe) let ids = idBuffer, hashes = hashes, shardStarts = shardStarts
                    return Parallel.map(shards) { shard in
                        let table = TermTable(capacity: 1 << 14)
                        var frequency: [Int32] = []
                        for article in 0..<counted.articleCount {
                            let row = article * (shards + 1) + shard
                            for position in Int(shardStarts[row])..<Int(shardStarts[row + 1]) {
                                let local = Int(table.number(hashes[position]))
                                if local == frequency.count { frequency.append(0) }
                                frequency[local] += 1
                                ids[position] = Int32(local * shards + shard)
                            }
                        }
                        return frequency.map { $0 < 2 ? Float(0) : Float(log(1 + total / Double($0))) }
                    }
                }
            }
        }
        let termCount = (weightsPerShard.map(\.count).max() ?? 0) * shards
        var inverseFrequency = [Float](repeating: 0, count: termCount)
        for (shard, weights) in weightsPerShard.enumerated() {
            for (local, weight) in weights.enumerated() { inverseFrequency[local * shards + shard] = weight }
        }
        return NumberedTerms(ids: ids, inverseFrequency: inverseFrequency, termCount: termCount)
    }

    /// Weights each article's terms by TF-IDF, keeps the strongest, and scales the vector to unit length.
    private mutating func buildVectors(_ counted: CountedTerms, _ numbered: NumberedTerms) {
        let limit = Self.termsPerArticle
        // 1 + ln(count), looked up: logarithms of small counts would otherwise be most of this step.
        let countWeight = (0..<256).map { $0 == 0 ? Float(0) : Float(1 + log(Double($0))) }
        let vectors = Parallel.map(articleCount, state: { StrongestTerms(limit: limit) }) { article, strongest in
            for position in counted.range(of: article) {
                let idf = numbered.inverseFrequency[Int(numbered.ids[position])]
                guard idf > 0 else { continue }
                let count = Int(counted.counts[position])
                let tf = count < countWeight.count ? countWeight[count] : Float(1 + log(Double(count)))
                strongest.offer(id: numbered.ids[position], hash: counted.hashes[position], weight: tf * idf)
            }
            return strongest.takeUnitVector()
        }
        self.vectors = [Entry](repeating: Entry(key: 0, weight: 0), count: articleCount * limit)
        vectorHashes = [UInt64](repeating: 0, count: articleCount * limit)
        vectorLengths = vectors.map { Int32($0.count) }
        for (article, vector) in vectors.enumerated() {
            for (offset, entry) in vector.enumerated() {
                self.vectors[article * limit + offset] = Entry(key: entry.id, weight: entry.weight)
                vectorHashes[article * limit + offset] = entry.hash
            }
        }
    }

    /// The inverted index over the kept terms, each list strongest first and cut at `postingsPerTerm`.
    private mutating func buildPostings(termCount: Int) {
        var starts = [Int32](repeating: 0, count: termCount + 1)
        for article in 0..<articleCount {
            for slot in vector(article) { starts[Int(vectors[slot].key) + 1] += 1 }
        }
        for term in 0..<termCount { starts[term + 1] += starts[term] }
        var all = [Entry](repeating: Entry(key: 0, weight: 0), count: Int(starts[termCount]))
        var next = starts
        for article in 0..<articleCount {
            for slot in vector(article) {
                let term = Int(vectors[slot].key)
                all[Int(next[term])] = Entry(key: Int32(article), weight: vectors[slot].weight)
                next[term] += 1
            }
        }
        postingStarts = [Int32](repeating: 0, count: termCount + 1)
        cutWeights = [Float](repeating: 0, count: termCount)
        postings.reserveCapacity(all.count)
        for term in 0..<termCount {
            let list = all[Int(starts[term])..<Int(starts[term + 1])]
            if list.count <= Self.postingsPerTerm {
                postings.append(contentsOf: list)
            } else {
                let strongest = list.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.key < $1.key }
                postings.append(contentsOf: strongest.prefix(Self.postingsPerTerm))
                cutWeights[term] = strongest[Self.postingsPerTerm].weight
            }
            postingStarts[term + 1] = Int32(postings.count)
        }
    }
}
