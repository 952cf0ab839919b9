import Foundation

/// Every URL the site has, in one place, so pages, listings, feeds and the counter never disagree.
/// URLs are root-relative and carry the base URL's path, so a site can live under a sub-folder.
public struct Routes: Sendable {
    /// "/" or "/sub/folder/".
    public let basePath: String
    public let baseURL: URL

    public init(baseURL: URL) {
        self.baseURL = baseURL
        let path = baseURL.path
        basePath = path.isEmpty ? "/" : (path.hasSuffix("/") ? path : path + "/")
    }

    public var home: String { basePath }
    public var assets: String { basePath + "assets" }
    public func article(_ slug: String) -> String { basePath + "tin/\(slug)/" }
    public func printView(_ slug: String) -> String { basePath + "tin/\(slug)/in/" }
    public func category(_ slug: String, page: Int = 1) -> String { paged(basePath + "chuyen-muc/\(slug)/", page) }
    public func tag(_ slug: String, page: Int = 1) -> String { paged(basePath + "the/\(slug)/", page) }
    public func page(_ slug: String) -> String { basePath + "\(slug)/" }
    public var notFound: String { basePath + "404.html" }

    /// "/images/x.svg" or "images/x.svg" → a URL under the base path; absolute http(s) URLs pass through.
    public func resource(_ reference: String) -> String {
        if reference.hasPrefix("http://") || reference.hasPrefix("https://") || reference.hasPrefix("//") { return reference }
        let trimmed = reference.drop { $0 == "/" }
        return basePath + trimmed
    }

    /// Absolute URL (of a root-relative one) for canonical links, feeds and the print view's source line.
    public func absolute(_ path: String) -> String {
        origin + path
    }

    /// "https://host[:port]" of the base URL.
    private var origin: String {
        var parts = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) ?? URLComponents()
        parts.path = ""
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? ""
    }

    /// The file a URL is written to, relative to the output folder ("tin/x/" → "tin/x/index.html").
    public func outputPath(for url: String) -> String {
        var path = url.hasPrefix(basePath) ? String(url.dropFirst(basePath.count)) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    private func paged(_ first: String, _ page: Int) -> String {
        page <= 1 ? first : first + "trang/\(page)/"
    }
}
