import Foundation

/// `bantin check`'s warnings about documents, beyond the build's errors: files of `content/files/` that nothing
/// lists or links (never published), and an article's `source` that reads like a document's number
/// ("Số: 12/KH-SLĐTBXH") while no document has it (its byline cannot link to it).
enum DocumentCheck {
    static func warnings(content: URL, displayRoot: URL, config: SiteConfig, articleFiles: [SourceFile],
                         pageFiles: [SourceFile] = [], now: Date) -> [Diagnostic] {
        let sources = DocumentSource.readAll(content, displayRoot: displayRoot)
        let articles = articleFiles.compactMap { ArticleSource.read($0, timeZone: config.timeZone).0 }
        let attachments = articles.flatMap { article in
            article.attachments.map { (reference: $0, file: article.path, line: article.lines["attachments"] ?? nil) }
                + article.fileLinks.map { (reference: $0.reference, file: article.path, line: Optional($0.line)) }
        } + pageFiles.compactMap { PageSource.read($0).0 }.flatMap { page in
            page.fileLinks.map { (reference: $0.reference, file: page.path, line: Optional($0.line)) }
        }
        let (shelf, _) = DocumentShelf.make(sources.files, attachments: attachments, config: config, contentDirectory: content, now: now)
        var warnings: [Diagnostic] = []
        let listed = Set(shelf.files.map(\.reference))
        var ignored: [Diagnostic] = []
        let loader = ContentLoader(contentDirectory: content, displayRoot: displayRoot)
        let root = content.standardizedFileURL.path + "/"
        for url in FileTree.files(under: content.appendingPathComponent("files"), inside: content, diagnostics: &ignored, display: loader.display) {
            let reference = Composed.nfc(String(url.standardizedFileURL.path.dropFirst(root.count)))
            if !listed.contains(reference) {
                warnings.append(.warning(loader.display(url), line: 1, Message("document.fileUnlisted")))
            }
        }
        for article in articles {
            guard let source = article.source, shelf.document(citedIn: source) == nil,
                  let number = documentNumber(in: source) else { continue }
            warnings.append(.warning(article.path, line: article.lines["source"] ?? nil,
                                     Message("document.sourceUnknown", ["number": .text(number)])))
        }
        return warnings
    }

    /// The first thing in `text` shaped like a Vietnamese document's number: digits, then a code of capitals
    /// after "/" or "-" ("12/KH-SLĐTBXH", "03-KH/ĐUS", "77/2024/NĐ-CP"); nil for a name ("Phòng Lao động - Việc làm").
    static func documentNumber(in text: String) -> String? {
        let pattern = #"[0-9]+(/[0-9]{4})?[/-]\p{Lu}[\p{Lu}\p{N}]*([/-][\p{Lu}\p{N}]+)*"#
        return text.range(of: pattern, options: .regularExpression).map { String(text[$0]) }
    }
}
