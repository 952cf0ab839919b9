import Foundation

/// Paths editors give for images, old URLs and slugs. They end up as links and as files in the output,
/// so anything that could climb out of the site (`..`, `%2e%2e`, backslashes, other schemes) is refused.
enum SitePath {
    enum Problem: Error, Equatable, CustomStringConvertible {
        case climbsOut(String)
        case unsupportedScheme(String)
        case notASitePath(String)
        case notASlug(String)
        case controlCharacter(String)
        case backslash(String)

        var description: String { message.description }

        var message: Message {
            switch self {
            case .climbsOut(let text): Message("path.climbsOut", ["text": "\(text)"])
            case .unsupportedScheme(let text): Message("path.unsupportedScheme", ["text": "\(text)"])
            case .notASitePath(let text): Message("path.notASitePath", ["text": "\(text)"])
            case .controlCharacter(let text): Message("path.controlCharacter", ["text": "\(text.debugDescription)"])
            case .backslash(let text): Message("path.backslash", ["text": "\(text)"])
            case .notASlug(let text): Message("path.notASlug", ["text": "\(text)"])
            }
        }
    }

    /// An image reference: an http(s) URL, or a path inside the site ("/images/a.jpg", "images/a.jpg").
    /// Returns the root-relative path ("/images/a.jpg") or the URL unchanged.
    static func image(_ text: String) throws(Problem) -> String {
        if isWebAddress(text) { return text }
        if text.contains(":") { throw .unsupportedScheme(text) }
        let path = text.hasPrefix("/") ? text : "/" + text
        try checkSegments(path, original: text)
        return path
    }

    /// A link of the menu or the link list (`site.yml`): an image's rule (an http(s) address or a path on
    /// the site), and `mailto:` and `tel:`, which open nothing but a mail or a call. Any other scheme
    /// (`javascript:`, `data:`, `file:`) is refused: it would run or open on every page that shows the link.
    static func link(_ text: String) throws(Problem) -> String {
        let lower = text.lowercased()
        if lower.hasPrefix("mailto:") || lower.hasPrefix("tel:") {
            if fullyDecoded(text).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                throw .controlCharacter(text)
            }
            return text
        }
        if isWebAddress(text),
           fullyDecoded(text).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .controlCharacter(text)
        }
        return try image(text)
    }

    /// An old URL of an article ("/tin-tuc/123.html", "/index.php?option=com_content&id=123", or the same
    /// with the old portal's origin). Returns the path with its query, without the origin.
    static func alias(_ text: String) throws(Problem) -> String {
        var path = text
        if isWebAddress(text) {
            guard let components = URLComponents(string: text) else { throw .notASitePath(text) }
            path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            if let query = components.percentEncodedQuery { path += "?" + query }
        } else if text.contains("://") || text.hasPrefix("javascript:") || text.hasPrefix("data:") {
            throw .unsupportedScheme(text)
        }
        // "\tin\1.html" is an address typed with Windows' separator: said so, before "must start with /".
        if fullyDecoded(String(path.prefix { $0 != "?" })).contains("\\") { throw .backslash(text) }
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { throw .notASitePath(text) }
        try checkSegments(path, original: text)
        return path
    }

    /// A `slug:` as typed. Words and accents are fine ("Dân vận khéo" gives dan-van-kheo), but a path is
    /// refused rather than flattened: "../../etc" or a pasted "/tin/x/" must not quietly become another page.
    static func slug(_ text: String) throws(Problem) -> String {
        let decoded = fullyDecoded(text)
        // Without a separator, dots are harmless: they fold away like any punctuation.
        if decoded.contains("/") || decoded.contains("\\") { throw .notASlug(text) }
        return text
    }

    static func isWebAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// Refuses "..", "." and backslashes in the path, also when percent-encoded (even twice), and control
    /// characters anywhere: a line break would split a rule in `_redirects` and end up in a file name.
    private static func checkSegments(_ path: String, original: String) throws(Problem) {
        if fullyDecoded(path).unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw .controlCharacter(original)
        }
        let decoded = fullyDecoded(path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? path)
        // Said as what it is: a Windows habit, not an attempt to climb out with "..".
        if decoded.contains("\\") { throw .backslash(original) }
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: false)
        where segment == ".." || segment == "." {
            throw .climbsOut(original)
        }
    }

    /// Percent-decoded until nothing changes (at most three times: "%252e" is "%2e" is ".").
    private static func fullyDecoded(_ text: String) -> String {
        var decoded = text
        for _ in 0..<3 {
            guard let next = decoded.removingPercentEncoding, next != decoded else { break }
            decoded = next
        }
        return decoded
    }
}
