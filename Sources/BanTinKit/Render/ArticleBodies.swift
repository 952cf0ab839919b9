import Dispatch

/// The Markdown step: renders every article and page body through cmark-gfm, in parallel across cores,
/// and derives automatic summaries and plain text.
public enum ArticleBodies {
    /// `memo` (kept by `bantin serve` between builds) supplies bodies whose text has not changed.
    public static func render(_ site: Site, memo: MarkdownMemo? = nil) -> Site {
        let markdown = Markdown(allowsRawHTML: site.config.unsafeMarkdown)
        let unsafe = site.config.unsafeMarkdown
        /// The rendered body and its automatic summary.
        @Sendable func output(_ path: String, _ text: String) -> (Markdown.Output, String) {
            if let known = memo?.output(for: path, markdown: text, allowsRawHTML: unsafe) { return known }
            let output = markdown.render(text)
            let summary = Summary.cut(output.firstParagraph)
            memo?.remember(output, summary: summary, for: path, markdown: text, allowsRawHTML: unsafe)
            return (output, summary)
        }
        var site = site
        var articles = site.articles
        articles.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                // Each iteration touches only its own slot.
                let (output, summary) = output(slots[index].sourcePath, slots[index].markdown)
                slots[index].bodyHTML = ImageAlt.fill(output.html, fallback: slots[index].title)
                slots[index].bodyText = output.plainText
                if !slots[index].hasExplicitSummary {
                    slots[index].summary = summary
                }
            }
        }
        site.articles = articles
        site.pages = site.pages.map { page in
            var page = page
            page.bodyHTML = ImageAlt.fill(output(page.sourcePath, page.markdown).0.html, fallback: page.title)
            return page
        }
        return site
    }
}
