/// Automatic summaries: the first paragraph, cut at a word boundary near a length.
public enum Summary {
    public static let targetLength = 200

    public static func cut(_ text: String, near limit: Int = targetLength) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var result = ""
        for word in words {
            let next = result.isEmpty ? String(word) : result + " " + word
            if next.count > limit {
                if result.isEmpty { return String(word.prefix(limit)) + "…" }
                return trimPunctuation(result) + "…"
            }
            result = next
        }
        return result
    }

    private static func trimPunctuation(_ text: String) -> String {
        var text = text
        while let last = text.last, ",;:-–—".contains(last) { text.removeLast() }
        return text
    }
}
