/// Automatic summaries: the first paragraph, cut at a word boundary near a length.
enum Summary {
    static let targetLength = 200

    static func cut(_ text: String, near limit: Int = targetLength) -> String {
        if let cut = cutByScalars(text, near: limit) { return cut }
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

    /// The same cut walking Unicode scalars instead of characters, which costs a fraction as much; only while
    /// every scalar met is a character of its own (NFC Vietnamese, Latin, common punctuation), else nil.
    private static func cutByScalars(_ text: String, near limit: Int) -> String? {
        let scalars = text.unicodeScalars
        var words: [(range: Range<String.Index>, length: Int)] = []
        var joinedLength = 0
        var wordStart: String.Index?
        var wordLength = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            guard isCharacterOfItsOwn(scalar) else { return nil }
            if isWhitespace(scalar) {
                if let start = wordStart {
                    words.append((start..<index, wordLength))
                    wordStart = nil
                    joinedLength += wordLength + 1
                    if joinedLength > limit + 1 { break }
                }
            } else {
                if wordStart == nil {
                    wordStart = index
                    wordLength = 0
                }
                wordLength += 1
            }
            index = scalars.index(after: index)
        }
        if let start = wordStart { words.append((start..<index, wordLength)) }
        var result = ""
        var length = 0
        for word in words {
            let added = (result.isEmpty ? 0 : 1) + word.length
            if length + added > limit {
                if result.isEmpty { return String(String.UnicodeScalarView(scalars[word.range].prefix(limit))) + "…" }
                return trimPunctuation(result) + "…"
            }
            if !result.isEmpty { result += " " }
            result += text[word.range]
            length += added
        }
        return result
    }

    /// Scalars that never join a neighbour into one character: below the combining marks (ASCII, Latin-1,
    /// Latin Extended A/B), precomposed Vietnamese letters, and dashes, quotes and ellipses.
    private static func isCharacterOfItsOwn(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x300, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: true
        default: false
        }
    }

    /// Unicode's White_Space among the scalars `isCharacterOfItsOwn` lets through, without a property lookup.
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: true
        default: false
        }
    }

    private static func trimPunctuation(_ text: String) -> String {
        var text = text
        while let last = text.last, ",;:-–—".contains(last) { text.removeLast() }
        return text
    }
}
