import Dispatch

/// The static search index read by `/tim-kiem/` (templates/assets/search.js), in `/tim-kiem/index/`:
///
/// - `manifest.json`: format, version, article count, bucket count, chunk size, categories `[name, url]`.
/// - `t-<n>.json`: the terms whose `SearchTerms.bucket` is n → `[title ids, body-only ids]`, each list as
///   gaps between sorted ids. A search downloads only the buckets of its own terms. Neighbouring title words
///   are indexed as pairs too ("dan van"), so a title with the exact phrase ranks first.
/// - `d-<k>.json`: articles k·chunk … k·chunk+chunk−1 as `[title, url, date_short, date_iso, category, snippet]`,
///   downloaded only for the results on screen.
///
/// Ids are positions in `site.articles` (newest first), so "lower id" means "newer".
enum SearchIndex {
    static let format = 1
    static let chunkSize = 25
    /// Buckets are made small enough that one averages about this many bytes.
    static let targetBucketBytes = 16_000
    static let maximumBuckets = 4096
    static let snippetLength = 160

    static func files(_ site: Site, routes: Routes, dates: DateStyle) -> [OutputFile] {
        let postings = self.postings(site)
        let terms = postings.keys.sorted()
        let entries = Parallel.map(terms.count) { index -> (term: String, text: String) in
            let lists = postings[terms[index]]!
            return (terms[index], JSONText.string(terms[index]) + ":[" + JSONText.gaps(lists.title) + ","
                        + JSONText.gaps(lists.body) + "]")
        }
        let total = entries.reduce(0) { $0 + $1.text.utf8.count + 1 }
        var bucketCount = 1
        while bucketCount < maximumBuckets && total / bucketCount > targetBucketBytes { bucketCount *= 2 }

        var buckets = Array(repeating: [String](), count: bucketCount)
        for entry in entries { buckets[SearchTerms.bucket(of: entry.term, count: bucketCount)].append(entry.text) }
        var files: [(name: String, text: String)] = buckets.enumerated().map { ("t-\($0.offset).json", "{" + $0.element.joined(separator: ",") + "}") }

        let categoryPosition = Dictionary(site.categories.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let chunkStarts = Array(stride(from: 0, to: site.articles.count, by: chunkSize))
        files += Parallel.map(chunkStarts.count) { chunk -> (name: String, text: String) in
            let start = chunkStarts[chunk]
            let rows = site.articles[start..<min(start + chunkSize, site.articles.count)].map { article in
                "[" + [JSONText.string(article.title), JSONText.string(routes.article(article.slug)),
                       JSONText.string(dates.short(article.date)), JSONText.string(dates.iso(article.date)),
                       String(categoryPosition[article.categorySlug] ?? -1),
                       JSONText.string(Summary.cut(article.summary, near: snippetLength))].joined(separator: ",") + "]"
            }
            return ("d-\(start / chunkSize).json", JSONText.array(rows))
        }

        // Changes whenever any index file does; search.js asks for `?v=<version>` so no stale bucket is mixed in.
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for file in files { for byte in file.text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 } }
        let categories = site.categories.map { JSONText.array([JSONText.string($0.name), JSONText.string(routes.category($0.slug))]) }
        let manifest = "{\"format\":\(format),\"version\":\"\(String(hash, radix: 16))\",\"count\":\(site.articles.count),"
            + "\"buckets\":\(bucketCount),\"chunk\":\(chunkSize),\"categories\":\(JSONText.array(categories))}"
        files.append(("manifest.json", manifest))
        return files.map { OutputFile(path: routes.outputPath(for: routes.searchIndexFile($0.name)), text: $0.text) }
    }

    /// Term → (ids with the term in the title, ids with it only in the body), ids ascending.
    static func postings(_ site: Site) -> [String: (title: [Int], body: [Int])] {
        let articles = site.articles
        // Each batch of articles (on its own core) makes the postings of its range; merged in order, so ids
        // stay ascending. Only a batch's term sets exist at a time, not every article's at once.
        let partial = Parallel.mapBatches(articles.count) { range in
            var postings = SearchPostings()
            for index in range {
                let article = articles[index]
                var bodyText = article.bodyText
                if article.hasExplicitSummary { bodyText += "\n" + article.summary }
                for tag in article.tags { bodyText += "\n" + tag.name }
                postings.add(article: index, title: article.title, body: bodyText)
            }
            return postings
        }
        var postings: [String: (title: [Int], body: [Int])] = [:]
        for batch in partial {
            batch.forEach { term, title, body in
                postings[term, default: ([], [])].title += title
                postings[term, default: ([], [])].body += body
            }
        }
        return postings
    }
}
