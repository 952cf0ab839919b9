/// The search index's postings made without a `String` or a `Set` per word: each word's folded and exact
/// spellings are numbered through hash tables (bytes compared, so a hash collision cannot merge two words), and
/// each article adds, for every folded term it holds, its BM25 term weight and which exact spellings it uses.
/// Each batch of articles numbers its own terms; the batches are merged by term in article order.
struct SearchPostings {
    /// A title word counts as if written this often (as in related news).
    static let titleWeight = 3

    /// One article's use of a term: its id, how often (title words `titleWeight` times), and its exact
    /// spellings (numbers of `spellings`).
    struct Posting {
        var article: Int32
        var count: Int32
        var spellings: [Int32]
    }

    private var terms = ByteNumbering()
    private(set) var spellings = ByteNumbering()
    /// Per term: its postings (articles ascending); per pair: the articles holding it side by side.
    private var postings: [[Posting]] = []
    private var pairs: [[Int32]] = []
    private var isPair: [Bool] = []

    // One article's counts, kept between articles (reset through `touched`).
    private var counts: [Int32] = []
    private var seenSpellings: [[Int32]] = []
    private var touched: [Int32] = []
    private var lastPair: [Int32] = []
    /// Each article's length in words (title words `titleWeight` times), in the order added.
    private(set) var lengths: [Int32] = []

    /// Adds one article's words; articles must come in ascending order. Pairs of neighbouring words are kept
    /// from the title and the summary (where a query's phrase says what the article is about) and within
    /// codes anywhere ("18-NQ/TW").
    mutating func add(article: Int, title: String, summary: String, body: String) {
        var length: Int32 = 0
        for (text, part) in [(title, 0), (summary, 1), (body, 2)] {
            var previous: Int32 = -1
            SearchTokens.forEach(in: text) { folded, exact, joint in
                let term = number(folded, pair: false)
                if part != 1 {
                    let weight = part == 0 ? Int32(Self.titleWeight) : 1
                    if counts[Int(term)] == 0 { touched.append(term) }
                    counts[Int(term)] += weight
                    length += weight
                    let spelling = spellings.number(exact)
                    if !seenSpellings[Int(term)].contains(spelling) { seenSpellings[Int(term)].append(spelling) }
                }
                if previous >= 0 && (part < 2 || joint == .code) {
                    let pair = terms.bytes(previous) + [0x20] + Array(folded)
                    let paired = pair.withUnsafeBufferPointer { number($0, pair: true) }
                    if lastPair[Int(paired)] != Int32(article) {
                        pairs[Int(paired)].append(Int32(article))
                        lastPair[Int(paired)] = Int32(article)
                    }
                }
                previous = term
            }
        }
        lengths.append(length)
        for term in touched {
            postings[Int(term)].append(Posting(article: Int32(article), count: counts[Int(term)],
                                               spellings: seenSpellings[Int(term)]))
            counts[Int(term)] = 0
            seenSpellings[Int(term)] = []
        }
        touched.removeAll(keepingCapacity: true)
    }

    /// Every term with its postings, and every pair with its articles.
    func forEach(term termBody: (String, [Posting]) -> Void, pair pairBody: (String, [Int32]) -> Void) {
        for number in 0..<terms.count {
            if isPair[number] {
                pairBody(terms.text(Int32(number)), pairs[number])
            } else if !postings[number].isEmpty {
                termBody(terms.text(Int32(number)), postings[number])
            }
        }
    }

    private mutating func number(_ bytes: UnsafeBufferPointer<UInt8>, pair: Bool) -> Int32 {
        let number = terms.number(bytes)
        if Int(number) == postings.count {
            postings.append([])
            pairs.append([])
            isPair.append(pair)
            counts.append(0)
            seenSpellings.append([])
            lastPair.append(-1)
        }
        return number
    }
}

/// Numbers distinct byte strings in arrival order through a `TermTable` of their hashes, comparing bytes, so
/// two strings sharing a hash still get two numbers.
struct ByteNumbering {
    private let table = TermTable(capacity: 1 << 15)
    private var storage: [UInt8] = []
    private var starts: [Int] = [0]
    /// Strings whose hash another had already (almost never), by text.
    private var collided: [String: Int32] = [:]

    var count: Int { starts.count - 1 }

    mutating func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // FNV's low bits are weak, and the table indexes by them: mixed once more (murmur3's finalizer).
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        let number = table.number(hash)
        if Int(number) == count { return append(bytes) }
        if storage[starts[Int(number)]..<starts[Int(number) + 1]].elementsEqual(bytes) { return number }
        let text = String(decoding: bytes, as: UTF8.self)
        if let known = collided[text] { return known }
        let appended = append(bytes)
        collided[text] = appended
        return appended
    }

    func bytes(_ number: Int32) -> [UInt8] { Array(storage[starts[Int(number)]..<starts[Int(number) + 1]]) }
    func text(_ number: Int32) -> String { String(decoding: storage[starts[Int(number)]..<starts[Int(number) + 1]], as: UTF8.self) }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        storage.append(contentsOf: bytes)
        starts.append(storage.count)
        return Int32(count - 1)
    }
}
