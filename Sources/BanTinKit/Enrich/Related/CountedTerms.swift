/// Every article's distinct terms with how often each occurs (title terms count `TextIndex.titleRepeat` times),
/// in flat arrays. Within an article the terms are grouped by shard (the hash's top bits) so that numbering the
/// terms can run one shard per core without locks.
struct CountedTerms: Sendable {
    static let shardBits = 3
    static let shardCount = 1 << shardBits

    let articleCount: Int
    /// Each position's term hash, until `TextIndex.numberTerms` replaces it in place by the term's id (high 32
    /// bits) and its count (low 32 bits) and empties `counts`: 8 bytes a position from then on, not 16 (hash,
    /// count and a separate id): at 10,000 articles (6.5 million positions) those arrays were the build's peak.
    var hashes: [UInt64] = []
    var counts: [Int32] = []
    /// Article `a`'s terms are at `articleStarts[a] ..< articleStarts[a + 1]`.
    private(set) var articleStarts: [Int] = [0]
    /// Article `a`'s terms of shard `s` start at `shardStarts[a * (shardCount + 1) + s]` (absolute positions).
    private(set) var shardStarts: [Int32] = []

    init(titles: [String], bodies: [String]) {
        articleCount = titles.count
        // Each batch counts its articles into one chunk (few allocations), then the chunks are joined.
        var chunks = Parallel.mapBatches(articleCount) { range in
            Self.count(titles: titles[range], bodies: bodies[range])
        }
        let total = chunks.reduce(0) { $0 + $1.hashes.count }
        hashes.reserveCapacity(total)
        counts.reserveCapacity(total)
        shardStarts.reserveCapacity(articleCount * (Self.shardCount + 1))
        articleStarts.reserveCapacity(articleCount + 1)
        for index in chunks.indices {
            let chunk = chunks[index]
            // Freed as soon as it is joined: the chunks and the joined arrays together were the build's peak.
            chunks[index] = Chunk()
            let base = hashes.count
            shardStarts.append(contentsOf: chunk.shardStarts.map { $0 + Int32(base) })
            articleStarts.append(contentsOf: chunk.articleEnds.map { $0 + base })
            hashes.append(contentsOf: chunk.hashes)
            counts.append(contentsOf: chunk.counts)
        }
    }

    func range(of article: Int) -> Range<Int> { articleStarts[article]..<articleStarts[article + 1] }

    @inline(__always) static func shard(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - shardBits)) }

    /// Some consecutive articles' terms, positions relative to the chunk.
    private struct Chunk {
        var hashes: [UInt64] = []
        var counts: [Int32] = []
        var articleEnds: [Int] = []
        var shardStarts: [Int32] = []
    }

    private static func count(titles: ArraySlice<String>, bodies: ArraySlice<String>) -> Chunk {
        let table = TermTable(capacity: 1024)
        var chunk = Chunk()
        for (title, body) in zip(titles, bodies) {
            SyllableTokenizer.forEachTerm(in: title) { table.add($0, TextIndex.titleRepeat) }
            SyllableTokenizer.forEachTerm(in: body) { table.add($0, 1) }
            // A counting sort by shard, straight into the chunk.
            var starts = [Int32](repeating: 0, count: shardCount + 1)
            table.forEach { hash, _ in starts[shard(hash) + 1] += 1 }
            let base = Int32(chunk.hashes.count)
            starts[0] = base
            for shard in 0..<shardCount { starts[shard + 1] += starts[shard] }
            chunk.hashes.append(contentsOf: repeatElement(0, count: table.count))
            chunk.counts.append(contentsOf: repeatElement(0, count: table.count))
            var next = starts
            table.forEach { hash, count in
                let position = Int(next[shard(hash)])
                chunk.hashes[position] = hash
                chunk.counts[position] = count
                next[shard(hash)] += 1
            }
            table.removeAll()
            chunk.shardStarts.append(contentsOf: starts)
            chunk.articleEnds.append(chunk.hashes.count)
        }
        return chunk
    }
}
