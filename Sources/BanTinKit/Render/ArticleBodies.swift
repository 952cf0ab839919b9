import Dispatch

/// The Markdown step: renders every article and page body through cmark-gfm, in parallel across cores,
/// and derives automatic summaries and plain text.
public enum ArticleBodies {
    public static func render(_ site: Site) -> Site {
        let markdown = Markdown(allowsRawHTML: site.config.unsafeMarkdown)
        var site = site
        var articles = site.articles
        articles.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let slots = base
            DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                // Each iteration touches only its own slot.
                let output = markdown.render(slots[index].markdown)
                slots[index].bodyHTML = ImageAlt.fill(output.html, fallback: slots[index].title)
                slots[index].bodyText = output.plainText
                if !slots[index].hasExplicitSummary {
                    slots[index].summary = Summary.cut(output.firstParagraph)
                }
            }
        }
        site.articles = articles
        site.pages = site.pages.map { page in
            var page = page
            page.bodyHTML = ImageAlt.fill(markdown.render(page.markdown).html, fallback: page.title)
            return page
        }
        return site
    }
}
