import Dispatch

/// The Markdown stage's result: the model with every article's and page's body rendered (HTML, plain text,
/// automatic summary).
struct RenderedBodies {
    var model: SiteModel

    /// A single build lets the Markdown go once rendered; only `serve`'s memo compares it again.
    static func make(_ model: consuming SiteModel, memory: BuildState.Memory) -> RenderedBodies {
        var bodies = RenderedBodies(model: consume model)
        // In place: a copy of the articles would hold every Markdown text until the stage ends.
        ArticleBodies.render(&bodies.model.site, memo: memory.remembers ? memory.bodies : memory.articleCache,
                             keepsMarkdown: memory.remembers)
        return bodies
    }
}

/// The Markdown step: renders every article and page body through cmark-gfm, in parallel across cores,
/// and derives automatic summaries and plain text.
enum ArticleBodies {
    /// `memo` (kept by `bantin serve` between builds) supplies bodies whose text has not changed.
    /// `keepsMarkdown: false` (a single build) lets each article's Markdown go once rendered when nothing after
    /// needs it: the images stage reads it only for the lines of a body's pictures, related news only for a body
    /// without text. Let go article by article, its memory goes to the next article's HTML: on 50,000 articles the
    /// stage ends at 614 MB resident instead of 817, and the build peaks at 1,100 MB instead of 1,256.
    static func render(_ site: Site, memo: (any BodyMemo)? = nil) -> Site {
        var site = site
        render(&site, memo: memo)
        return site
    }

    static func render(_ site: inout Site, memo: (any BodyMemo)? = nil, keepsMarkdown: Bool = true) {
        let renderer = Renderer(markdown: Markdown(allowsRawHTML: site.config.unsafeMarkdown), memo: memo,
                                keepsMarkdown: keepsMarkdown)
        site.updateBodies { articles in
            articles.withUnsafeMutableBufferPointer { buffer in
                guard let start = buffer.baseAddress else { return }
                nonisolated(unsafe) let slots = start
                DispatchQueue.concurrentPerform(iterations: buffer.count) { index in
                    // Each iteration touches only its own slot.
                    renderer.fill(&slots[index])
                }
            }
        }
        site.pages = site.pages.map { page in
            var page = page
            page.bodyHTML = ImageAlt.fill(renderer.output(page.sourcePath, page.markdown).0.html, fallback: page.title)
            return page
        }
    }

    /// Renders bodies, through the memo when there is one.
    struct Renderer: Sendable {
        let markdown: Markdown
        let memo: (any BodyMemo)?
        var keepsMarkdown = true

        /// An article's HTML, plain text, and automatic summary unless it has its own.
        func fill(_ article: inout Article) {
            let (output, summary) = output(article.sourcePath, article.markdown)
            article.bodyHTML = ImageAlt.fill(output.html, fallback: article.title)
            article.bodyText = output.plainText
            if !article.hasExplicitSummary { article.summary = summary }
            let namesPictures = BodyImages.namesPictures(article.bodyHTML)
            article.bodyNamesPictures = namesPictures
            if !keepsMarkdown, !article.bodyText.isEmpty, !namesPictures { article.markdown = "" }
        }

        /// The rendered body and its automatic summary.
        func output(_ path: String, _ text: String) -> (Markdown.Output, String) {
            let unsafe = markdown.allowsRawHTML
            if let known = memo?.output(for: path, markdown: text, allowsRawHTML: unsafe) { return known }
            let output = markdown.render(text)
            let summary = Summary.cut(output.firstParagraph)
            memo?.remember(output, summary: summary, for: path, markdown: text, allowsRawHTML: unsafe)
            return (output, summary)
        }
    }
}
