/// Automatic summaries: the first paragraph, cut at a word boundary near a length.
public enum Summary {
    public static let targetLength = 200

    public static func cut(_ text: String, near limit: Int = targetLength) -> String {
        // Words past the limit are never looked at: a first paragraph can be thousands of characters long.
        var words: [Substring] = []
        var joinedLength = 0
        var wordStart: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                if let start = wordStart {
                    words.append(text[start..<index])
                    wordStart = nil
                    joinedLength += words.last!.count + 1
                    if joinedLength > limit + 1 { break }
                }
            } else if wordStart == nil {
                wordStart = index
            }
            index = text.index(after: index)
        }
        if let start = wordStart { words.append(text[start..<index]) }
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
