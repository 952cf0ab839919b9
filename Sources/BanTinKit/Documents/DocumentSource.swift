import Foundation

/// One document file of `content/documents/`:
///
/// ```markdown
/// ---
/// number: "03-KH/ĐUS"                  # số ký hiệu
/// type: "Kế hoạch"                     # one of site.yml documents.types
/// title: "Triển khai công tác dân vận năm 2018"   # trích yếu
/// issuer: "Đảng ủy Sở"                 # cơ quan ban hành
/// issued: 2018-03-15                   # ngày ban hành
/// effective: 2018-03-15                # optional: ngày hiệu lực (else the day it was issued)
/// expired: 2018-12-31                  # optional: ngày hết hiệu lực
/// signer: "Nguyễn Văn A"               # optional
/// field: "Dân vận"                     # optional: lĩnh vực
/// files: [/files/ke-hoach-03.pdf]      # optional: files under content/files/
/// slug: ke-hoach-03-2018               # optional: else made from the number
/// ---
/// The note shown on its page (Markdown).
/// ```
enum DocumentSource {
    static let knownKeys = ["number", "type", "title", "issuer", "issued", "effective", "expired", "signer", "field",
                            "files", "slug"]

    /// Every Markdown file under `content/documents/`, in path order.
    static func readAll(_ contentDirectory: URL, displayRoot: URL) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let reader = ContentLoader(contentDirectory: contentDirectory, displayRoot: displayRoot)
        var diagnostics: [Diagnostic] = []
        let urls = reader.markdownFiles(under: contentDirectory.appendingPathComponent("documents"), diagnostics: &diagnostics)
        let files = urls.compactMap { reader.read($0, into: &diagnostics) }
        return (files, diagnostics)
    }

    /// One document; nil when it cannot be used, with every reason.
    static func parse(_ file: SourceFile, settings: DocumentSettings, timeZone: TimeZone, markdown: Markdown,
                      files published: inout PublishedFiles) -> (Document?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let (parts, found) = FrontMatter.fields(of: file, problems: &problems) else { return (nil, problems) }
        var fields = found
        fields.warnAboutUnknownKeys(known: knownKeys, context: "document")
        let number = fields.string("number", required: true).map(Composed.nfc)
        var type = fields.string("type", required: true).map(Composed.nfc)
        let title = fields.string("title", required: true).map(Composed.nfc)
        let issuer = fields.string("issuer", required: true).map(Composed.nfc)
        let issued = ArticleSource.readDate(&fields, "issued", required: true, timeZone: timeZone)
        let effective = ArticleSource.readDate(&fields, "effective", timeZone: timeZone)
        let expired = ArticleSource.readDate(&fields, "expired", timeZone: timeZone)
        if let written = type {
            switch settings.type(written) {
            case .known(let known): type = known
            case .unknown(let message):
                fields.error("type", message)
                type = nil
            }
        }
        if let issued, let effective, effective < issued {
            fields.error("effective", Message("document.effectiveBeforeIssued"))
        }
        if let start = effective ?? issued, let expired, expired <= start {
            fields.error("expired", Message("document.expiredBeforeEffective"))
        }
        var slug = fields.string("slug")
        if let written = slug, Slug.make(written) != written {
            fields.error("slug", Message("document.slug", ["slug": .text(written), "suggestion": .text(Slug.make(written))]))
            slug = nil
        }
        var diagnostics = problems
        var files: [PublishedFile] = []
        let references = fields.strings("files")
        let lines: [Int?] = {
            if case .sequence(let items) = fields.node("files"), items.count == references.count {
                return items.map { fields.line(of: $0) ?? fields.line(of: "files") }
            }
            return references.map { _ in fields.line(of: "files") }
        }()
        for (reference, line) in zip(references, lines) {
            if let file = published.publish(reference, file: file.path, line: line, into: &diagnostics) { files.append(file) }
        }
        let signer = fields.string("signer").map(Composed.nfc)
        let field = fields.string("field").map(Composed.nfc)
        diagnostics += fields.takeDiagnostics()
        guard let number, let type, let title, let issuer, let issued,
              !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        let note = Composed.nfc(parts.body).trimmingCharacters(in: .whitespacesAndNewlines)
        return (Document(sourcePath: file.path, slug: slug ?? Slug.make(number), number: number, type: type, title: title,
                         issuer: issuer, issued: issued, effective: effective, expired: expired, signer: signer,
                         field: field, files: files, noteHTML: note.isEmpty ? "" : markdown.render(note).html,
                         lines: Document.Lines(number: fields.line(of: "number"), slug: fields.line(of: "slug"))),
                diagnostics)
    }
}
