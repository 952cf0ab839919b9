import Dispatch

/// The Markdown step: renders every article and page body through cmark-gfm, in parallel across cores,
/// and derives automatic summaries and plain text.
public enum ArticleBodies {
    /// `memo` (kept by `bantin serve` between builds) supplies bodies whose text has not changed.
    public static func render(_ site: Site, memo: MarkdownMemo? = nil) -> Site {
        let markdown = Markdown(allowsRawHTML: site.config.unsafeMarkdown)
        let unsafe = site.config.unsafeMarkdown
        @Sendable func output(_ path: String, _ text: String) -> Markdown.Output {
            if let known = memo?.output(for: path, markdown: text, allowsRawHTML: unsafe) { return known }
            let output = markdown.render(text)
            memo?.remember(output, for: path, markdown: text, allowsRawHTML: unsafe)
            return output
        }
        var site = site
        var articles = site.articles
        articles.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                // Each iteration touches only its own slot.
                let output = output(slots[index].sourcePath, slots[index].markdown)
                slots[index].bodyHTML = output.html
                slots[index].bodyText = output.plainText
                if !slots[index].hasExplicitSummary {
                    slots[index].summary = Summary.cut(output.firstParagraph)
                }
            }
        }
        site.articles = articles
        site.pages = site.pages.map { page in
            var page = page
            page.bodyHTML = output(page.sourcePath, page.markdown).html
            return page
        }
        return site
    }
}
