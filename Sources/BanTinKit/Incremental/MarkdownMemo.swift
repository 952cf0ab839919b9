import Foundation

/// Markdown rendered by earlier builds of the same process, by source file: reused while the text and the
/// raw-HTML setting are unchanged, with the automatic summary cut from it.
/// Markdown rendered earlier, by file: kept in memory by `serve` (`MarkdownMemo`), on disk by `build` (`ArticleCache`).
protocol BodyMemo: Sendable {
    func output(for path: String, markdown: String, allowsRawHTML: Bool) -> (Markdown.Output, String)?
    func remember(_ output: Markdown.Output, summary: String, for path: String, markdown: String, allowsRawHTML: Bool)
}

final class MarkdownMemo: BodyMemo, @unchecked Sendable {
    private var outputs: [String: (markdown: String, allowsRawHTML: Bool, output: Markdown.Output, summary: String)] = [:]
    private let lock = NSLock()

    init() {}

    func output(for path: String, markdown: String, allowsRawHTML: Bool) -> (Markdown.Output, String)? {
        lock.withLock {
            guard let known = outputs[path], known.allowsRawHTML == allowsRawHTML, known.markdown == markdown else { return nil }
            return (known.output, known.summary)
        }
    }

    func remember(_ output: Markdown.Output, summary: String, for path: String, markdown: String, allowsRawHTML: Bool) {
        lock.withLock { outputs[path] = (markdown, allowsRawHTML, output, summary) }
    }

    /// Forgets files that are gone, so a long `serve` session does not keep every deleted article.
    func keepOnly(_ paths: Set<String>) {
        lock.withLock { outputs = outputs.filter { paths.contains($0.key) } }
    }
}
