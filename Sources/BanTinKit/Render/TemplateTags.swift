/// The tags of a template's text as the designer wrote them, with how deep in sections each sits: enough for
/// `TemplateSet` to tell which partials see nothing but the page's values (so can be rendered once per distinct
/// value) and whether pasting a rendered partial as one piece keeps its lines' indentation. Not a parser of its
/// own: swift-mustache parses and renders; this only reads tag names, and answers nil where it cannot be sure.
struct TemplateTags {
    struct Tag {
        /// `#`, `^`, `/`, `>`, `<`, `$`, `&`, `{`, or nil for a plain `{{name}}`.
        var sigil: Character?
        var name: String
        /// How many sections (`{{#…}}`, `{{^…}}`) enclose it: each may put a value on the engine's stack.
        var depth: Int
        /// Whitespace before it starts its line: a partial or block there is indented line by line.
        var indented: Bool
    }

    let tags: [Tag]

    /// Nil when the text changes its delimiters (`{{=…=}}`), leaves a tag open, or closes more sections than it opens.
    init?(_ text: String) {
        var tags: [Tag] = []
        var open: [Bool] = []  // per open tag: whether it is a section
        var rest = Substring(text)
        while let start = rest.range(of: "{{") {
            let before = Self.lastLine(of: text, before: start.lowerBound)
            let indented = !before.isEmpty && before.allSatisfy { $0 == " " || $0 == "\t" }
            var body = rest[start.upperBound...]
            let closing = body.first == "{" ? "}}}" : "}}"
            guard let end = body.range(of: closing) else { return nil }
            rest = body[end.upperBound...]
            body = body[..<end.lowerBound].drop { $0 == " " }
            guard let first = body.first else { continue }
            let sigil: Character? = "#^/><$&{=!%".contains(first) ? first : nil
            if sigil == "=" { return nil }
            if sigil == "!" || sigil == "%" { continue }
            let name = String((sigil == nil ? body : body.dropFirst()).trimmingCharacters(in: .whitespaces))
            let depth = open.count { $0 }
            switch sigil {
            case "#", "^": open.append(true)
            case "<", "$": open.append(false)
            case "/":
                guard !open.isEmpty else { return nil }
                open.removeLast()
            default: break
            }
            tags.append(Tag(sigil: sigil, name: name, depth: sigil == "/" ? open.count { $0 } : depth, indented: indented))
        }
        guard open.isEmpty else { return nil }
        self.tags = tags
    }

    /// The text of the line a tag at `index` is on, before it (the first line has no newline before it).
    private static func lastLine(of text: String, before index: Substring.Index) -> Substring {
        let prefix = text[..<index]
        return prefix.lastIndex(of: "\n").map { prefix[prefix.index(after: $0)...] } ?? prefix
    }

    /// The names a value tag or section looks up first on the engine's stack: `article.title` → `article`,
    /// `first(items)` → `items`; nil for `.`, a name relative to the top of the stack (`.title`), or a
    /// sequence's own transform (`first()`).
    static func rootName(_ name: String) -> String? {
        var inner = Substring(name)
        while let open = inner.firstIndex(of: "("), let close = inner.lastIndex(of: ")"), open < close {
            inner = inner[inner.index(after: open)..<close]
        }
        guard let first = inner.first, first != "." else { return nil }
        return String(inner.prefix { $0 != "." })
    }

    /// Whether a tag reads a value (a variable or a section), as opposed to a partial, block or closing tag.
    static func readsValue(_ tag: Tag) -> Bool {
        switch tag.sigil {
        case nil, "&", "{", "#", "^": true
        default: false
        }
    }
}
