import Foundation

/// Every URL the site has, in one place, so pages, listings, feeds and the counter never disagree.
/// URLs are root-relative and carry the base URL's path, so a site can live under a sub-folder.
public struct Routes: Sendable {
    /// "/" or "/sub/folder/".
    public let basePath: String
    public let baseURL: URL

    /// "https://host[:port]" of the base URL: worked out once (parsing the URL for every absolute address was a
    /// fifth of the time spent making pages' values).
    private let origin: String

    public init(baseURL: URL) {
        self.baseURL = baseURL
        let path = baseURL.path
        basePath = path.isEmpty ? "/" : (path.hasSuffix("/") ? path : path + "/")
        var parts = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        parts.path = ""
        parts.query = nil
        parts.fragment = nil
        origin = parts.string ?? ""
    }

    public var home: String { basePath }
    public var assets: String { basePath + "assets" }
    public func article(_ slug: String) -> String { basePath + "tin/\(slug)/" }
    /// The print view sits beside the article's page as a file: a folder per print view would double the
    /// folders a build makes, and folders are the dearest thing a static site writes.
    public func printView(_ slug: String) -> String { basePath + "tin/\(slug)/in.html" }
    /// Where print views were until November 2026, still counted from old access logs.
    func formerPrintView(_ slug: String) -> String { basePath + "tin/\(slug)/in/" }
    public func category(_ slug: String, page: Int = 1) -> String { paged(basePath + "chuyen-muc/\(slug)/", page) }
    public func tag(_ slug: String, page: Int = 1) -> String { paged(basePath + "the/\(slug)/", page) }
    public func page(_ slug: String) -> String { basePath + "\(slug)/" }
    public var notFound: String { basePath + "404.html" }
    /// Photo albums ("Hình hoạt động"): the list, and each album with its photos.
    public var albums: String { basePath + "album/" }
    public func album(_ slug: String) -> String { basePath + "album/\(slug)/" }
    /// Documents (văn bản): every one, and listings by type, issuer, field and year, as folders so that they work
    /// without JavaScript and on any static server.
    func documents(_ filter: PageKind.DocumentFilter = .all, page: Int = 1) -> String {
        let folder = switch filter {
        case .all: "van-ban/"
        case .type(let slug): "van-ban/loai/\(slug)/"
        case .issuer(let slug): "van-ban/co-quan/\(slug)/"
        case .field(let slug): "van-ban/linh-vuc/\(slug)/"
        case .year(let year): "van-ban/nam/\(year)/"
        }
        return paged(basePath + folder, page)
    }
    func document(_ slug: String) -> String { basePath + "van-ban/\(slug)/" }
    var documentsFeed: String { basePath + "van-ban/feed.xml" }
    /// A published file ("files/ke-hoach-03.pdf", as `PublishedFile.path`).
    func publishedFile(_ path: String) -> String { basePath + path }

    /// The visit counter's figures: the statistics page (for readers without JavaScript) and the one small
    /// file every page's counter widgets are filled from, so no page's HTML depends on the figures.
    public var statistics: String { basePath + "thong-ke/" }
    public var counterFigures: String { basePath + "thong-ke/so-lieu.json" }
    /// Each article's views by its short key (`ArticleKeys`), read by article pages only.
    public var counterViews: String { basePath + "thong-ke/luot-xem.json" }

    // Reader features: search, archive, feeds, sitemap, redirect rules.
    public var search: String { basePath + "tim-kiem/" }
    /// Folder of the search index's JSON files (manifest, term buckets, article chunks).
    var searchIndexFolder: String { basePath + "tim-kiem/index/" }
    func searchIndexFile(_ name: String) -> String { searchIndexFolder + name }
    func archive(year: Int, month: Int, page: Int = 1) -> String {
        paged(basePath + "luu-tru/\(year)/" + (month < 10 ? "0\(month)" : "\(month)") + "/", page)
    }
    /// A year's articles, its months listed above them.
    func archive(year: Int, page: Int = 1) -> String { paged(basePath + "luu-tru/\(year)/", page) }
    /// Every year and month with its count ("Lưu trữ" in breadcrumbs and the sidebar).
    var archiveIndex: String { basePath + "luu-tru/" }
    /// Every tag with its count.
    var tagIndex: String { basePath + "the/" }
    public var feed: String { basePath + "feed.xml" }
    func categoryFeed(_ slug: String) -> String { basePath + "chuyen-muc/\(slug)/feed.xml" }
    var sitemap: String { basePath + "sitemap.xml" }
    var robots: String { basePath + "robots.txt" }
    /// Netlify-style rules (`from to 301`) and the nginx snippet for old URLs.
    var redirectRules: String { basePath + "_redirects" }
    var nginxRedirects: String { basePath + "nginx-redirects.conf" }

    // Icons and the picture shown when a page is shared, raster files made from the logo at build time:
    // browsers ask for /favicon.ico and iOS for /apple-touch-icon.png at the root whatever a page says, and
    // Facebook and Zalo show no SVG.
    public var favicon: String { basePath + "favicon.ico" }
    /// 180 × 180 PNG (iOS home screen; also the publisher's logo in structured data).
    var appleTouchIcon: String { basePath + "apple-touch-icon.png" }
    /// 1200 × 630 PNG, the ratio Facebook and Zalo crop link previews to.
    var defaultShareImage: String { basePath + "anh-chia-se.png" }
    static let defaultShareImageSize = (width: 1200, height: 630)
    static let appleTouchIconSize = 180

    /// The file a redirect page for an old URL is written to, or nil when the old URL lies outside the
    /// site's folder (a site under a sub-path cannot write at the host's root; the 301 rules still cover it).
    /// A query cannot be part of a file name a server looks up, so "/index.php?id=1" is written to
    /// "index.php/id=1/index.html" (reached through the 301 rules; the page is the fallback and the record).
    func aliasOutputPath(_ alias: String) -> String? {
        let parts = alias.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let rawPath = String(parts[0])
        let path = rawPath.removingPercentEncoding ?? rawPath
        guard path.hasPrefix(basePath) || path + "/" == basePath else { return nil }
        var relative = String(path.dropFirst(min(basePath.count, path.count)))
        if parts.count == 2 {
            // "/" inside the query would make folders; "." or ".." alone would climb.
            var query = String(parts[1]).replacingOccurrences(of: "/", with: "%2F")
            if query.allSatisfy({ $0 == "." }) { query = query.replacingOccurrences(of: ".", with: "%2E") }
            if query.isEmpty { query = "%3F" }
            if !relative.isEmpty && !relative.hasSuffix("/") { relative += "/" }
            return relative + query + "/index.html"
        }
        if relative.isEmpty || relative.hasSuffix("/") { return relative + "index.html" }
        let last = relative.split(separator: "/").last ?? ""
        return last.contains(".") ? relative : relative + "/index.html"
    }

    /// "/images/x.svg" or "images/x.svg" → a URL under the base path; absolute http(s) URLs pass through.
    func resource(_ reference: String) -> String {
        if reference.hasPrefix("http://") || reference.hasPrefix("https://") || reference.hasPrefix("//") { return reference }
        let trimmed = reference.drop { $0 == "/" }
        return basePath + trimmed
    }

    /// Absolute URL (of a root-relative one) for canonical links, feeds and the print view's source line.
    func absolute(_ path: String) -> String {
        // An image on another site (og:image, feeds) is already absolute.
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        return origin + path
    }

    /// The file a URL is written to, relative to the output folder ("tin/x/" → "tin/x/index.html").
    func outputPath(for url: String) -> String {
        var path = url.hasPrefix(basePath) ? String(url.dropFirst(basePath.count)) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    private func paged(_ first: String, _ page: Int) -> String {
        page <= 1 ? first : first + "trang/\(page)/"
    }
}
