/// Every article's distinct terms with how often each occurs (title terms count `TextIndex.titleRepeat` times),
/// in flat arrays. Within an article the terms are grouped by shard (the hash's top bits) so that numbering the
/// terms can run one shard per core without locks.
struct CountedTerms: Sendable {
    static let shardBits = 3
    static let shardCount = 1 << shardBits

    let articleCount: Int
    var hashes: [UInt64] = []
    var counts: [Int32] = []
    /// Article `a`'s terms are at `articleStarts[a] ..< articleStarts[a + 1]`.
    var articleStarts: [Int] = [0]
    /// Article `a`'s terms of shard `s` start at `shardStarts[a * (shardCount + 1) + s]` (absolute positions).
    var shardStarts: [Int32] = []

    init(titles: [String], bodies: [String]) {
        articleCount = titles.count
        let perArticle = Parallel.map(articleCount, state: { TermTable(capacity: 4096) }) { article, table in
            Self.count(title: titles[article], body: bodies[article], table: table)
        }
        let total = perArticle.reduce(0) { $0 + $1.hashes.count }
        hashes.reserveCapacity(total)
        counts.reserveCapacity(total)
        shardStarts.reserveCapacity(articleCount * (Self.shardCount + 1))
        for article in perArticle {
            let base = Int32(hashes.count)
            shardStarts.append(contentsOf: article.shardStarts.map { $0 + base })
            hashes.append(contentsOf: article.hashes)
            counts.append(contentsOf: article.counts)
            articleStarts.append(hashes.count)
        }
    }

    func range(of article: Int) -> Range<Int> { articleStarts[article]..<articleStarts[article + 1] }

    @inline(__always) static func shard(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - shardBits)) }

    private static func count(title: String, body: String, table: TermTable)
        -> (hashes: [UInt64], counts: [Int32], shardStarts: [Int32]) {
        SyllableTokenizer.forEachTerm(in: title) { table.add($0, TextIndex.titleRepeat) }
        SyllableTokenizer.forEachTerm(in: body) { table.add($0, 1) }
        // Counting sort by shard.
        var starts = [Int32](repeating: 0, count: shardCount + 1)
        var drained: [(UInt64, Int32)] = []
        drained.reserveCapacity(table.count)
        table.drain { hash, count in
            drained.append((hash, count))
            starts[shard(hash) + 1] += 1
        }
        for shard in 0..<shardCount { starts[shard + 1] += starts[shard] }
        var next = starts
        var hashes = [UInt64](repeating: 0, count: drained.count)
        var counts = [Int32](repeating: 0, count: drained.count)
        for (hash, count) in drained {
            let position = Int(next[shard(hash)])
            hashes[position] = hash
            counts[position] = count
            next[shard(hash)] += 1
        }
        return (hashes, counts, starts)
    }
}
