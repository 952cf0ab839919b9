import Foundation

/// Paths editors give for images and old URLs. They end up as links and, for aliases, as files in the
/// output, so anything that could climb out of the site (`..`, `%2e%2e`, backslashes, other schemes) is refused.
public enum SitePath {
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case climbsOut(String)
        case unsupportedScheme(String)
        case notASitePath(String)

        public var description: String {
            switch self {
            case .climbsOut(let text): "\"\(text)\" tries to leave the site folder (\"..\" is not allowed)"
            case .unsupportedScheme(let text): "\"\(text)\" must be a path on this site or an http(s) address"
            case .notASitePath(let text): "\"\(text)\" must be a path starting with \"/\""
            }
        }
    }

    /// An image reference: an http(s) URL, or a path inside the site ("/images/a.jpg", "images/a.jpg").
    /// Returns the root-relative path ("/images/a.jpg") or the URL unchanged.
    public static func image(_ text: String) throws(Problem) -> String {
        if isWebAddress(text) { return text }
        if text.contains(":") { throw .unsupportedScheme(text) }
        let path = text.hasPrefix("/") ? text : "/" + text
        try checkSegments(path, original: text)
        return path
    }

    /// An old URL of an article ("/tin-tuc/123.html", "/index.php?option=com_content&id=123", or the same
    /// with the old portal's origin). Returns the path with its query, without the origin.
    public static func alias(_ text: String) throws(Problem) -> String {
        var path = text
        if isWebAddress(text) {
            guard let components = URLComponents(string: text) else { throw .notASitePath(text) }
            path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            if let query = components.percentEncodedQuery { path += "?" + query }
        } else if text.contains("://") || text.hasPrefix("javascript:") || text.hasPrefix("data:") {
            throw .unsupportedScheme(text)
        }
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { throw .notASitePath(text) }
        try checkSegments(path, original: text)
        return path
    }

    static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Refuses "..", "." and backslashes in the path, also when percent-encoded (even twice).
    private static func checkSegments(_ path: String, original: String) throws(Problem) {
        var decoded = path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding, next != decoded else { break }
            decoded = next
        }
        if decoded.contains("\\") || decoded.contains("\0") { throw .climbsOut(original) }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: false)
        where segment == ".." || segment == "." {
            throw .climbsOut(original)
        }
    }
}
