/// The short key under which an article's views are in `thong-ke/luot-xem.json`, carried by its page
/// (`data-views-key`) so the page finds its figure without the file listing every URL (at 10,000 articles the
/// URLs were 80% of the file's bytes).
///
/// A key is made from the article's URL alone: 6 base-36 characters of a hash of it, so it never changes when
/// figures change or other articles come and go, and the page's HTML never depends on the figures. Two URLs
/// whose 6 characters are the same (about one site in 45 at 10,000 articles has such a pair; a new article
/// meets an existing key about once in 200,000) both get the 13 characters of the whole hash instead: the one
/// case where adding an article changes another article's key (and so its page).
struct ArticleKeys: Sendable {
    static let shortLength = 6
    static let longLength = 13
    private static let shortSpace: UInt64 = 2_176_782_336 // 36^6

    private(set) var byURL: [String: String] = [:]

    init<URLs: Sequence>(urls: URLs) where URLs.Element == String {
        var groups: [UInt64: [(url: String, hash: UInt64)]] = [:]
        for url in urls where byURL[url] == nil {
            let hash = Self.hash(url)
            groups[hash % Self.shortSpace, default: []].append((url, hash))
            byURL[url] = ""
        }
        for (short, members) in groups {
            if members.count == 1 {
                byURL[members[0].url] = Self.base36(short, length: Self.shortLength)
                continue
            }
            // The whole hash; two URLs with the same 64 bits (never seen) are told apart by their order.
            var seen: [UInt64: Int] = [:]
            for member in members.sorted(by: { $0.url < $1.url }) {
                let repeats = seen[member.hash, default: 0]
                seen[member.hash] = repeats + 1
                byURL[member.url] = Self.base36(member.hash, length: Self.longLength) + (repeats == 0 ? "" : "-\(repeats)")
            }
        }
    }

    subscript(url: String) -> String? { byURL[url] }

    /// FNV-1a of the URL's bytes, then MurmurHash3's finaliser: FNV's low bits, which the key is taken from,
    /// are poorly mixed on their own.
    static func hash(_ url: String) -> UInt64 { ContentHash.mixed(StableHash.of(url)) }

    static func base36(_ value: UInt64, length: Int) -> String {
        let digits = String(value, radix: 36)
        return String(repeating: "0", count: max(0, length - digits.count)) + digits
    }
}
