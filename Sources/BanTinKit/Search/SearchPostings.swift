/// The search index's postings made without a `String` or a `Set` per word: every article's title and body
/// are folded to bytes, each term is numbered through a hash table (its bytes compared, so a hash collision
/// cannot merge two terms), and an article is added to a term's list the first time the term occurs in it.
/// Each batch of articles numbers its own terms; the batches are merged by term in article order.
struct SearchPostings {
    private let table = TermTable(capacity: 1 << 15)
    /// Term number → its text; its bytes, one after the other, at `starts[n] ..< starts[n + 1]`.
    private var terms: [String] = []
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Terms whose hash another term had already (almost never), by text.
    private var collided: [String: Int32] = [:]
    private var titleLists: [[Int]] = []
    private var bodyLists: [[Int]] = []
    /// Per term, the last article that used it: 2·article + 1 from its title, 2·article from its body.
    private var lastSeen: [Int] = []

    /// Adds one article; articles must come in ascending order.
    mutating func add(article: Int, title: String, body: String) {
        let titleMark = 2 * article + 1
        var previous: Int32?
        Self.forEachTerm(in: Slug.foldedBytes(title)) { term in
            let number = self.number(term)
            if lastSeen[Int(number)] != titleMark { titleLists[Int(number)].append(article) }
            lastSeen[Int(number)] = titleMark
            if let previous {
                // Neighbouring title words as one entry ("dan van"); the space keeps it apart from single terms.
                let pair = Array(self.bytes[starts[Int(previous)]..<starts[Int(previous) + 1]]) + [0x20] + Array(term)
                let paired = pair.withUnsafeBufferPointer { self.number(UnsafeBufferPointer(rebasing: $0[...])) }
                if lastSeen[Int(paired)] != titleMark { titleLists[Int(paired)].append(article) }
                lastSeen[Int(paired)] = titleMark
            }
            previous = number
        }
        let bodyMark = 2 * article
        Self.forEachTerm(in: Slug.foldedBytes(body)) { term in
            let number = Int(self.number(term))
            guard lastSeen[number] < bodyMark else { return }
            bodyLists[number].append(article)
            lastSeen[number] = bodyMark
        }
    }

    /// Every term with its lists.
    func forEach(_ body: (String, [Int], [Int]) -> Void) {
        for number in terms.indices { body(terms[number], titleLists[number], bodyLists[number]) }
    }

    /// Runs of ASCII letters and digits in folded text, at most `SearchTerms.maximumLength` long.
    private static func forEachTerm(in folded: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        folded.withUnsafeBufferPointer { bytes in
            var start = -1
            for index in 0...bytes.count {
                let isTerm = index < bytes.count && SearchTerms.isTermByte(bytes[index])
                if isTerm, start < 0 { start = index }
                if !isTerm, start >= 0 {
                    if index - start <= SearchTerms.maximumLength { body(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                    start = -1
                }
            }
        }
    }

    private mutating func number(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in term { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        // FNV's low bits are weak, and the table indexes by them: mixed once more (murmur3's finalizer).
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        let number = table.number(hash)
        if Int(number) == terms.count { return append(term) }
        if bytes[starts[Int(number)]..<starts[Int(number) + 1]].elementsEqual(term) { return number }
        let text = String(decoding: term, as: UTF8.self)
        if let known = collided[text] { return known }
        let appended = append(term)
        collided[text] = appended
        return appended
    }

    private mutating func append(_ term: UnsafeBufferPointer<UInt8>) -> Int32 {
        terms.append(String(decoding: term, as: UTF8.self))
        bytes.append(contentsOf: term)
        starts.append(bytes.count)
        titleLists.append([])
        bodyLists.append([])
        lastSeen.append(-1)
        return Int32(terms.count - 1)
    }
}
