import Foundation

/// One news article, validated. `bodyHTML` and `summary` are filled by the Markdown stage.
public struct Article: Sendable, Hashable {
    public var sourcePath: String
    public var slug: String
    public var title: String
    public var date: Date
    public var categorySlug: String
    public var tags: [Tag] = []
    var author: String?
    public var source: String?
    public var image: String?
    var imageAlt: String?
    /// Line of `image:` in the article's file, for messages about the photo.
    var imageLine: Int?
    public var aliases: [String] = []
    var isDraft = false
    /// Slugs pinned by the editor (`related:`), in order.
    public var relatedPins: [String] = []
    /// Files listed at the end ("Tệp đính kèm"), as written (`content/files/`), and the line of `attachments:`.
    var attachments: [String] = []
    var attachmentsLine: Int?
    /// The body's links to `/files/…` (published, and rewritten to the published names by the images stage).
    var fileLinks: [ArticleSource.FileLink] = []
    public var markdown: String
    /// Line of the file where the Markdown body starts.
    public var bodyLine: Int
    /// The editor's `summary`, or after the Markdown stage the first paragraph cut near 200 characters.
    public var summary: String
    var hasExplicitSummary: Bool
    var bodyHTML = ""
    /// Whether `bodyHTML` shows a picture or links to one (`BodyImages.namesPictures`), as the Markdown stage found;
    /// nil when not known. Asked once: the images stage would otherwise scan every body twice more.
    var bodyNamesPictures: Bool?
    /// Plain text of the body (for related-news similarity and search).
    public var bodyText = ""

    public init(sourcePath: String, slug: String, title: String, date: Date, categorySlug: String,
                markdown: String, bodyLine: Int = 1, summary: String? = nil) {
        self.sourcePath = sourcePath
        self.slug = slug
        self.title = title
        self.date = date
        self.categorySlug = categorySlug
        self.markdown = markdown
        self.bodyLine = bodyLine
        self.summary = summary ?? ""
        self.hasExplicitSummary = summary != nil
    }
}

/// A page outside the news flow ("Giới thiệu", "Liên hệ").
public struct StaticPage: Sendable, Hashable {
    public var sourcePath: String
    public var slug: String
    public var title: String
    public var description: String?
    public var aliases: [String] = []
    /// Line of `aliases:` in the page's file, for messages about its old URLs.
    var aliasesLine: Int?
    public var markdown: String
    public var bodyLine: Int
    var bodyHTML = ""
    var fileLinks: [ArticleSource.FileLink] = []

    public init(sourcePath: String, slug: String, title: String, description: String? = nil,
                markdown: String, bodyLine: Int = 1) {
        self.sourcePath = sourcePath
        self.slug = slug
        self.title = title
        self.description = description
        self.markdown = markdown
        self.bodyLine = bodyLine
    }
}
