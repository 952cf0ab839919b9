import Foundation

/// Every picture needs a text alternative. A Markdown image written without a description
/// (`![](/images/x.jpg)`) gets its title (`![](/images/x.jpg "Hội nghị")`) or else the article's title.
enum ImageAlt {
    // cmark-gfm always writes `<img src="…" alt="…"` then an optional ` title="…"`, already escaped.
    private static let emptyAlt = try! NSRegularExpression(pattern: #"(<img src="[^"]*") alt=""((?: title="([^"]*)")?)"#)

    static func fill(_ html: String, fallback: String) -> String {
        guard hasEmptyAlt(html) else { return html }
        var result = ""
        var last = html.startIndex
        for match in emptyAlt.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            guard let whole = Range(match.range, in: html), let head = Range(match.range(at: 1), in: html),
                  let tail = Range(match.range(at: 2), in: html) else { continue }
            let alt = Range(match.range(at: 3), in: html).map { String(html[$0]) } ?? htmlEscape(fallback)
            result += html[last..<whole.lowerBound] + html[head] + " alt=\"" + alt + "\"" + html[tail]
            last = whole.upperBound
        }
        return result + html[last...]
    }

    /// A byte search for `alt=""`: Foundation's `contains`, run on every body, cost more than the Markdown.
    static func hasEmptyAlt(_ html: String) -> Bool {
        var html = html
        return html.withUTF8 { bytes in
            let pattern: [UInt8] = Array(#"alt="""#.utf8)
            guard bytes.count >= pattern.count else { return false }
            var index = 0
            while index <= bytes.count - pattern.count {
                if bytes[index] == pattern[0], bytes[index + 4] == pattern[4], bytes[index + 5] == pattern[5],
                   bytes[index + 1] == pattern[1], bytes[index + 2] == pattern[2], bytes[index + 3] == pattern[3] {
                    return true
                }
                index += 1
            }
            return false
        }
    }

    static func htmlEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
