/// Every article's distinct terms with how often each occurs (title terms count `TextIndex.titleRepeat` times),
/// in flat arrays, one chunk per batch of consecutive articles. Within an article the terms are grouped by shard
/// (the hash's top bits) so that numbering the terms can run one shard per core without locks.
///
/// The chunks are not joined into one array: joining held both at once, and keeping them apart lets each chunk
/// go as soon as its articles' vectors are made (`release`). At 50,000 articles (32 million positions) these
/// arrays were the build's peak of memory: 1,030 MB with one joined array and four-byte counts, 924 MB now.
struct CountedTerms: Sendable {
    static let shardBits = 3
    static let shardCount = 1 << shardBits
    /// Counts up to this are kept in a byte; larger ones (a word written 255 times in one article) by position in
    /// `Chunk.largeCounts`. One byte a position, not four (3 bytes × 32 million positions at 50,000 articles).
    static let countLimit: UInt8 = 255
    static let chunkCount = 128

    let articleCount: Int
    private(set) var chunks: [Chunk]
    /// The first article of each chunk, then `articleCount`.
    let chunkStarts: [Int]

    /// Some consecutive articles' terms, positions relative to the chunk.
    final class Chunk: @unchecked Sendable {
        /// Each position's term hash, until `TextIndex.numberTerms` replaces it in place by the term's id (high
        /// 32 bits) and its count (low 32 bits): 8 bytes a position from then on. Written by one shard's thread
        /// per position, never resized.
        let hashes: UnsafeMutableBufferPointer<UInt64>
        /// Emptied once the terms are numbered (the counts are in `hashes` then).
        var counts: [UInt8]
        var largeCounts: [Int: Int32]
        /// Article `a`'s terms (relative to the chunk's first article) end at `articleEnds[a]`.
        let articleEnds: [Int]
        /// Article `a`'s terms of shard `s` start at `shardStarts[a * (shardCount + 1) + s]`.
        let shardStarts: [Int32]

        init(hashes: [UInt64], counts: [UInt8], largeCounts: [Int: Int32], articleEnds: [Int], shardStarts: [Int32]) {
            // Exactly as large as needed: the arrays grew by doubling while counting.
            self.hashes = .allocate(capacity: hashes.count)
            _ = self.hashes.initialize(from: hashes)
            self.counts = counts
            self.largeCounts = largeCounts
            self.articleEnds = articleEnds
            self.shardStarts = shardStarts
        }

        deinit { hashes.deallocate() }

        func range(of article: Int) -> Range<Int> { (article == 0 ? 0 : articleEnds[article - 1])..<articleEnds[article] }

        /// The count of the term at `position` (before numbering).
        @inline(__always)
        func count(at position: Int) -> Int32 {
            let small = counts[position]
            return small < CountedTerms.countLimit ? Int32(small) : largeCounts[position]!
        }
    }

    init(titles: [String], bodies: [String]) {
        articleCount = titles.count
        // Each chunk's arrays grow by doubling while its articles are counted, then are copied to their exact size:
        // small chunks keep that overhead small (8 chunks at 50,000 articles peaked 56 MB above the counted terms).
        let total = titles.count, chunkCount = min(total, Self.chunkCount)
        let ranges = (0..<chunkCount).map { (total * $0 / chunkCount)..<(total * ($0 + 1) / chunkCount) }
        chunks = Parallel.map(ranges.count) { Self.count(titles: titles[ranges[$0]], bodies: bodies[ranges[$0]]) }
        chunkStarts = ranges.map(\.lowerBound) + [articleCount]
    }

    /// Lets a chunk's arrays go (its articles' vectors are made).
    mutating func release(chunk: Int) {
        chunks[chunk] = Chunk(hashes: [], counts: [], largeCounts: [:], articleEnds: [], shardStarts: [])
    }

    @inline(__always) static func shard(_ hash: UInt64) -> Int { Int(hash >> UInt64(64 - shardBits)) }

    private static func count(titles: ArraySlice<String>, bodies: ArraySlice<String>) -> Chunk {
        let table = TermTable(capacity: 1024)
        var hashes: [UInt64] = [], counts: [UInt8] = [], largeCounts: [Int: Int32] = [:]
        var articleEnds: [Int] = [], shardStarts: [Int32] = []
        for (title, body) in zip(titles, bodies) {
            SyllableTokenizer.forEachTerm(in: title) { table.add($0, TextIndex.titleRepeat) }
            SyllableTokenizer.forEachTerm(in: body) { table.add($0, 1) }
            // A counting sort by shard, straight into the chunk.
            var starts = [Int32](repeating: 0, count: shardCount + 1)
            table.forEach { hash, _ in starts[shard(hash) + 1] += 1 }
            let base = Int32(hashes.count)
            starts[0] = base
            for shard in 0..<shardCount { starts[shard + 1] += starts[shard] }
            hashes.append(contentsOf: repeatElement(0, count: table.count))
            counts.append(contentsOf: repeatElement(0, count: table.count))
            var next = starts
            table.forEach { hash, count in
                let position = Int(next[shard(hash)])
                hashes[position] = hash
                if count < Int32(countLimit) {
                    counts[position] = UInt8(count)
                } else {
                    counts[position] = countLimit
                    largeCounts[position] = count
                }
                next[shard(hash)] += 1
            }
            table.removeAll()
            shardStarts.append(contentsOf: starts)
            articleEnds.append(hashes.count)
        }
        return Chunk(hashes: hashes, counts: counts, largeCounts: largeCounts, articleEnds: articleEnds, shardStarts: shardStarts)
    }
}
