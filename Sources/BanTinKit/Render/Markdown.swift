import CCmarkGFM
import Foundation

/// CommonMark + GitHub extensions through the cmark-gfm C library.
public struct Markdown: Sendable {
    /// Raw HTML passes through only when the site trusts its editors (`markdown.unsafe: true`).
    public var allowsRawHTML: Bool

    public struct Output: Sendable, Equatable {
        public var html: String
        /// The first paragraph as plain text (for automatic summaries).
        var firstParagraph: String
        /// All text of the document without markup (for similarity and search).
        var plainText: String
    }

    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    public init(allowsRawHTML: Bool = false) {
        self.allowsRawHTML = allowsRawHTML
        Self.registerExtensions
    }

    private static let inlineLock = NSLock()

    /// Registration mutates a global list in the C library: do it once, before any parallel use.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    public func render(_ markdown: String) -> Output {
        parsed(markdown) { parser, document, options in
            let extensions = cmark_parser_get_syntax_extensions(parser)
            let html = take(cmark_render_html(document, options, extensions))
            let plain = take(cmark_render_plaintext(document, CMARK_OPT_DEFAULT, 0))
            return Output(html: html, firstParagraph: firstParagraphText(document), plainText: plain)
        } ?? Output(html: "", firstParagraph: "", plainText: "")
    }

    /// A link or image destination as written, with its line (1 is the first line of the Markdown text).
    struct Reference: Sendable, Equatable {
        var destination: String
        var line: Int
        var isImage: Bool
        /// False for an image written without a description (`![](/images/a.jpg)`).
        var hasText = true
    }

    /// Every link and image of the text, bare URLs included, for `bantin check`.
    func references(in markdown: String) -> [Reference] {
        parsed(markdown) { _, document, _ in
            var found: [Reference] = []
            guard let iterator = cmark_iter_new(document) else { return found }
            defer { cmark_iter_free(iterator) }
            var blockLine: Int32 = 1
            while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
                guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
                let type = cmark_node_get_type(node)
                let line = cmark_node_get_start_line(node)
                if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING || type == CMARK_NODE_ITEM { blockLine = line }
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node) else { continue }
                // Inline nodes know their line within the block; fall back to the block's when they do not.
                found.append(Reference(destination: String(cString: url), line: Int(line > 0 ? line : blockLine),
                                       isImage: type == CMARK_NODE_IMAGE, hasText: cmark_node_first_child(node) != nil))
            }
            return found
        } ?? []
    }

    /// Parses with the site's options and extensions and hands the document to `body`.
    private func parsed<Result>(_ markdown: String,
                                _ body: (_ parser: OpaquePointer, _ document: OpaquePointer, _ options: Int32) -> Result) -> Result? {
        var options = CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        // `style="text-align: …"` instead of the `align` attribute HTML5 made obsolete (the Nu checker rejects it).
        options |= CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        options |= allowsRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return nil }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, strlen(pointer))
        }
        // Inline parsing switches the extensions' characters (`~`, `:`, `w`) on and off in a table shared by
        // every parser of the process, so two parsers finishing at once can miss strikethrough or autolinks.
        guard let document = Self.inlineLock.withLock({ cmark_parser_finish(parser) }) else { return nil }
        defer { cmark_node_free(document) }
        return body(parser, document, options)
    }

    private func firstParagraphText(_ document: OpaquePointer) -> String {
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                return Self.oneLine(take(cmark_render_plaintext(node, CMARK_OPT_DEFAULT, 0)))
            }
            child = cmark_node_next(node)
        }
        return ""
    }

    /// The lines of a paragraph joined by single spaces, without spaces at either end (on bytes: a first
    /// paragraph can be long, and this ran for every article).
    static func oneLine(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(UInt8(ascii: " ")); pendingSpace = false }
                bytes.append(byte)
            }
        }
        while bytes.first == UInt8(ascii: " ") || bytes.first == UInt8(ascii: "\t") { bytes.removeFirst() }
        while bytes.last == UInt8(ascii: " ") || bytes.last == UInt8(ascii: "\t") { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Copies a C string the library allocated, then frees it with the library's allocator.
    private func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

/// A linear scan of a body, before cmark-gfm parses it, for the few shapes on which cmark-gfm 0.29.0.gfm.6
/// (Debian's) takes time growing with the square (or cube) of their size, while it holds the lock every other
/// article's parse waits on: a 140 KB body of repeated `![[]()` took 14 s, one line of 35,000 `|` 15 s, a
/// word of 70,000 `a@` 2 s. Each limit bounds the work of one unit cmark parses on its own (a paragraph, a list
/// item, a table row), so the whole parse stays linear in the body's length; no ordinary article comes near
/// them (the largest in the sample and in a generated 10,000-article corpus: see MarkdownLimitTests).
/// Code blocks are counted too: telling them apart for sure would take cmark's own block parser (an HTML block
/// can hide a fence), and a count too high can only refuse a text, never let a slow one through.
enum MarkdownLimits {
    /// Brackets opened and not yet closed (`[`, `![`), in one paragraph.
    static let openBrackets = 128
    /// Runs of `*`, `_` or `~` (emphasis and strikethrough marks), in one paragraph.
    static let emphasisRuns = 2_000
    /// `|` in one line (table cells).
    static let pipesPerLine = 256
    /// `@` in one word (the autolink extension's e-mail search).
    static let atSignsPerWord = 32

    /// One problem per limit exceeded (at the line where it first is), in the body's lines counted from `firstLine`.
    static func problems(in body: String, firstLine: Int) -> [(line: Int, message: Message)] {
        var scan = Scan()
        var text = body
        text.withUTF8 { scan.run($0) }
        return scan.found.map { (firstLine + $0.line - 1, $0.message) }
    }

    private struct Scan {
        var found: [(line: Int, message: Message)] = []
        var reported: Set<Int> = []

        mutating func report(_ kind: Int, line: Int, _ message: Message) {
            if reported.insert(kind).inserted { found.append((line, message)) }
        }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) {
            var line = 1
            var index = 0
            var previousLineBlank = true
            var brackets = 0, emphasis = 0
            let count = bytes.count
            while index < count {
                // One line: [index, end).
                var end = index
                while end < count, bytes[end] != 0x0A { end += 1 }
                // Container prefixes (`>` and spaces) do not change what the line holds for these counts.
                var start = index
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x3E || bytes[start] == 0x09 { start += 1 }
                let blank = start == end
                do {
                    // A new unit of inline parsing: after a blank line, at a bullet item, a first numbered item or a
                    // heading, which end a paragraph wherever they are. Anything less certain (a table row, a
                    // nested item) counts on: a count too high can only refuse, never let a slow text through.
                    let spaces = start - (index + Self.quotePrefix(bytes, index, end))
                    if blank || previousLineBlank || (spaces <= 3 && Self.startsBlock(bytes, start, end)) {
                        brackets = 0
                        emphasis = 0
                    }
                    var pipes = 0, atSigns = 0
                    var position = start
                    var lastEmphasis: UInt8 = 0  // the mark of the run the last byte belongs to, 0 for none
                    while position < end {
                        let byte = bytes[position]
                        switch byte {
                        case 0x5C:  // backslash: the next character is literal
                            position += 1
                            lastEmphasis = 0
                        case 0x5B:
                            brackets += 1
                            if brackets > MarkdownLimits.openBrackets {
                                report(0, line: line, Message("markdown.brackets", ["limit": .count(MarkdownLimits.openBrackets)]))
                            }
                            lastEmphasis = 0
                        case 0x5D:
                            brackets = max(0, brackets - 1)
                            lastEmphasis = 0
                        case 0x2A, 0x5F, 0x7E:
                            if lastEmphasis != byte {
                                emphasis += 1
                                if emphasis > MarkdownLimits.emphasisRuns {
                                    report(1, line: line, Message("markdown.emphasis", ["limit": .count(MarkdownLimits.emphasisRuns)]))
                                }
                            }
                            lastEmphasis = byte
                            position += 1
                            continue
                        case 0x7C:
                            pipes += 1
                            if pipes > MarkdownLimits.pipesPerLine {
                                report(2, line: line, Message("markdown.pipes", ["limit": .count(MarkdownLimits.pipesPerLine)]))
                            }
                        case 0x40:
                            atSigns += 1
                            if atSigns > MarkdownLimits.atSignsPerWord {
                                report(3, line: line, Message("markdown.atSigns", ["limit": .count(MarkdownLimits.atSignsPerWord)]))
                            }
                        case 0x20, 0x09:
                            atSigns = 0
                        default:
                            break
                        }
                        lastEmphasis = 0
                        position += 1
                    }
                }
                previousLineBlank = blank
                line += 1
                index = end + 1
            }
        }

        /// The length of the line's blockquote markers ("> > "), up to the spaces after the last.
        static func quotePrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
            var last = start
            for position in start..<end {
                switch bytes[position] {
                case 0x3E: last = position + 1
                case 0x20, 0x09: continue
                default: return last - start
                }
            }
            return last - start
        }

        /// A bullet item ("- ", "* ", "+ "), a first numbered item ("1. ", "1) ") or an ATX heading ("# "), with
        /// text: each starts a unit of inline text, even in the middle of a paragraph.
        static func startsBlock(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
            guard start + 1 < end else { return false }
            switch bytes[start] {
            case 0x2D, 0x2A, 0x2B:
                return bytes[start + 1] == 0x20 && start + 2 < end
            case 0x23:
                var position = start
                while position < end, bytes[position] == 0x23 { position += 1 }
                return position - start <= 6 && (position == end || bytes[position] == 0x20)
            case 0x31:
                return start + 3 < end && (bytes[start + 1] == 0x2E || bytes[start + 1] == 0x29) && bytes[start + 2] == 0x20
            default:
                return false
            }
        }
    }
}
