/// A static page's front matter and body as typed.
public struct PageSource: Sendable {
    public var path: String
    public var title: String
    public var slug: String?
    var slugLine: Int?
    public var description: String?
    public var aliases: [String]
    var aliasesLine: Int?
    public var draft: Bool
    public var body: String
    public var bodyLine: Int
    /// Links to `/files/…` in the body: those files are published, as for articles.
    var fileLinks: [ArticleSource.FileLink] = []

    static let knownKeys = ["title", "slug", "description", "aliases", "draft"]

    public static func read(_ file: SourceFile) -> (PageSource?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let (parts, found) = FrontMatter.fields(of: file, problems: &problems) else { return (nil, problems) }
        var fields = found
        let bullets = PastedBullets.read(parts.body, firstLine: parts.bodyLine, file: file.path)
        fields.warnAboutUnknownKeys(known: knownKeys)
        var page = PageSource(
            path: file.path,
            title: fields.string("title", required: true).map(Composed.nfc) ?? "",
            slug: fields.string("slug"),
            slugLine: fields.line(of: "slug"),
            description: fields.string("description").map(Composed.nfc),
            aliases: fields.strings("aliases"),
            aliasesLine: fields.line(of: "aliases"),
            draft: fields.bool("draft") ?? false,
            body: Composed.nfc(bullets.body),
            bodyLine: parts.bodyLine)
        page.fileLinks = ArticleSource.fileLinks(in: parts.body, bodyLine: parts.bodyLine)
        let diagnostics = fields.takeDiagnostics() + MarkdownLimits.problems(in: parts.body, firstLine: parts.bodyLine)
            .map { Diagnostic.error(file.path, line: $0.line, $0.message) } + [bullets.warning].compactMap { $0 }
        return (diagnostics.contains { $0.severity == .error } ? nil : page, diagnostics)
    }
}
