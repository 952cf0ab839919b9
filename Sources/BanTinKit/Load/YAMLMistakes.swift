/// The YAML mistakes editors really make, recognised from where libyaml stopped and the text of the lines
/// around it, and told in the editors' words at the line to fix. libyaml's own sentence (English, and often
/// pointing at the line after the mistake) goes in brackets after, for the operator.
enum YAMLMistakes {
    /// Spaces that look like a space but are not one to YAML: the non-breaking space Word and web pages put
    /// after a colon, the thin and ideographic spaces, the zero-width space, a byte-order mark inside the text.
    static func isOddSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00A0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    enum OddSpacePlace { case afterColon, elsewhere }

    /// Where a line has an odd space that YAML reads: in the indent, around a list's "-", or around the colon
    /// after a key. One inside a value is only text (and a title may well have one), so it is not reported.
    static func oddSpace(in line: Substring) -> OddSpacePlace? {
        let scalars = Array(line.unicodeScalars)
        var index = 0
        var odd = false
        func spaces() {
            while index < scalars.count, scalars[index] == " " || isOddSpace(scalars[index]) {
                if isOddSpace(scalars[index]) { odd = true }
                index += 1
            }
        }
        spaces()
        if index < scalars.count, scalars[index] == "-" { index += 1; spaces() }
        while index < scalars.count, scalars[index] == "_" || scalars[index] == "-" || scalars[index].properties.isAlphabetic
                || ("0"..."9").contains(scalars[index]) { index += 1 }
        spaces()
        if odd { return .elsewhere }
        guard index < scalars.count, scalars[index] == ":" else { return nil }
        index += 1
        spaces()
        return odd ? .afterColon : nil
    }

    /// A line as `indent`, optional `- `, `key`, then what follows the colon (nil when it is no "key: value" line).
    struct KeyLine {
        var indent: Int
        var key: String
        var value: Substring
    }

    static func keyLine(_ line: Substring) -> KeyLine? {
        var rest = line.drop { $0 == " " }
        let indent = line.count - rest.count
        if rest.hasPrefix("- ") { rest = rest.dropFirst(2).drop { $0 == " " } }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let key = rest[..<colon]
        guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else { return nil }
        return KeyLine(indent: indent, key: String(key), value: rest[rest.index(after: colon)...])
    }

    /// A recognised mistake: the line to fix and what to say, or nil to fall back to libyaml's words.
    /// `problemLine` and `contextLine` are 1-based lines of `yaml`, as libyaml marks them.
    static func explain(problem: String, problemLine: Int, context: String? = nil, contextLine: Int?, yaml: String,
                        lineOffset: Int) -> (line: Int, message: Message)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        func text(_ line: Int) -> Substring? { lines.indices.contains(line - 1) ? lines[line - 1] : nil }
        let original = Message("yaml.original", ["problem": "\(problem)"])
        func found(_ line: Int, _ key: String, _ arguments: [String: Message.Argument]) -> (line: Int, message: Message) {
            var arguments = arguments
            arguments["original"] = .message(original)
            arguments["line"] = .count(line + lineOffset)
            return (line + lineOffset, Message(key, arguments))
        }

        // A space pasted from Word: on the line libyaml started reading (the key), then the one it stopped at.
        for line in [contextLine, problemLine, problemLine - 1].compactMap({ $0 }) where line >= 1 {
            guard let content = text(line), let place = oddSpace(in: content) else { continue }
            return found(line, place == .afterColon ? "yaml.oddSpaceAfterColon" : "yaml.oddSpace", [:])
        }

        // A quote or a bracket opened and never closed: libyaml reads on to the end and blames the last line.
        if let context, let line = contextLine, let content = text(line) {
            if context.contains("quoted scalar"), let quote = content.first(where: { $0 == "\"" || $0 == "'" }) {
                return found(line, "yaml.unclosedQuote", ["quote": "\(quote)"])
            }
            if context.contains("flow sequence") || context.contains("flow mapping") {
                let (open, close) = context.contains("sequence") ? ("[", "]") : ("{", "}")
                return found(line, "yaml.unclosedBracket", ["open": "\(open)", "close": "\(close)"])
            }
        }

        // "category:Tin tức" or "category Tin tức": the key line libyaml was reading, not the next one it blames.
        if problem.contains("could not find expected ':'"), let line = contextLine, let content = text(line) {
            if let parsed = keyLine(content), let first = parsed.value.first, first != " " {
                return found(line, "yaml.noSpaceAfterColon", ["key": "\(parsed.key)",
                                                                "example": "\(parsed.key): \(parsed.value)"])
            }
            if !content.contains(":") { return found(line, "yaml.noColon", [:]) }
        }

        guard let content = text(problemLine), let parsed = keyLine(content) else { return nil }
        let value = parsed.value.trimmingCharacters(in: .whitespaces)
        let what: Message = parsed.key == "title" ? Message("yaml.what.title") : Message("yaml.what.key", ["key": "\(parsed.key)"])

        // "title: Hội nghị: tổng kết": a second colon in the value.
        if problem.contains("mapping values are not allowed") {
            if value.contains(": ") || value.hasSuffix(":") {
                return found(problemLine, "yaml.colonInValue", ["what": .message(what),
                                                                "example": "\(parsed.key): \(quoted(value))"])
            }
            if parsed.indent > 0, let above = (1..<problemLine).reversed().lazy.compactMap({ text($0) })
                .first(where: { !$0.allSatisfy { $0 == " " } }), let previous = keyLine(above), previous.indent < parsed.indent,
               !previous.value.allSatisfy({ $0 == " " }) {
                return found(problemLine, "yaml.indented", ["key": "\(parsed.key)"])
            }
        }

        // A value starting with a character YAML reads as its own: a quoted phrase followed by more words,
        // "- ", "[", "@", "*"…
        if let first = value.first, "\"'-[{@%*&!|>`".contains(first) {
            let isQuote = first == "\"" || first == "'"
            return found(problemLine, isQuote ? "yaml.startsWithQuote" : "yaml.startsWithSign",
                         ["what": .message(what), "sign": "\(first)", "example": "\(parsed.key): \(quoted(value))"])
        }
        return nil
    }

    /// `value` as YAML text of one line that reads back as `value`: in single quotes (doubled inside), or in
    /// double quotes when it has single ones and no double ones. A value wholly in double quotes with more
    /// inside ("Hội nghị "Dân vận khéo" năm 2024") loses the outer pair: they were meant as quoting.
    static func quoted(_ value: String) -> String {
        var value = value
        if value.count > 2, value.hasPrefix("\""), value.hasSuffix("\""), value.dropFirst().dropLast().contains("\"") {
            value = String(value.dropFirst().dropLast())
        }
        if value.contains("'"), !value.contains("\""), !value.contains("\\") { return "\"" + value + "\"" }
        return "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
