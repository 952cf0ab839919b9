/// Which requests are page views, apart from the question of which page (that is `CounterPages`):
/// a GET answered 200 or 304, from a client that is not a known crawler.
public struct PageViewRules: Sendable {
    /// Matched anywhere in the user agent, ignoring case. "bot", "spider" and "crawl" already cover
    /// Googlebot, bingbot, YandexBot, Baiduspider and most others; the rest are named.
    static let standardBots = ["bot", "spider", "crawl", "googlebot", "bingbot", "yandexbot", "baiduspider",
                                      "facebookexternalhit", "curl", "python-requests"]

    /// Lower-case ASCII patterns.
    let botPatterns: [[UInt8]]

    /// `extraBots`: the site's own additions (`counter.bots`), e.g. a monitoring service.
    public init(extraBots: [String] = []) {
        var patterns: [[UInt8]] = []
        for pattern in Self.standardBots + extraBots {
            let bytes = Array(pattern.lowercased().utf8)
            if !bytes.isEmpty, !patterns.contains(bytes) { patterns.append(bytes) }
        }
        botPatterns = patterns
    }

    static func isViewMethod(_ method: UnsafeBufferPointer<UInt8>) -> Bool {
        method.count == 3 && method[0] == UInt8(ascii: "G") && method[1] == UInt8(ascii: "E") && method[2] == UInt8(ascii: "T")
    }

    /// 304: the browser had the page cached and the server confirmed it; the reader still saw the page.
    static func isViewStatus(_ status: Int) -> Bool { status == 200 || status == 304 }

    public func isBot(_ userAgent: UnsafeBufferPointer<UInt8>) -> Bool {
        for pattern in botPatterns where Self.contains(userAgent, pattern) { return true }
        return false
    }

    public func isBot(_ userAgent: String) -> Bool {
        var text = userAgent
        return text.withUTF8 { isBot($0) }
    }

    /// ASCII case-insensitive substring search; `pattern` is lower case.
    static func contains(_ text: UnsafeBufferPointer<UInt8>, _ pattern: [UInt8]) -> Bool {
        guard pattern.count <= text.count else { return false }
        let first = pattern[0]
        var index = 0
        let last = text.count - pattern.count
        while index <= last {
            if lower(text[index]) == first {
                var matched = 1
                while matched < pattern.count, lower(text[index + matched]) == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            index += 1
        }
        return false
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte + 32 : byte
    }
}
