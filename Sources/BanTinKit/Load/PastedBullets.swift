/// Lists pasted from Word arrive as lines starting with a bullet character and a tab ("•⇥Nội dung"), which
/// Markdown does not read as a list: the lines ran into one paragraph. They are read as the Markdown list they
/// were meant to be ("- Nội dung"), with a warning saying how to write one.
enum PastedBullets {
    /// Bullets Word and web pages paste: •, ◦, ▪, ■, ●, ○, ➢, and the Symbol font's  and  (private use).
    static let bullets: Set<Unicode.Scalar> = ["\u{2022}", "\u{25E6}", "\u{25AA}", "\u{25A0}", "\u{25CF}", "\u{25CB}",
                                               "\u{27A2}", "\u{F0B7}", "\u{F0A7}"]

    /// Whether a body may hold one of `bullets`, from its UTF-8 bytes: • (E2 80 A2), the geometric shapes (E2 96 …,
    /// E2 97 …), ➢ (E2 9E A2) and the Symbol font's (EF 82 …). Decoding and hashing every letter of every body
    /// instead had grown the model stage's processor time by half at 10,000 articles.
    static func mayHoldBullets(_ body: String) -> Bool {
        var body = body
        return body.withUTF8 { bytes in
            var index = 0
            while index + 2 < bytes.count {
                switch (bytes[index], bytes[index + 1]) {
                case (0xE2, 0x96), (0xE2, 0x97), (0xEF, 0x82): return true
                case (0xE2, 0x80), (0xE2, 0x9E): if bytes[index + 2] == 0xA2 { return true }
                default: break
                }
                index += 1
            }
            return false
        }
    }

    /// `body` with each pasted bullet line as a Markdown item, and the warning (nil when there were none).
    static func read(_ body: String, firstLine: Int, file: String) -> (body: String, warning: Diagnostic?) {
        guard mayHoldBullets(body), body.unicodeScalars.contains(where: bullets.contains) else { return (body, nil) }
        var lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var found: [(line: Int, bullet: Unicode.Scalar)] = []
        for index in lines.indices {
            let line = lines[index]
            let text = line.drop { $0 == " " || $0 == "\t" }
            guard let bullet = text.unicodeScalars.first, bullets.contains(bullet) else { continue }
            let rest = text.unicodeScalars.dropFirst()
            guard let after = rest.first, after == " " || after == "\t" || YAMLMistakes.isOddSpace(after) else { continue }
            let words = String(String.UnicodeScalarView(rest.drop { $0 == " " || $0 == "\t" || YAMLMistakes.isOddSpace($0) }))
            lines[index] = "- " + words
            found.append((firstLine + index, bullet))
        }
        guard let first = found.first else { return (body, nil) }
        let more = found.count > 1 ? Message("bullets.more", ["count": .count(found.count - 1)]) : .verbatim("")
        return (lines.joined(separator: "\n"),
                .warning(file, line: first.line, Message("bullets.pasted", ["bullet": "\(Character(first.bullet))", "more": .message(more)])))
    }
}
