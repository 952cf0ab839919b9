import Foundation

/// Front matter parsed by earlier builds of the same process, by file: reused while the file's text and the
/// site's time zone (dates without an offset are read in it) are unchanged. YAML parsing is the slowest part
/// of loading, so a rebuild parses only the files that changed.
/// Front matter read earlier, by file: kept in memory by `serve` (`ParseMemo`), on disk by `build` (`ArticleCache`).
protocol ParsedFiles: Sendable {
    /// `allowsRawHTML`: the site's setting, which the on-disk cache keeps the body under.
    func article(_ file: SourceFile, timeZone: TimeZone, allowsRawHTML: Bool) -> (ArticleSource?, [Diagnostic])
    func page(_ file: SourceFile) -> (PageSource?, [Diagnostic])
}

public final class ParseMemo: ParsedFiles, @unchecked Sendable {
    private var articles: [String: (text: String, zone: String, result: (ArticleSource?, [Diagnostic]))] = [:]
    private var pages: [String: (text: String, result: (PageSource?, [Diagnostic]))] = [:]
    private let lock = NSLock()

    public init() {}

    func article(_ file: SourceFile, timeZone: TimeZone, allowsRawHTML: Bool = false) -> (ArticleSource?, [Diagnostic]) {
        // Equal texts from the same cached file share storage, so this comparison is immediate.
        if let known = lock.withLock({ articles[file.path] }), known.zone == timeZone.identifier, known.text == file.text {
            return known.result
        }
        let result = ArticleSource.read(file, timeZone: timeZone)
        lock.withLock { articles[file.path] = (file.text, timeZone.identifier, result) }
        return result
    }

    func page(_ file: SourceFile) -> (PageSource?, [Diagnostic]) {
        if let known = lock.withLock({ pages[file.path] }), known.text == file.text {
            return known.result
        }
        let result = PageSource.read(file)
        lock.withLock { pages[file.path] = (file.text, result) }
        return result
    }

    /// The text of the file as the last build read it.
    func text(of path: String) -> String? {
        lock.withLock { articles[path]?.text }
    }

    /// Forgets files that are gone, so a long `serve` session does not keep every deleted article.
    func keepOnly(_ paths: Set<String>) {
        lock.withLock {
            articles = articles.filter { paths.contains($0.key) }
            pages = pages.filter { paths.contains($0.key) }
        }
    }
}
