/// Every kind of address the built site has, each declared once with what produces its file (`producer`).
/// A kind added here without a producer does not compile: every switch over kinds is exhaustive, with no
/// `default:` (`PageKindTests` checks that with the compiler). This file names nothing but its own types, a
/// slug type and an old URL, so that check can compile it alone.
enum PageKind: Sendable, Equatable {
    case home
    case article(ArticleID)
    /// The article's print view, which sees the same values as its page.
    case printView(ArticleID)
    case category(slug: String, page: Int)
    case tag(slug: String, page: Int)
    /// `month` indexes `PageTable.archive`.
    case archiveMonth(month: Int, page: Int)
    /// `year` indexes `PageTable.archiveYears`.
    case archiveYear(year: Int, page: Int)
    /// Every year and month of the archive, and every tag, each with its count.
    case archiveIndex, tagIndex
    case staticPage(slug: String)
    /// A photo album's page, and the list of albums.
    case album(slug: String)
    case albumIndex
    /// The documents (văn bản): all of them, or those of one type, issuer, field or year; paginated.
    case documents(DocumentFilter, page: Int)
    case document(slug: String)
    /// The documents' feed.
    case documentsFeed
    /// A file of `content/files/` a document or article lists, published as it is.
    case publishedFile
    case search
    /// The visit counter's statistics page, its figures file and its views file (only with a `counter:` section).
    case statistics
    case counterFigures, counterViews
    case notFound
    /// The page left at an old URL (`aliases:`). Old URLs outside the site's folder have no file
    /// (`outputPath` nil): the 301 rules still cover them.
    /// (Indirect: an old URL's four strings would otherwise widen every entry of the table.)
    indirect case redirect(OldURL)
    /// The whole site's feed (category nil) or a category's.
    case feed(category: String?)
    case sitemap, robots, redirectRules, nginxRedirects
    /// The output's own record of what it holds (incremental builds).
    case manifest
    /// Folders whose files are made together: copied assets, resized photos, the search index's files.
    case assetsFolder, imagesFolder, searchIndexFolder
    /// A raster picture made from the logo (favicon, home-screen icon, the default picture of a shared link).
    case siteImage(SiteImage)
    /// A resized photo (a width of one format, or the og:image JPEG), made by the images stage from a file
    /// in content/ and hard-linked from the image cache.
    case imageFile

    /// What makes a file at an address of this kind.
    enum Producer: Sendable, Equatable {
        /// A page: the template rendering it, with the values `PageValues` makes for its kind.
        case template(String)
        /// A file made without a template, or a folder of them, by the maker named.
        case file(Maker)
        case folder(Maker)
    }

    /// The makers of files that are not rendered from a template.
    enum Maker: Sendable, Equatable {
        /// Feeds, sitemap, robots.txt, redirect rules and the search index (`ReaderFiles`, enrich stage).
        case readerFiles
        /// The visit counter's figures (`CounterFiles`).
        case counter
        /// Resized photos and the pictures drawn from the logo (images stage).
        case images
        /// Files copied as they are (`templates/assets/`).
        case copies
        /// The writer's own record (`OutputWriter`).
        case writer
    }

    /// Which documents a listing of `documents` shows: each filter but `all` names a slug (or a year).
    enum DocumentFilter: Sendable, Hashable {
        case all
        case type(String)
        case issuer(String)
        case field(String)
        case year(Int)
    }

    /// The raster files made from the logo.
    enum SiteImage: Sendable, Equatable, CaseIterable {
        /// `/favicon.ico`: 16, 32 and 48 px in one file.
        case favicon
        /// `/apple-touch-icon.png`: 180 × 180.
        case appleTouchIcon
        /// The picture of a page shared on Facebook or Zalo when it has no raster picture of its own: 1200 × 630 PNG.
        case shareImage
    }

    /// The statistics page's template (the counter's figures are put in its shell: `CounterFiles`).
    static let statisticsTemplate = "thong-ke"

    var producer: Producer {
        switch self {
        case .home: .template("home")
        case .article: .template("article")
        case .printView: .template("print")
        case .category, .tag, .archiveMonth, .archiveYear, .archiveIndex, .tagIndex: .template("list")
        case .staticPage: .template("page")
        case .album: .template("album")
        case .albumIndex: .template("albums")
        case .documents: .template("documents")
        case .document: .template("document")
        case .documentsFeed: .file(.readerFiles)
        case .publishedFile: .file(.copies)
        case .search: .template("search")
        case .statistics: .template(Self.statisticsTemplate)
        case .notFound: .template("404")
        case .redirect: .template("redirect")
        case .counterFigures, .counterViews: .file(.counter)
        case .feed, .sitemap, .robots, .redirectRules, .nginxRedirects: .file(.readerFiles)
        case .searchIndexFolder: .folder(.readerFiles)
        case .manifest: .file(.writer)
        case .assetsFolder: .folder(.copies)
        case .imagesFolder: .folder(.images)
        case .siteImage, .imageFile: .file(.images)
        }
    }

    /// The template of a page; nil for files made without one.
    var template: String? {
        if case .template(let name) = producer { name } else { nil }
    }

    /// A page: what a reader opens (rendered from a template).
    var isPage: Bool { template != nil }

    var isFolder: Bool {
        if case .folder = producer { true } else { false }
    }
}
