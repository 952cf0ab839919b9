import Foundation

/// TF-IDF vectors of every article's whole title and body over syllables and syllable pairs, and an inverted
/// index from keywords to the articles they weigh most in. Built once per site.
///
/// Two views of each article: its full vector (every term it shares with at least one other article, sublinear
/// tf times idf, unit length), on which similarity is scored; and its `keywordsPerArticle` strongest terms,
/// whose postings (each cut at `postingsPerTerm`) find the articles worth scoring without comparing every pair.
/// Scoring on keywords alone missed most of a story told in other words (issue #15: 39% of story siblings
/// listed); the full vector is what makes a follow-up in another category recognisable.
struct TextIndex: Sendable {
    /// The most terms an article's vector keeps, strongest first: its distinctive words and phrases and many
    /// more (a 300-word article has about 300 terms shared with some other article, kept whole). Past this, a long
    /// article's remaining terms are its commonest words, which weigh little in any cosine but cost a probe
    /// each for every candidate it is compared with. (At 160 the first related article of ../shared/judged was a
    /// story sibling for 92% of articles instead of 94%; at 320, the related step at 10,000 generated articles
    /// takes 1.7 s of processor time against 2.0 s uncut.)
    static let termsPerVector = 320
    /// Keywords per article for finding candidates: its distinctive words and phrases.
    static let keywordsPerArticle = 32
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
    /// Article `a`'s full vector is at `vectorStarts[a] ..< vectorStarts[a + 1]`: its terms (in no particular
    /// order: compared through `VectorTable`), unit length.
    private(set) var vectors: [Entry] = []
    private(set) var vectorStarts: [Int] = [0]
    /// Article `a`'s keywords (weights as in its full vector), by id, at `a * keywordsPerArticle ..<` that plus
    /// `keywordCounts[a]`.
    private(set) var keywords: [Entry] = []
    private(set) var keywordCounts: [Int32] = []
    /// Each term's hash (its spelling, for `bantin related`), by id.
    private(set) var termHashes: [UInt64] = []
    /// Term `t`'s postings (its articles) are at `postingStarts[t] ..< postingStarts[t + 1]`, strongest first.
    private(set) var postingStarts: [Int32] = []
    private(set) var postings: [Entry] = []

    init(titles: [String], bodies: [String]) {
        articleCount = titles.count
        // The counted and numbered terms are the largest arrays of the build: gone before the postings are made.
        let termCount: Int
        do {
            var counted = CountedTerms(titles: titles, bodies: bodies)
            let numbered = Self.numberTerms(&counted)
            buildVectors(&counted, numbered)
            termCount = numbered.termCount
        }
        buildPostings(termCount: termCount)
    }

    // MARK: reading

    func vector(_ article: Int) -> Range<Int> { vectorStarts[article]..<vectorStarts[article + 1] }

    func keywordSlots(_ article: Int) -> Range<Int> {
        let start = article * Self.keywordsPerArticle
        return start..<(start + Int(keywordCounts[article]))
    }

    /// Cosine similarity of two articles' full vectors (0 to 1).
    func cosine(_ first: Int, _ second: Int) -> Double {
        var table = VectorTable()
        table.load(first, from: self)
        return table.cosine(with: second, in: self)
    }

    /// Each term two articles share, with its share of their cosine (slow: for `bantin related`).
    func forEachSharedTerm(_ first: Int, _ second: Int, _ body: (_ hash: UInt64, _ contribution: Double) -> Void) {
        var weights: [Int32: Float] = [:]
        for place in vector(first) { weights[vectors[place].key] = vectors[place].weight }
        for place in vector(second) {
            let entry = vectors[place]
            if let weight = weights[entry.key] {
                body(termHashes[Int(entry.key)], Double(weight) * Double(entry.weight))
            }
        }
    }

    /// Walks the postings of the article's keywords: `visit(b, part)` for each other article `b` listed there,
    /// with the product of the two weights of that keyword: summed, a partial cosine that ranks candidates.
    @inline(__always)
    func accumulate(_ article: Int, _ visit: (_ other: Int, _ part: Float) -> Void) {
        for slot in keywordSlots(article) {
            let term = keywords[slot]
            // By index, not through a slice: a slice would retain the array, and both cores retaining one
            // array contend for its reference count.
            for place in Int(postingStarts[Int(term.key)])..<Int(postingStarts[Int(term.key) + 1]) {
                let posting = postings[place]
                visit(Int(posting.key), term.weight * posting.weight)
            }
        }
    }

    // MARK: building

    /// The terms of the site by dense id (each `CountedTerms.Chunk.hashes` holds its positions' ids and counts from then on).
    struct NumberedTerms {
        /// By term id; 0 for terms of a single article: they cannot make two articles alike.
        var inverseFrequency: [Float]
        var hashes: [UInt64]
        var termCount: Int
    }

    /// Gives every distinct term of the site a dense id and its idf. Each shard owns the terms whose hash falls
    /// in it, so shards run in parallel, write only their own positions, and keep a table small enough for the
    /// processor cache. The idf is kept per term, not per occurrence (one array fewer the size of the corpus).
    static func numberTerms(_ counted: inout CountedTerms) -> NumberedTerms {
        let shards = CountedTerms.shardCount
        let total = Double(counted.articleCount)
        let chunks = counted.chunks
        let perShard: [(weights: [Float], hashes: [UInt64])] = Parallel.map(shards) { shard in
            let table = TermTable(capacity: 1 << 14)
            var frequency: [Int32] = []
            var spelled: [UInt64] = []
            // Chunk by chunk, article by article: the order in which terms first appear, as one joined array gave.
            for chunk in chunks {
                let positions = chunk.hashes
                chunk.counts.withUnsafeBufferPointer { counts in
                    for article in chunk.articleEnds.indices {
                        let row = article * (shards + 1) + shard
                        for position in Int(chunk.shardStarts[row])..<Int(chunk.shardStarts[row + 1]) {
                            let hash = positions[position]
                            let local = Int(table.number(hash))
                            if local == frequency.count {
                                frequency.append(0)
                                spelled.append(hash)
                            }
                            frequency[local] += 1
                            let small = counts[position]
                            let count = small < CountedTerms.countLimit ? Int32(small) : chunk.largeCounts[position]!
                            positions[position] = UInt64(local * shards + shard) << 32 | UInt64(UInt32(bitPattern: count))
                        }
                    }
                }
            }
            return (frequency.map { $0 < 2 ? Float(0) : Float(log(1 + total / Double($0))) }, spelled)
        }
        // The counts are in the positions now.
        for chunk in chunks {
            chunk.counts = []
            chunk.largeCounts = [:]
        }
        let termCount = (perShard.map(\.weights.count).max() ?? 0) * shards
        var inverseFrequency = [Float](repeating: 0, count: termCount)
        var termHashes = [UInt64](repeating: 0, count: termCount)
        for (shard, part) in perShard.enumerated() {
            for (local, weight) in part.weights.enumerated() {
                inverseFrequency[local * shards + shard] = weight
                termHashes[local * shards + shard] = part.hashes[local]
            }
        }
        return NumberedTerms(inverseFrequency: inverseFrequency, hashes: termHashes, termCount: termCount)
    }

    /// Weights each article's terms by TF-IDF (1 + ln tf, times idf), scales the whole vector to unit length,
    /// and keeps its strongest terms as keywords. Each article's vector is written straight into its place in
    /// `vectors` (its length known beforehand): a vector per article, each with room for all its terms, made
    /// this the build's peak of memory (at 10,000 articles: 291 MB, now 239 MB with ids and counts packed).
    private mutating func buildVectors(_ counted: inout CountedTerms, _ numbered: NumberedTerms) {
        let limit = Self.keywordsPerArticle
        var chunkOf = [Int32](repeating: 0, count: articleCount)
        for chunk in counted.chunks.indices {
            for article in counted.chunkStarts[chunk]..<counted.chunkStarts[chunk + 1] { chunkOf[article] = Int32(chunk) }
        }
        let chunks = counted.chunks, chunkStarts = counted.chunkStarts
        let lengths = Parallel.map(articleCount) { article in
            let chunk = chunks[Int(chunkOf[article])]
            var count = 0
            for position in chunk.range(of: article - chunkStarts[Int(chunkOf[article])])
            where numbered.inverseFrequency[Int(chunk.hashes[position] >> 32)] > 0 {
                count += 1
            }
            return min(count, Self.termsPerVector)
        }
        vectorStarts = [0]
        vectorStarts.reserveCapacity(articleCount + 1)
        for length in lengths { vectorStarts.append(vectorStarts[vectorStarts.count - 1] + length) }
        // 1 + ln(count), looked up: logarithms of small counts would otherwise be most of this step.
        let countWeight = (0..<256).map { $0 == 0 ? Float(0) : Float(1 + log(Double($0))) }
        let starts = vectorStarts
        var strongestOf = [[Entry]](repeating: [], count: articleCount)
        vectors = [Entry](unsafeUninitializedCapacity: starts[articleCount]) { buffer, initialized in
            nonisolated(unsafe) let buffer = buffer
            // Chunk by chunk, each let go once its articles' vectors are made: the vectors grow as the counted
            // terms shrink (at 50,000 articles both at once were the build's peak).
            for chunkIndex in counted.chunks.indices {
                let chunk = counted.chunks[chunkIndex], first = counted.chunkStarts[chunkIndex]
                let made = Parallel.map(chunk.articleEnds.count, state: { (strongest: StrongestTerms(limit: limit), terms: [Entry]()) }) { local, state -> [Entry] in
                    let article = first + local
                    state.terms.removeAll(keepingCapacity: true)
                    var norm: Float = 0
                    for position in chunk.range(of: local) {
                        let packed = chunk.hashes[position]
                        let id = Int32(truncatingIfNeeded: packed >> 32)
                        let idf = numbered.inverseFrequency[Int(id)]
                        guard idf > 0 else { continue }
                        let count = Int(UInt32(truncatingIfNeeded: packed))
                        let tf = count < countWeight.count ? countWeight[count] : Float(1 + log(Double(count)))
                        let weight = tf * idf
                        norm += weight * weight
                        state.terms.append(Entry(key: id, weight: weight))
                        state.strongest.offer(id: id, hash: numbered.hashes[Int(id)], weight: weight)
                    }
                    // Scaled by the norm of every term, so that a cut vector's cosines stay comparable with uncut ones.
                    let scale = norm > 0 ? 1 / norm.squareRoot() : 0
                    // The strongest first (in no order among themselves): selecting them, not sorting the whole
                    // vector (sorting was a sixth of the related step's processor time at 10,000 articles).
                    if state.terms.count > Self.termsPerVector { Self.selectStrongest(Self.termsPerVector, of: &state.terms) }
                    for offset in 0..<(starts[article + 1] - starts[article]) {
                        var entry = state.terms[offset]
                        entry.weight *= scale
                        (buffer.baseAddress! + starts[article] + offset).initialize(to: entry)
                    }
                    return state.strongest.take().map { Entry(key: $0.id, weight: $0.weight * scale) }
                }
                for (local, strongest) in made.enumerated() { strongestOf[first + local] = strongest }
                counted.release(chunk: chunkIndex)
            }
            initialized = starts[articleCount]
        }
        keywords = [Entry](repeating: Entry(key: 0, weight: 0), count: articleCount * limit)
        keywordCounts = strongestOf.map { Int32($0.count) }
        for (article, strongest) in strongestOf.enumerated() {
            for (offset, entry) in strongest.enumerated() { keywords[article * limit + offset] = entry }
        }
        termHashes = numbered.hashes
    }

    /// Moves the `count` strongest entries (by weight, then smaller key) to the front, in no particular order
    /// (quickselect).
    static func selectStrongest(_ count: Int, of entries: inout [Entry]) {
        @inline(__always) func stronger(_ a: Entry, _ b: Entry) -> Bool { a.weight != b.weight ? a.weight > b.weight : a.key < b.key }
        entries.withUnsafeMutableBufferPointer { entries in
            var low = 0, high = entries.count - 1
            while low < high {
                // Median of three as the pivot, moved to the end.
                let middle = low + (high - low) / 2
                if stronger(entries[middle], entries[low]) { entries.swapAt(middle, low) }
                if stronger(entries[high], entries[low]) { entries.swapAt(high, low) }
                if stronger(entries[middle], entries[high]) { entries.swapAt(middle, high) }
                let pivot = entries[high]
                var store = low
                for index in low..<high where stronger(entries[index], pivot) {
                    entries.swapAt(index, store)
                    store += 1
                }
                entries.swapAt(store, high)
                if store == count || store == count - 1 { return }
                if store < count { low = store + 1 } else { high = store - 1 }
            }
        }
    }

    /// The inverted index over the keywords, each list strongest first and cut at `postingsPerTerm`.
    private mutating func buildPostings(termCount: Int) {
        var starts = [Int32](repeating: 0, count: termCount + 1)
        for article in 0..<articleCount {
            for slot in keywordSlots(article) { starts[Int(keywords[slot].key) + 1] += 1 }
        }
        for term in 0..<termCount { starts[term + 1] += starts[term] }
        var all = [Entry](repeating: Entry(key: 0, weight: 0), count: Int(starts[termCount]))
        var next = starts
        for article in 0..<articleCount {
            for slot in keywordSlots(article) {
                let term = Int(keywords[slot].key)
                all[Int(next[term])] = Entry(key: Int32(article), weight: keywords[slot].weight)
                next[term] += 1
            }
        }
        postingStarts = [Int32](repeating: 0, count: termCount + 1)
        postings.reserveCapacity(all.count)
        for term in 0..<termCount {
            let list = all[Int(starts[term])..<Int(starts[term + 1])]
            if list.count <= Self.postingsPerTerm {
                postings.append(contentsOf: list)
            } else {
                // The strongest few of a long list, kept sorted as they come: most entries lose to the weakest
                // kept one at once (sorting whole lists of common terms was a tenth of the related step).
                func stronger(_ a: Entry, _ b: Entry) -> Bool { a.weight != b.weight ? a.weight > b.weight : a.key < b.key }
                var strongest: [Entry] = []
                strongest.reserveCapacity(Self.postingsPerTerm + 1)
                for entry in list {
                    if strongest.count == Self.postingsPerTerm, !stronger(entry, strongest[strongest.count - 1]) { continue }
                    var index = strongest.count
                    while index > 0 && stronger(entry, strongest[index - 1]) { index -= 1 }
                    strongest.insert(entry, at: index)
                    if strongest.count > Self.postingsPerTerm { strongest.removeLast() }
                }
                postings.append(contentsOf: strongest)
            }
            postingStarts[term + 1] = Int32(postings.count)
        }
    }
}
