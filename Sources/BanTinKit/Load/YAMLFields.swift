import Yams

/// Typed, located access to a YAML mapping. Every problem becomes a `Diagnostic` with file and line,
/// collected rather than thrown so an editor sees all of a file's mistakes at once.
struct YAMLFields {
    let file: String
    /// Added to Yams' 1-based lines: the YAML's first line is this line of the file, minus one.
    let lineOffset: Int
    let entries: [(key: String, keyLine: Int?, value: Node)]
    /// Each key's first entry, for mappings long enough that a search per key would make reading them
    /// quadratic (a front matter of 20,000 keys took 10 s, 40,000 took 42 s); short ones are searched.
    let positions: [String: Int]?
    let mappingLine: Int?
    private(set) var diagnostics: [Diagnostic] = []

    /// Yams' default constructor, made once: `Constructor.default` builds its tables anew on every call, and
    /// `Parser.Encoding.default` reads the whole environment (together a fifth of parsing a front matter).
    /// Its tables are only read.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses `yaml` (which starts at `firstLine` of `file`). A YAML error yields nil and one diagnostic.
    static func parse(_ yaml: String, file: String, firstLine: Int = 1) -> (YAMLFields?, [Diagnostic]) {
        let offset = firstLine - 1
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml, .default, Self.constructor, .utf8)
        } catch let error as YamlError {
            return (nil, [describe(error, file: file, lineOffset: offset)])
        } catch {
            return (nil, [.error(file, line: firstLine, Message("yaml.unreadable", ["reason": "\(error)"]))])
        }
        guard let node else {
            return (YAMLFields(file: file, lineOffset: offset, entries: [], mappingLine: firstLine), [])
        }
        guard let fields = YAMLFields(node: node, file: file, lineOffset: offset) else {
            return (nil, [.error(file, line: node.mark.map { $0.line + offset } ?? firstLine,
                                 Message("yaml.notMapping", ["found": .message(kind(of: node))]))])
        }
        return (fields, [])
    }

    init?(node: Node, file: String, lineOffset: Int) {
        guard let mapping = node.mapping else { return nil }
        var oddlySpaced: [Diagnostic] = []
        self.init(
            file: file, lineOffset: lineOffset,
            entries: mapping.map { (key: $0.key.string ?? "\($0.key.any)", keyLine: $0.key.mark?.line, value: $0.value) }
                .map { entry in
                    let line = entry.keyLine.map { $0 + lineOffset }
                    // "category\u{A0}: …" (a space from Word before the colon) reads as the key it was meant to be.
                    guard entry.key.unicodeScalars.contains(where: YAMLMistakes.isOddSpace) else { return (key: entry.key, keyLine: line, value: entry.value) }
                    let key = String(String.UnicodeScalarView(entry.key.unicodeScalars.filter { !YAMLMistakes.isOddSpace($0) }))
                        .trimmingCharacters(in: .whitespaces)
                    oddlySpaced.append(.warning(file, line: line, Message("yaml.oddSpaceInKey", ["key": "\(key)"])))
                    return (key: key, keyLine: line, value: entry.value)
                },
            mappingLine: node.mark.map { $0.line + lineOffset })
        diagnostics = oddlySpaced
    }

    private init(file: String, lineOffset: Int, entries: [(key: String, keyLine: Int?, value: Node)], mappingLine: Int?) {
        self.file = file
        self.lineOffset = lineOffset
        self.entries = entries
        self.mappingLine = mappingLine
        if entries.count > 16 {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(entries.count)
            for (index, entry) in entries.enumerated() where positions[entry.key] == nil { positions[entry.key] = index }
            self.positions = positions
        } else {
            positions = nil
        }
    }

    private func entry(_ key: String) -> (key: String, keyLine: Int?, value: Node)? {
        if let positions { return positions[key].map { entries[$0] } }
        return entries.first { $0.key == key }
    }

    var keys: [String] { entries.map(\.key) }

    func has(_ key: String) -> Bool { entry(key) != nil }

    func line(of key: String) -> Int? { entry(key)?.keyLine ?? mappingLine }

    func line(of node: Node) -> Int? { node.mark.map { $0.line + lineOffset } }

    func node(_ key: String) -> Node? {
        guard let value = entry(key)?.value else { return nil }
        if case .scalar(let scalar) = value, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return value
    }

    // MARK: typed values

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let value = node(key) else {
            if required { reportMissing(key) }
            return nil
        }
        guard case .scalar(let scalar) = value else {
            error(key, Message("field.notText", ["key": "\(key)", "found": .message(Self.kind(of: value))]))
            return nil
        }
        let text = neutral(key, scalar.string, line: line(of: key)).trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, required { error(key, Message("field.empty", ["key": "\(key)"])) }
        return text.isEmpty ? nil : text
    }

    /// Text as every later stage may show it: in NFC (site.yml typed with combining accents reads as the articles
    /// do), without direction controls, which would reverse the page's text around it (taken out, with a warning).
    mutating func neutral(_ key: String, _ text: String, line: Int?) -> String {
        let composed = Composed.nfc(text)
        guard BidiControls.occur(in: composed) else { return composed }
        let found = Set(composed.unicodeScalars.filter(BidiControls.contains))
            .map { "U+" + String($0.value, radix: 16, uppercase: true) }.sorted()
        diagnostics.append(.warning(file, line: line, Message("field.bidiControls",
                                                              ["key": "\(key)", "count": .count(found.count), "found": .list(found)])))
        return BidiControls.removed(from: composed)
    }

    /// A list of texts; a single text is accepted as a comma-separated list ("tags: a, b").
    mutating func strings(_ key: String) -> [String] {
        guard let value = node(key) else { return [] }
        switch value {
        case .scalar(let scalar):
            return neutral(key, scalar.string, line: line(of: key)).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        case .sequence(let sequence):
            var result: [String] = []
            for item in sequence {
                if case .scalar(let scalar) = item {
                    let text = neutral(key, scalar.string, line: line(of: item) ?? line(of: key)).trimmingCharacters(in: .whitespaces)
                    if !text.isEmpty { result.append(text) }
                } else if case .mapping(let pair) = item, pair.count == 1, let entry = pair.first,
                          let left = entry.key.string, let right = entry.value.string {
                    // "- Hội nghị: tổng kết": a colon in the entry made it a "key: value" pair.
                    let text = left + ": " + right
                    diagnostics.append(.error(file, line: line(of: item) ?? line(of: key), Message("yaml.colonInEntry", [
                        "key": "\(key)", "example": "- \(YAMLMistakes.quoted(text))"])))
                } else {
                    diagnostics.append(.error(file, line: line(of: item) ?? line(of: key),
                                              Message("field.entryNotText", ["key": "\(key)", "found": .message(Self.kind(of: item))])))
                }
            }
            return result
        case .mapping, .alias:
            error(key, Message("field.notList", ["key": "\(key)", "found": .message(Self.kind(of: value))]))
            return []
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        if let flag = value.bool { return flag }
        error(key, Message("field.notBool", ["key": "\(key)", "found": Self.found(value)]))
        return nil
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let value = node(key) else { return nil }
        guard let number = value.int, range.contains(number) else {
            error(key, Message("field.notIntInRange", ["key": "\(key)", "lowest": .count(range.lowerBound), "highest": .count(range.upperBound), "found": Self.found(value)]))
            return nil
        }
        return number
    }

    mutating func double(_ key: String) -> Double? {
        guard let value = node(key) else { return nil }
        guard let number = value.float ?? value.int.map(Double.init) else {
            error(key, Message("field.notNumber", ["key": "\(key)", "found": Self.found(value)]))
            return nil
        }
        return number
    }

    mutating func mapping(_ key: String) -> YAMLFields? {
        guard let value = node(key) else { return nil }
        guard let fields = YAMLFields(node: value, file: file, lineOffset: lineOffset) else {
            error(key, Message("field.notMapping", ["key": "\(key)", "found": .message(Self.kind(of: value))]))
            return nil
        }
        return fields
    }

    /// A list of mappings (e.g. categories); entries that are not mappings are reported.
    mutating func mappings(_ key: String) -> [YAMLFields] {
        guard let value = node(key) else { return [] }
        guard case .sequence(let sequence) = value else {
            error(key, Message("field.notListOfEntries", ["key": "\(key)", "found": .message(Self.kind(of: value))]))
            return []
        }
        return sequence.compactMap { item in
            if let fields = YAMLFields(node: item, file: file, lineOffset: lineOffset) { return fields }
            diagnostics.append(.error(file, line: line(of: item) ?? line(of: key),
                                      Message("field.entryNotMapping", ["key": "\(key)"])))
            return nil
        }
    }

    // MARK: diagnostics

    /// A required key is absent: point at a misspelt twin when there is one ("categroy" for "category").
    mutating func reportMissing(_ key: String) {
        if let typo = entries.first(where: { $0.key != key && NearestWord.find($0.key, in: [key]) != nil }) {
            diagnostics.append(.error(file, line: typo.keyLine ?? mappingLine,
                                      Message("field.requiredTypo", ["key": "\(key)", "typo": "\(typo.key)"])))
        } else {
            diagnostics.append(.error(file, line: mappingLine, Message("field.required", ["key": "\(key)"])))
        }
    }

    mutating func warning(_ key: String, _ message: Message) {
        diagnostics.append(.warning(file, line: line(of: key), message))
    }

    mutating func error(_ key: String, _ message: Message) {
        diagnostics.append(.error(file, line: line(of: key), message))
    }

    /// Warns about keys outside `known`, suggesting the nearest known one ("categroy" → "category").
    /// `context` names the place: "front matter" or a section of site.yml (`counter`, `related`…), as written.
    mutating func warnAboutUnknownKeys(known: [String], context: String = "front matter") {
        for entry in entries where !known.contains(entry.key) {
            let place = switch context {
            case "front matter": Message("place.frontMatter")
            case "site.yml": Message("place.siteYML")
            default: Message("place.section", ["name": "\(context)"])
            }
            let message: Message
            if let suggestion = NearestWord.find(entry.key, in: known) {
                message = Message("key.unknownDidYouMean", ["key": "\(entry.key)", "place": .message(place), "suggestion": "\(suggestion)"])
            } else if known.isEmpty {
                message = Message("key.unknownNoSettings", ["key": "\(entry.key)", "place": .message(place)])
            } else {
                message = Message("key.unknown", ["key": "\(entry.key)", "place": .message(place), "known": .list(known)])
            }
            diagnostics.append(.warning(file, line: entry.keyLine ?? mappingLine, message))
        }
    }

    /// Takes a nested reader's diagnostics into this one.
    mutating func absorb(_ nested: inout YAMLFields) {
        diagnostics.append(contentsOf: nested.takeDiagnostics())
    }

    /// Moves the collected diagnostics out (so nested readers can hand theirs to the parent).
    mutating func takeDiagnostics() -> [Diagnostic] {
        defer { diagnostics = [] }
        return diagnostics
    }

    static func kind(of node: Node) -> Message {
        switch node {
        case .scalar(let scalar): Message("kind.value", ["value": "\(scalar.string)"])
        case .mapping: Message("kind.mapping")
        case .sequence: Message("kind.list")
        case .alias: Message("kind.alias")
        }
    }

    /// What was found instead, for "found "…"": the value itself when it is one, else what kind of thing it is.
    static func found(_ node: Node) -> Message.Argument {
        node.string.map { .text($0) } ?? .message(kind(of: node))
    }

    /// The next line below `first` (1-based) where `key` starts at the same column, as a mapping key.
    static func repeatedKeyLine(_ key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        let indent = max(0, first.column - 1)
        for index in min(max(0, first.line), lines.count)..<lines.count {
            let line = lines[index]
            guard line.prefix(indent).allSatisfy({ $0 == " " || $0 == "-" }) else { continue }
            var rest = line.dropFirst(indent)
            for spelling in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(spelling) {
                rest = rest.dropFirst(spelling.count).drop { $0 == " " }
                if rest.hasPrefix(":") { return index + 1 }
            }
        }
        return nil
    }

    static func describe(_ error: YamlError, file: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, let yaml),
             .parser(let context, let problem, let mark, let yaml),
             .composer(let context, let problem, let mark, let yaml):
            if let known = YAMLMistakes.explain(problem: problem, problemLine: mark.line, context: context?.text,
                                                 contextLine: context?.mark.line,
                                                 yaml: yaml, lineOffset: lineOffset) {
                return .error(file, line: known.line, known.message)
            }
            // Yams' own words (`problem`, `context`) have no translation: they are quoted after bantin's.
            var arguments: [String: Message.Argument] = ["problem": "\(problem)"]
            arguments["context"] = .message(context.map { Message("yaml.context", ["text": "\($0.text)", "line": .count($0.mark.line + lineOffset)]) }
                                                ?? .verbatim(""))
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let tab = lines.indices.contains(mark.line - 1) && lines[mark.line - 1].contains("\t")
            arguments["tab"] = .message(tab ? Message("yaml.tab") : .verbatim(""))
            return .error(file, line: mark.line + lineOffset, Message("yaml.error", arguments))
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first occurrence; the editor's mistake is usually the later one, so point there.
            let first = context.mark.line
            let repeated = duplicates.first.flatMap { repeatedKeyLine($0, after: context.mark, in: context.text) } ?? first
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            let earlier = repeated == first ? Message.verbatim("") : Message("yaml.firstOnLine", ["line": .count(first + lineOffset)])
            return .error(file, line: repeated + lineOffset, Message("yaml.duplicateKey", ["keys": "\(names)", "earlier": .message(earlier)]))
        case .reader(let problem, _, _, _):
            return .error(file, line: lineOffset + 1, Message("yaml.error", ["problem": "\(problem)", "context": .message(.verbatim("")), "tab": .message(.verbatim(""))]))
        default:
            return .error(file, line: lineOffset + 1, Message("yaml.error", ["problem": "\(error)", "context": .message(.verbatim("")), "tab": .message(.verbatim(""))]))
        }
    }
}
