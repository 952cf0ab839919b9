/// Automatic summaries: the first paragraph, cut at a word boundary near a length.
public enum Summary {
    public static let targetLength = 200

    public static func cut(_ text: String, near limit: Int = targetLength) -> String {
        let words = text.split(whereSeparator: \.isWhitespace)
        var result = ""
        // Counted as it grows: counting the whole text again for every word made long paragraphs quadratic.
        var length = 0
        for word in words {
            let added = (result.isEmpty ? 0 : 1) + word.count
            if length + added > limit {
                if result.isEmpty { return String(word.prefix(limit)) + "…" }
                return trimPunctuation(result) + "…"
            }
            if !result.isEmpty { result += " " }
            result += word
            length += added
        }
        return result
    }

    private static func trimPunctuation(_ text: String) -> String {
        var text = text
        while let last = text.last, ",;:-–—".contains(last) { text.removeLast() }
        return text
    }
}
