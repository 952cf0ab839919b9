import CCmarkGFM
import Foundation

/// CommonMark + GitHub extensions through the cmark-gfm C library.
public struct Markdown: Sendable {
    /// Raw HTML passes through only when the site trusts its editors (`markdown.unsafe: true`).
    public var allowsRawHTML: Bool

    public struct Output: Sendable, Equatable {
        public var html: String
        /// The first paragraph as plain text (for automatic summaries).
        public var firstParagraph: String
        /// All text of the document without markup (for similarity and search).
        public var plainText: String
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
    public struct Reference: Sendable, Equatable {
        public var destination: String
        public var line: Int
        public var isImage: Bool
    }

    /// Every link and image of the text, bare URLs included, for `bantin check`.
    public func references(in markdown: String) -> [Reference] {
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
                                       isImage: type == CMARK_NODE_IMAGE))
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
