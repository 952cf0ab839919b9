import Foundation

/// An article's front matter and body as typed, before the site-wide checks (category exists, slugs unique).
public struct ArticleSource: Sendable {
    public var path: String
    public var title: String
    public var date: Date
    public var category: String
    var categoryLine: Int?
    public var tags: [String]
    var author: String?
    public var source: String?
    public var summary: String?
    public var image: String?
    var imageAlt: String?
    public var slug: String?
    var slugLine: Int?
    public var aliases: [String]
    public var draft: Bool
    var publishDate: Date?
    var expiryDate: Date?
    public var related: [String]
    var relatedLine: Int?
    public var body: String
    /// False when the file was read with errors (already reported): it is kept only so the site-wide checks can
    /// report its other problems in the same run, and is never published.
    public var isUsable = true
    public var bodyLine: Int
    /// Line of each front-matter key, for messages from later stages.
    public var lines: [String: Int?] = [:]
    /// Files of `content/files/` listed at the article's end ("Tệp đính kèm").
    public var attachments: [String] = []
    /// The body's Markdown links to `/files/…`, each with its line in the file: published like attachments.
    var fileLinks: [FileLink] = []

    struct FileLink: Sendable, Hashable {
        var reference: String
        var line: Int
    }

    static let knownKeys = ["title", "date", "category", "tags", "author", "source", "summary", "image",
                                   "image_alt", "slug", "aliases", "draft", "publishDate", "expiryDate", "related",
                                   "attachments"]

    /// Reads one article file, with every problem in the diagnostics. Nil when its front matter cannot be read at
    /// all; not `isUsable` when a field has an error.
    public static func read(_ file: SourceFile, timeZone: TimeZone) -> (ArticleSource?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let (parts, found) = FrontMatter.fields(of: file, problems: &problems) else { return (nil, problems) }
        var fields = found
        let bullets = PastedBullets.read(parts.body, firstLine: parts.bodyLine, file: file.path)
        fields.warnAboutUnknownKeys(known: knownKeys)

        let title = fields.string("title", required: true)
        let category = fields.string("category", required: true)
        let date = readDate(&fields, "date", required: true, timeZone: timeZone)
        let source = ArticleSource(
            path: file.path,
            title: title.map(normalise) ?? "",
            date: date ?? .distantPast,
            category: category ?? "",
            categoryLine: fields.line(of: "category"),
            tags: fields.strings("tags").map(normalise),
            author: fields.string("author").map(normalise),
            source: fields.string("source").map(normalise),
            summary: fields.string("summary").map(normalise),
            image: fields.string("image"),
            imageAlt: fields.string("image_alt").map(normalise),
            slug: fields.string("slug"),
            slugLine: fields.line(of: "slug"),
            aliases: fields.strings("aliases"),
            draft: fields.bool("draft") ?? false,
            publishDate: readDate(&fields, "publishDate", timeZone: timeZone),
            expiryDate: readDate(&fields, "expiryDate", timeZone: timeZone),
            related: fields.strings("related"),
            relatedLine: fields.line(of: "related"),
            body: Composed.nfc(bullets.body),
            bodyLine: parts.bodyLine)
        var located = source
        located.attachments = fields.strings("attachments")
        located.fileLinks = fileLinks(in: parts.body, bodyLine: parts.bodyLine)
        located.lines = Dictionary(fields.keys.map { ($0, fields.line(of: $0)) }, uniquingKeysWith: { first, _ in first })
        let diagnostics = fields.takeDiagnostics() + MarkdownLimits.problems(in: parts.body, firstLine: parts.bodyLine)
            .map { Diagnostic.error(file.path, line: $0.line, $0.message) } + [bullets.warning].compactMap { $0 }
        located.isUsable = !diagnostics.contains { $0.severity == .error }
        return (located, diagnostics)
    }

    private static func normalise(_ text: String) -> String { Composed.nfc(text) }

    /// Links to `/files/…` in a body (the Markdown is parsed again only when it holds "files/").
    static func fileLinks(in body: String, bodyLine: Int) -> [FileLink] {
        guard ByteSearch.contains(body, "files/") else { return [] }
        return Markdown().references(in: body).compactMap { reference in
            guard !reference.isImage else { return nil }
            let destination = reference.destination.removingPercentEncoding ?? reference.destination
            guard PublishedFiles.canonical(destination) != nil, destination.hasPrefix("/files/") || destination.hasPrefix("files/") else { return nil }
            return FileLink(reference: destination, line: bodyLine + reference.line - 1)
        }
    }

    static func readDate(_ fields: inout YAMLFields, _ key: String, required: Bool = false, timeZone: TimeZone) -> Date? {
        guard let text = fields.string(key, required: required) else { return nil }
        do {
            return try PublicationDate.parse(text, timeZone: timeZone)
        } catch {
            fields.error(key, Message("field.problem", ["key": "\(key)", "problem": .message(error.message)]))
            return nil
        }
    }
}
