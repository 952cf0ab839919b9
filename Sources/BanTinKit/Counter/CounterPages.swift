import Foundation

/// Which page of the site a requested URL is, built from `Routes` so the counter and the pages never disagree.
/// Every way of reaching a page counts for that page: `/tin/x/`, `/tin/x/index.html`, the print view
/// `/tin/x/in/`, an old URL from the article's `aliases`, `?query` junk appended, percent-encoded letters.
/// A listing's later pages (`/chuyen-muc/x/trang/2/`) count for the listing.
public struct CounterPages: Sendable {
    public enum Resolution: Sendable, Equatable {
        /// A page view of the page whose canonical URL this is.
        case page(String)
        /// A download of a published file (`/files/…`): counted for the file, not as a page view.
        case download(String)
        /// A stylesheet, image, script, font or document.
        case asset
        /// Anything else: feeds, robots.txt, URLs that are not pages of this site.
        case other
    }

    /// Normalised path (with "?query" for aliases that have one) → canonical URL.
    private var table: [String: String] = [:]
    /// Canonical URLs of listings, whose "trang/<n>/" pages count for them.
    private var listings: Set<String> = []
    private let basePath: String
    /// Canonical URL → the page's title, for `bantin counter`.
    private(set) var titles: [String: String] = [:]
    /// The articles, newest first: each one's canonical URL and the normalised old URLs that count for it.
    public private(set) var articles: [(id: ArticleID, url: String, oldPaths: [String])] = []
    /// Documents' pages and published files, in table order: their figures go into the views file beside the
    /// articles' ("Lượt xem" and "Lượt tải" on a document's page).
    public private(set) var documentURLs: [String] = []
    /// Published files' URLs, whose requests are downloads.
    private var files: Set<String> = []

    /// The published files' URLs, in table order.
    var fileURLs: [String] { documentURLs.filter(files.contains) }
    /// Built from the page table alone: every address it lists counts for the page it names.
    public init(_ pages: PageTable) {
        basePath = pages.routes.basePath
        var aliases: [(alias: String, url: String)] = []
        var articleURLs: [(ArticleID, String)] = []
        for entry in pages.entries {
            guard let url = entry.countsFor else { continue }
            switch entry.kind {
            case .redirect(let old):
                aliases.append((old.alias, url))
                continue
            case .article(let id):
                articleURLs.append((id, url))
            case .category, .tag, .documents:
                listings.insert(url)
                // Later pages count through `listing(ofPaged:)`, like pages past the last one in old logs.
                if url != entry.url { continue }
            case .home, .printView, .archiveMonth, .archiveYear, .archiveIndex, .tagIndex, .staticPage, .album,
                 .albumIndex, .search, .statistics, .counterFigures, .counterViews, .notFound, .feed, .sitemap, .robots,
                 .redirectRules, .nginxRedirects, .manifest, .assetsFolder, .imagesFolder, .searchIndexFolder,
                 .siteImage, .imageFile, .documentsFeed:
                break
            case .document:
                documentURLs.append(url)
            case .publishedFile:
                documentURLs.append(url)
                files.insert(url)
            }
            add(entry.url, as: url, title: entry.title)
            for former in pages.formerURLs(of: entry) { add(former, as: url) }
        }
        // Old URLs last, so that none can take over a page of the site.
        for (alias, url) in aliases { addAlias(alias, as: url) }
        // An article's views are those of its URL and of its old URLs, where an earlier slug's views were kept.
        var oldPaths: [String: [String]] = [:]
        for (alias, url) in aliases {
            let path = Self.normalise(alias).path
            if path != url, titles[path] == nil { oldPaths[url, default: []].append(path) }
        }
        articles = articleURLs.map { id, url in (id, url, Set(oldPaths[url] ?? []).sorted()) }
    }

    /// What the build cache keeps of the table, so a timer rebuild counts without modelling the site.
    struct Stored: Codable {
        var table: [String: String]
        var listings: [String]
        var basePath: String
        var titles: [String: String]
        var articles: [[String]]
        /// Absent in caches of builds before documents: none.
        var documentURLs: [String]?
        var files: [String]?
    }

    var stored: Stored {
        Stored(table: table, listings: listings.sorted(), basePath: basePath, titles: titles,
               articles: articles.map { [$0.id.slug, $0.url] + $0.oldPaths }, documentURLs: documentURLs, files: files.sorted())
    }

    init?(stored: Stored) {
        guard stored.articles.allSatisfy({ $0.count >= 2 }) else { return nil }
        table = stored.table
        listings = Set(stored.listings)
        basePath = stored.basePath
        titles = stored.titles
        articles = stored.articles.map { (ArticleID($0[0]), $0[1], Array($0.dropFirst(2))) }
        documentURLs = stored.documentURLs ?? []
        files = Set(stored.files ?? [])
    }

    public func resolve(_ target: String) -> Resolution {
        let (path, query) = Self.normalise(target)
        if let query, let url = table[path + "?" + query] { return .page(url) }
        if let url = table[path] { return files.contains(url) ? .download(url) : .page(url) }
        if let listing = Self.listing(ofPaged: path), listings.contains(listing) { return .page(listing) }
        return isAsset(path) ? .asset : .other
    }

    // MARK: building

    private mutating func add(_ path: String, as url: String, title: String? = nil) {
        let key = Self.normalise(path)
        table[key.query.map { key.path + "?" + $0 } ?? key.path] = url
        if let title { titles[url] = title }
    }

    /// Aliases are the old portal's URLs: kept with their query ("/index.php?id=12"), and also under the
    /// base path, where the site's own copy of an old URL would be served from.
    private mutating func addAlias(_ alias: String, as url: String) {
        let key = Self.normalise(alias)
        guard table[key.query.map { key.path + "?" + $0 } ?? key.path] == nil else { return }
        add(alias, as: url)
        if basePath != "/", !key.path.hasPrefix(basePath) {
            add(basePath + key.path.dropFirst() + (key.query.map { "?" + $0 } ?? ""), as: url)
        }
    }

    // MARK: normalising

    /// "https://host/tin/x/index.html?utm=1#top" → ("/tin/x/", "utm=1"): origin and fragment dropped,
    /// the path percent-decoded and in NFC, doubled slashes and "index.html" removed, and a trailing "/"
    /// added to a last segment without an extension (servers may answer "/tin/x" with the page itself).
    static func normalise(_ target: String) -> (path: String, query: String?) {
        if isNormalised(target) { return (target, nil) }
        var text = Substring(target)
        if let scheme = text.range(of: "://"), text[..<scheme.lowerBound].allSatisfy({ $0.isLetter }) {
            let afterHost = text[scheme.upperBound...]
            text = afterHost.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterHost[$0...] } ?? "/"
        }
        if let hash = text.firstIndex(of: "#") { text = text[..<hash] }
        var query: String?
        if let mark = text.firstIndex(of: "?") {
            let rest = text[text.index(after: mark)...]
            query = rest.isEmpty ? nil : String(rest)
            text = text[..<mark]
        }
        var path = String(text)
        if path.contains("%") { path = path.removingPercentEncoding ?? path }
        path = path.precomposedStringWithCanonicalMapping
        if !path.hasPrefix("/") { path = "/" + path }
        while path.contains("//") { path = path.replacingOccurrences(of: "//", with: "/") }
        for index in ["index.html", "index.htm"] where path.hasSuffix("/" + index) {
            path.removeLast(index.count)
        }
        if !path.hasSuffix("/"), let last = path.split(separator: "/").last, !last.contains(".") {
            path += "/"
        }
        return (path, query)
    }

    /// A plain ASCII path ending in "/", or in a file name other than "index.html" ("/tin/x/in.html", every
    /// print view), as the site's routes make them and most log lines ask for: nothing to drop, decode, compose or
    /// collapse (the general steps cost more than all the rest of the counter; print views through them were
    /// 0.13 s of every build with a counter at 10,000 articles).
    private static func isNormalised(_ target: String) -> Bool {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var previous: UInt8 = 0
        var lastSegmentHasDot = false
        for byte in target.utf8 {
            if byte >= 0x80 || byte == UInt8(ascii: "%") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "?")
                || (byte == slash && previous == slash) { return false }
            if byte == slash { lastSegmentHasDot = false } else if byte == dot { lastSegmentHasDot = true }
            previous = byte
        }
        guard target.utf8.first == slash else { return false }
        if previous == slash { return true }
        return lastSegmentHasDot && !target.hasSuffix("/index.html") && !target.hasSuffix("/index.htm")
    }

    /// "/chuyen-muc/x/trang/3/" → "/chuyen-muc/x/".
    static func listing(ofPaged path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        // ["", …, "trang", "3", ""]
        guard parts.count >= 4, parts[parts.count - 1].isEmpty, parts[parts.count - 3] == "trang",
              let number = Int(parts[parts.count - 2]), number >= 1 else { return nil }
        return parts.dropLast(3).joined(separator: "/") + "/"
    }

    static let assetExtensions: Set<String> = [
        "css", "js", "mjs", "map", "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp",
        "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "webm", "ogg", "pdf", "doc", "docx", "xls", "xlsx",
        "ppt", "pptx", "zip", "rar",
    ]

    private func isAsset(_ path: String) -> Bool {
        if path.hasPrefix(basePath + "assets/") || path.hasPrefix(basePath + "images/") { return true }
        guard let last = path.split(separator: "/").last, let dot = last.lastIndex(of: ".") else { return false }
        return Self.assetExtensions.contains(last[last.index(after: dot)...].lowercased())
    }
}
