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

    /// Registration mutates a global list in the C library: do it once, before any parallel use.
    private static let registerExtensions: Void = {
        cmark_gfm_core_extensions_ensure_registered()
    }()

    public func render(_ markdown: String) -> Output {
        var options = CMARK_OPT_GITHUB_PRE_LANG | CMARK_OPT_FOOTNOTES | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE
        // `style="text-align: …"` instead of the `align` attribute HTML5 made obsolete (the Nu checker rejects it).
        options |= CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        options |= allowsRawHTML ? CMARK_OPT_UNSAFE : CMARK_OPT_DEFAULT
        guard let parser = cmark_parser_new(options) else { return Output(html: "", firstParagraph: "", plainText: "") }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        markdown.withCString { pointer in
            cmark_parser_feed(parser, pointer, strlen(pointer))
        }
        guard let document = cmark_parser_finish(parser) else { return Output(html: "", firstParagraph: "", plainText: "") }
        defer { cmark_node_free(document) }

        let extensions = cmark_parser_get_syntax_extensions(parser)
        let html = take(cmark_render_html(document, options, extensions))
        let plain = take(cmark_render_plaintext(document, CMARK_OPT_DEFAULT, 0))
        return Output(html: html, firstParagraph: firstParagraphText(document), plainText: plain)
    }

    private func firstParagraphText(_ document: OpaquePointer) -> String {
        var child = cmark_node_first_child(document)
        while let node = child {
            if cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH {
                return take(cmark_render_plaintext(node, CMARK_OPT_DEFAULT, 0))
                    .split(whereSeparator: \.isNewline).joined(separator: " ")
                    .trimmingCharacters(in: .whitespaces)
            }
            child = cmark_node_next(node)
        }
        return ""
    }

    /// Copies a C string the library allocated, then frees it with the library's allocator.
    private func take(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
