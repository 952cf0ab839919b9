import Dispatch

/// The static search index read by `/tim-kiem/` (templates/assets/search.js), in `/tim-kiem/index/`:
///
/// - `manifest.json`: format, version, article count, bucket count, chunk size, categories `[name, url]`.
/// - `t-<n>.json`: the terms whose `SearchTerms.bucket` is n. A folded term ("dang") → `[spellings, postings]`:
///   its exact spellings in the articles ("đang", "đảng", …; most articles first, at most `maximumSpellings`;
///   a term only ever written as itself, "2019", is just `postings`), and its postings as numbers: how many
///   symbols S, the S symbols, then per article holding it (ids ascending) `(gap − 1) · S + symbol`. A symbol
///   is `mask << 3 | weight`: which spellings the article uses (bit i: spelling i) and its BM25 term weight in
///   steps of 1…7 (title words counted three times); the gap is the distance from the previous id (the first
///   id's from −1). Most postings of a common word are one letter: the next article, one of a few symbols.
///   A pair of neighbouring words ("dan van", its key holds a space) → its articles' ids as `gap − 1`: found
///   side by side in the title or in a code anywhere ("18-NQ/TW"). Numbers are written in `NumberText`'s
///   letters. A search downloads only the buckets of its own terms and pairs.
/// - `w-<n>.json`: the words of n letters (letters only, no digits) → how many articles hold each, most held
///   first; read only when a query's word is in no article, to suggest one a letter apart. `manifest.words`
///   is the longest n (every length from 2 to it has a file).
/// - `d-<k>.json`: articles k·chunk … k·chunk+chunk−1 as `[title, url, date_short, date_iso, category, snippet]`,
///   downloaded only for the results on screen.
///
/// Ids are positions in `site.articles` (newest first), so "lower id" means "newer"; the documents follow the
/// articles (ids from `site.articles.count`, newest issued first), their rows in the category "Văn bản" (the last
/// of `categories`, named by locale.yml `documents_title`), so that a result says it is a document.
enum SearchIndex {
    static let format = 4
    /// A page of 10 results is mostly in 10 different chunks: at 10 articles a chunk (25 before issue #29) they
    /// cost 20 KiB gzipped instead of 44 (`make bench-search`), which pays for 12-word queries' 23 buckets.
    static let chunkSize = 10
    /// Buckets are made small enough that one averages at most this many bytes. A bucket is mostly other words'
    /// lists: at 10,000 articles (`make bench-search`, 3.4 MiB of term lists) 16,000 gave 512 buckets and first
    /// searches of 24–110 KiB gzipped, 5,000 gives 1,024 and 22–91 KiB, for 512 more small files.
    static let targetBucketBytes = 5_000
    static let maximumBuckets = 4096
    static let snippetLength = 160
    /// Spellings beyond these (the rarest) get no bit: an article using only them matches without marks.
    static let maximumSpellings = 12
    /// BM25's usual constants: how fast repeated words stop counting, and how much length is discounted.
    static let k1 = 1.2, b = 0.75
    /// Term weights are stored in this many steps (3 bits): finer steps would hardly reorder results.
    static let weightSteps = 7

    static func files(_ site: Site, routes: Routes, dates: DateStyle) -> [OutputFile] {
        let index = self.postings(site)
        let averageLength = Double(index.lengths.reduce(0) { $0 + Int($1) }) / Double(max(index.lengths.count, 1))
        let norms = index.lengths.map { k1 * (1 - b + b * Double($0) / max(averageLength, 1)) }
        let entries = Parallel.map(index.order.count) { position -> (term: String, text: String) in
            let number = Int(index.order[position])
            let term = index.merged.terms.text(Int32(number))
            let run = index.merged.run(number)
            if index.merged.isPair[number] {
                var text = NumberText()
                var previous: Int32 = -1
                for article in index.merged.pairArticles[run] {
                    text.append(Int(article - previous - 1))
                    previous = article
                }
                return (term, JSONText.string(term) + ":\"" + text.string + "\"")
            }
            // The spellings most articles use get the low bits.
            let known = index.merged.termSpellings[number]
            var users = [Int](repeating: 0, count: known.count)
            for place in run {
                let posting = index.merged.postings[place]
                forEachSpelling(posting, at: place, in: index.merged) { users[$0] += 1 }
            }
            let kept = known.indices.filter { users[$0] > 0 }.sorted {
                users[$0] != users[$1] ? users[$0] > users[$1] : index.spellings[Int(known[$0])] < index.spellings[Int(known[$1])]
            }.prefix(maximumSpellings)
            var bit = [Int](repeating: 0, count: known.count)
            for (position, spelling) in kept.enumerated() { bit[spelling] = 1 << position }
            var articles = [Int32](repeating: 0, count: run.count)
            var symbols = [Int](repeating: 0, count: run.count)
            // A word in more than half the articles tells nothing about which is more relevant (Robertson and
            // Spärck Jones' idf is zero there; search.js's is under ln 2): its count is not kept, every article
            // gets step 1, and its postings shrink to one symbol per spelling mask.
            let counted = run.count * 2 <= index.lengths.count
            for (offset, place) in run.enumerated() {
                let posting = index.merged.postings[place]
                let tf = Double(posting.count)
                let weight = tf / (tf + norms[Int(posting.article)])
                let step = counted ? min(max(Int((weight * Double(weightSteps)).rounded()), 1), weightSteps) : 1
                var mask = 0
                forEachSpelling(posting, at: place, in: index.merged) { mask |= bit[$0] }
                articles[offset] = posting.article
                symbols[offset] = mask << 3 | step
            }
            let text = postingsText(articles: articles, symbols: symbols)
            // A word only ever written as its folded self ("2019", "van" never with marks) needs no spelling list.
            let spellings = kept.map { index.spellings[Int(known[$0])] }
            if spellings == [term] { return (term, JSONText.string(term) + ":\"" + text + "\"") }
            return (term, JSONText.string(term) + ":[" + JSONText.array(spellings.map(JSONText.string)) + ",\"" + text + "\"]")
        }
        let total = entries.reduce(0) { $0 + $1.text.utf8.count + 1 }
        var bucketCount = 1
        while bucketCount < maximumBuckets && total / bucketCount > targetBucketBytes { bucketCount *= 2 }

        var buckets = Array(repeating: [String](), count: bucketCount)
        for entry in entries { buckets[SearchTerms.bucket(of: entry.term, count: bucketCount)].append(entry.text) }
        var files: [(name: String, text: String)] = buckets.enumerated().map { ("t-\($0.offset).json", "{" + $0.element.joined(separator: ",") + "}") }
        let words = wordLists(index)
        files += words

        let categoryPosition = Dictionary(site.categories.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let documents = site.documents.documents
        let rowCount = site.articles.count + documents.count
        let chunkStarts = Array(stride(from: 0, to: rowCount, by: chunkSize))
        files += Parallel.map(chunkStarts.count) { chunk -> (name: String, text: String) in
            let start = chunkStarts[chunk]
            let rows = (start..<min(start + chunkSize, rowCount)).map { id in
                guard id >= site.articles.count else {
                    let article = site.articles[id]
                    return "[" + [JSONText.string(article.title), JSONText.string(routes.article(article.slug)),
                                  JSONText.string(dates.short(article.date)), JSONText.string(dates.iso(article.date)),
                                  String(categoryPosition[article.categorySlug] ?? -1),
                                  JSONText.string(Summary.cut(article.summary, near: snippetLength))].joined(separator: ",") + "]"
                }
                let document = documents[id - site.articles.count]
                return "[" + [JSONText.string(dates.documentTitle(type: document.type, number: document.number) + ": " + document.title),
                              JSONText.string(routes.document(document.slug)),
                              JSONText.string(dates.short(document.issued)), JSONText.string(dates.iso(document.issued)),
                              String(site.categories.count), JSONText.string(document.issuer)].joined(separator: ",") + "]"
            }
            return ("d-\(start / chunkSize).json", JSONText.array(rows))
        }

        // Changes whenever any index file does; search.js asks for `?v=<version>` so no stale bucket is mixed in.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for file in files { for byte in file.text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 } }
        var categories = site.categories.map { JSONText.array([JSONText.string($0.name), JSONText.string(routes.category($0.slug))]) }
        if !documents.isEmpty {
            categories.append(JSONText.array([JSONText.string(dates.documentsTitle ?? site.config.title), JSONText.string(routes.documents())]))
        }
        let manifest = "{\"format\":\(format),\"version\":\"\(String(hash, radix: 16))\",\"count\":\(rowCount),"
            + "\"buckets\":\(bucketCount),\"chunk\":\(chunkSize),\"words\":\(words.count + 1),"
            + "\"categories\":\(JSONText.array(categories))}"
        files.append(("manifest.json", manifest))
        return files.map { OutputFile(path: routes.outputPath(for: routes.searchIndexFile($0.name)), text: $0.text) }
    }

    /// The `w-<n>.json` files, n = 2…longest word: per length, the words made of letters only with how many
    /// articles hold each, most held first (search.js takes the first word a letter apart from a missing one).
    /// Words of digits or mixed ("covid19", "2019") are left out: a number one digit off is another number.
    static func wordLists(_ index: Postings) -> [(name: String, text: String)] {
        var byLength: [[(term: String, count: Int)]] = []
        for number in index.order.map(Int.init) where !index.merged.isPair[number] {
            let term = index.merged.terms.text(Int32(number))
            let length = term.utf8.count
            guard length >= 2, term.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { continue }
            while byLength.count <= length - 2 { byLength.append([]) }
            byLength[length - 2].append((term, index.merged.run(number).count))
        }
        return byLength.enumerated().map { offset, words in
            let sorted = words.sorted { $0.count != $1.count ? $0.count > $1.count : $0.term < $1.term }
            return ("w-\(offset + 2).json", "{" + sorted.map { JSONText.string($0.term) + ":\($0.count)" }.joined(separator: ",") + "}")
        }
    }

    /// A term's postings as `NumberText`: the number of distinct symbols S, the symbols (most used first), then
    /// per article `(gap − 1) · S + symbol number`. A common word's next article with a common symbol is one
    /// letter (format 2 wrote the gap and `mask << 3 | weight` apart: two letters or more).
    static func postingsText(articles: [Int32], symbols: [Int]) -> String {
        var uses: [Int: Int] = [:]
        for symbol in symbols { uses[symbol, default: 0] += 1 }
        let table = uses.keys.sorted { uses[$0]! != uses[$1]! ? uses[$0]! > uses[$1]! : $0 < $1 }
        let number = Dictionary(uniqueKeysWithValues: table.enumerated().map { ($0.element, $0.offset) })
        var text = NumberText()
        text.append(table.count)
        for symbol in table { text.append(symbol) }
        var previous: Int32 = -1
        for (article, symbol) in zip(articles, symbols) {
            text.append(Int(article - previous - 1) * table.count + number[symbol]!)
            previous = article
        }
        return text.string
    }

    /// The term-local numbers of the spellings a posting uses.
    @inline(__always)
    private static func forEachSpelling(_ posting: SearchPostings.Posting, at place: Int, in merged: SearchPostings.Merged,
                                        _ body: (Int) -> Void) {
        let flag: UInt64 = 1 << UInt64(SearchPostings.bitSpellings)
        var bits = posting.spellings & ~flag
        while bits != 0 {
            body(bits.trailingZeroBitCount)
            bits &= bits - 1
        }
        if posting.spellings & flag != 0 { for spelling in merged.overflow[place] ?? [] { body(Int(spelling)) } }
    }

    struct Postings {
        var merged: SearchPostings.Merged
        /// Term and pair numbers in the order of their text.
        var order: [Int32]
        /// Spelling numbers → text.
        var spellings: [String]
        /// Per article id, its length in words (title words three times).
        var lengths: [Int32] { merged.lengths }
    }

    /// Every term and pair with its lists, ids ascending, and every article's length.
    static func postings(_ site: Site) -> Postings {
        let articles = site.articles
        // Each batch of articles (on its own core) makes the postings of its range; merged in order, so ids
        // stay ascending. Only a batch's term sets exist at a time, not every article's at once.
        var batches = Parallel.mapBatches(articles.count) { range in
            var postings = SearchPostings()
            for index in range {
                let article = articles[index]
                // The parts one by one: joining them copied every body.
                var body = [article.bodyText]
                if article.hasExplicitSummary { body.append(article.summary) }
                for tag in article.tags { body.append(tag.name) }
                postings.add(article: index, title: article.title, body: body)
            }
            return postings
        }
        // Documents after the articles, found by number ("03-KH/ĐUS", "03 kh dus"), type, trích yếu and issuer.
        if !site.documents.isEmpty {
            var postings = SearchPostings()
            for (offset, document) in site.documents.documents.enumerated() {
                postings.add(article: articles.count + offset, title: document.type + " " + document.number + " " + document.title,
                             body: [document.issuer])
            }
            batches.append(postings)
        }
        let merged = SearchPostings.Merged(batches)
        let texts = (0..<merged.terms.count).map { merged.terms.text(Int32($0)) }
        let order = texts.indices.sorted { texts[$0] < texts[$1] }.map { Int32($0) }
        let spellings = (0..<merged.spellings.count).map { merged.spellings.text(Int32($0)) }
        return Postings(merged: merged, order: order, spellings: spellings)
    }
}

/// Whole numbers as text with few characters: five bits per letter, least significant first, from an alphabet
/// of 64 that JSON strings need not escape; the upper 32 letters say another letter follows. A number under 32
/// takes one letter (search.js reads them back).
struct NumberText {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private(set) var bytes: [UInt8] = []

    mutating func append(_ value: Int) {
        var rest = value
        repeat {
            let low = rest & 31
            rest >>= 5
            bytes.append(Self.alphabet[rest > 0 ? low | 32 : low])
        } while rest > 0
    }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
