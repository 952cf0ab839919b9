/// The values templates see, one type per page kind and per shared part (templates/README.md lists them,
/// `TemplateDocsTests` checks that it does). Templates read them through `TemplateEncoder`, under their fields'
/// names in snake case. An optional left nil is absent: `{{#author}}` shows nothing, where an empty string
/// would show the section.
///
/// (Codable rather than only Encodable: decoding lets a test list every field of a type, nil or not.)

// MARK: the root of every page

/// A page's own values: what every page has, and the values of its kind (one of `home`, `article`, …). The
/// site-wide values (`SiteValues`) are seen under them.
struct PageOwnValues: Codable {
    var pageTitle: String
    var pageDescription: String
    /// Absent on the 404 page, which answers for every address and is none of them.
    var canonicalURL: String?
    var currentURL: String
    var ogTitle: String
    var ogType: String
    var menu: Encoded<[MenuLink]>
    /// An article's or album's own picture for shared links; the site's (`SiteValues.shareImage`) without.
    var shareImage: ShareImage?
    var isHome: Bool?

    var home: HomeValues?
    var article: ArticleValues?
    var listing: ListingValues?
    var staticPage: StaticPageValues?
    var album: AlbumValues?
    var albumIndex: AlbumIndexValues?
    var documents: DocumentListValues?
    var document: DocumentValues?
    var search: SearchValues?
    var redirect: RedirectValues?
    /// The statistics page: where `CounterFiles` puts the figures in.
    var counterFigures: String?
}

/// What every page sees under its own values; built once per build (`shared/` fragments see these only).
struct SiteValues: Codable {
    var site: SiteInfo
    var assets: String
    var homeURL: String
    var searchURL: String
    var feedURL: String
    var categories: [CategoryLink]
    /// "Tin mới đăng": the first entries of the article list, the same values every list holds.
    var latest: [Encoded<ArticleItem>]
    var links: [WebLink]
    var hasLinks: Bool
    var photos: [SitePhoto]
    var hasPhotos: Bool
    var contact: ContactValues?
    var hasContact: Bool
    /// What a shared link shows when its page has no raster picture of its own (a PNG made from the logo).
    var shareImage: ShareImage?
    /// The icons drawn from the logo (`templates/assets/favicon.svg`); nil, and not linked, when it is missing or
    /// could not be drawn (a warning says so).
    var faviconURL: String?
    var appleTouchIconURL: String?
    /// Absent without albums: every page had a "Xem tất cả album" link to nowhere (`href=""`).
    var albumsURL: String?
    /// "Hình hoạt động": the latest album's first photos.
    var latestAlbum: LatestAlbum?
    /// Absent without documents: the list of documents (văn bản).
    var documentsURL: String?
    var counter: CounterAddresses
    var archiveYears: [ArchiveYearLink]
    var hasArchive: Bool
    var archiveURL: String
    var tagIndexURL: String
}

struct SiteInfo: Codable {
    var title: String
    var description: String
    var language: String
    var baseURL: String
    var footerLines: [FooterLine]
}

struct FooterLine: Codable {
    var text: String
}

struct MenuLink: Codable {
    var title: String
    var url: String
    var isActive: Bool
}

/// A category, tag or ancestor category with its page (breadcrumbs, children, an article's tags).
struct NamedLink: Codable {
    var name: String
    var url: String
}

/// A link to another site (site.yml `links:`).
struct WebLink: Codable {
    var title: String
    var url: String
}

struct CategoryLink: Codable {
    var name: String
    var url: String
    var children: [NamedLink]
    var hasChildren: Bool
}

struct SitePhoto: Codable {
    var image: String
    var caption: String
    var picture: Picture?
}

/// The footer's address, telephone (a `tel:` link), fax and e-mail (a `mailto:` link); absent parts left out.
struct ContactValues: Codable {
    var address: String?
    var phone: String?
    var phoneLink: String?
    var fax: String?
    var email: String?
    var emailLink: String?
}

/// Where the counter's widgets take their figures from: only addresses, no figures (`CounterFiles`).
struct CounterAddresses: Codable {
    var isConfigured: Bool
    var statisticsURL: String?
    var figuresURL: String?
    var viewsURL: String?
}

/// The picture a shared link shows (Open Graph): the site's PNG, or a page's own raster photo.
struct ShareImage: Codable {
    var url: String
    var alt: String
    var width: Int?
    var height: Int?
    var type: String?
}

/// A year of the archive: in the sidebar (the newest `is_open`, with its months) and on the archive index.
struct ArchiveYearLink: Codable {
    var year: Int
    var count: Int
    var url: String
    var isOpen: Bool?
    var months: [MonthLink]
}

struct MonthLink: Codable {
    /// Two digits: "03".
    var month: String
    var year: Int
    var url: String
    var count: Int
    /// On a month's page, in the row of its year's months.
    var isCurrent: Bool?
}

// MARK: pictures

/// A processed photo (`ImageCatalog`): one fallback file with its size, modern formats as `sources`.
struct Picture: Codable {
    var alt: String
    var src: String
    var width: Int
    var height: Int
    var type: String
    /// Only when site.yml lists no modern format: the fallback's widths.
    var srcset: String?
    var sources: [PictureSource]
    var og: OpenGraphPicture?
    /// A body picture's title (`![alt](src "title")`), for the `body-image` template; when the picture is alone in
    /// its paragraph the title is its `caption` instead.
    var title: String?
    var caption: String?
}

struct PictureSource: Codable {
    var type: String
    var srcset: String
}

struct OpenGraphPicture: Codable {
    var url: String
    var width: Int
    var height: Int
    var type: String
}

// MARK: articles

/// An article as lists show it, the same in every list; rendered once by the `item` template into `html`.
struct ArticleItem: Codable {
    var title: String
    var url: String
    var dateShort: String
    var dateText: String
    var dateISO: String
    /// The picture's fallback file, the image as written when it is not processed, or "".
    var image: String
    var imageAlt: String
    var hasImage: Bool
    var categoryName: String
    var categoryURL: String
    var summary: String?
    var picture: Picture?
    var html: String?
    /// The home page's first entry: its picture loaded at once, not lazily.
    var isLead: Bool?
}

/// An article's page and print view: its list entry's fields and these.
struct ArticleDetails: Codable {
    var absoluteURL: String
    var printURL: String
    /// The article's key in the counter's views file (with a `counter:` section only).
    var viewsKey: String?
    var backURL: String
    var breadcrumb: [NamedLink]
    var author: String?
    var source: String?
    /// The page of the document `source` names by its number.
    var sourceURL: String?
    var imageURL: String?
    var hasByline: Bool
    var bodyHTML: String
    /// "Tệp đính kèm": the files the article lists, with type and size.
    var attachments: [DocumentFileValues]
    var hasAttachments: Bool
    var tags: [NamedLink]
    var hasTags: Bool
    var related: [Encoded<ArticleItem>]
    var hasRelated: Bool
    /// Structured data for search engines, every `<` escaped.
    var jsonLD: String
}

typealias ArticleValues = Joined<Encoded<ArticleItem>, ArticleDetails>

struct HomeValues: Codable {
    var latest: [Encoded<ArticleItem>]
    var sections: [HomeSection]
}

struct HomeSection: Codable {
    var name: String
    var url: String
    var items: [Encoded<ArticleItem>]
}

// MARK: lists

/// Every page of the `list` template: a category's, a tag's, a month's or a year's articles, the archive index
/// (`years`) and the tag index (`tags`). One type: one template tells them apart by its flags.
struct ListingValues: Codable {
    var isCategory: Bool?
    var isTag: Bool?
    var isArchive: Bool?
    var isYear: Bool?
    var isArchiveIndex: Bool?
    var isTagIndex: Bool?
    var isIndex: Bool?
    var title: String
    /// The category or tag as written.
    var name: String?
    var url: String
    var breadcrumb: [NamedLink]?
    var children: [NamedLink]?
    var hasChildren: Bool?
    var feedURL: String?
    var year: Int?
    var month: String?
    var yearURL: String?
    var yearMonths: [MonthLink]?
    var count: Int?
    var years: [ArchiveYearLink]?
    var tags: [TagCount]?
    var items: [Encoded<ArticleItem>]?
    var isEmpty: Bool
    var pagination: Pagination.Values?
}

struct TagCount: Codable {
    var name: String
    var url: String
    var count: Int
}

extension Pagination {
    struct Values: Codable {
        var isPaginated: Bool
        var page: Int
        var totalPages: Int
        var hasPrev: Bool
        var prevURL: String
        var hasNext: Bool
        var nextURL: String
        var pages: [PageLink]
    }

    /// A page number, or a gap where numbers are left out (`is_gap` alone).
    struct PageLink: Codable {
        var number: Int?
        var url: String?
        var isCurrent: Bool?
        var isGap: Bool
    }
}

// MARK: other pages

struct StaticPageValues: Codable {
    var title: String
    var bodyHTML: String
}

struct AlbumValues: Codable {
    var title: String
    var url: String
    var dateText: String
    var dateISO: String
    var description: String?
    var photos: [AlbumPhoto]
    var count: Int
    var albumsURL: String
}

/// A photo of an album: a thumbnail in the grid and a large view (`#anh-3`) with links to its neighbours.
struct AlbumPhoto: Codable {
    var number: Int
    var id: String
    var caption: String
    var count: Int
    var albumURL: String
    var picture: Picture?
    var prevID: String?
    var nextID: String?
}

struct LatestAlbum: Codable {
    var title: String
    var url: String
    var photos: [AlbumPhoto]
}

struct AlbumIndexValues: Codable {
    var albums: [AlbumEntry]
    var url: String
}

struct AlbumEntry: Codable {
    var title: String
    var url: String
    var dateText: String
    var dateISO: String
    var count: Int
    var cover: Picture?
}

struct SearchValues: Codable {
    var url: String
    var indexURL: String
}

/// The page left at an old URL.
struct RedirectValues: Codable {
    var oldURL: String
    var targetURL: String
    var targetAbsoluteURL: String
    var title: String
}

/// `partials/counter-figures`: the statistics page's figures (`CounterFiles`).
struct CounterFigures: Codable {
    var isAvailable: Bool
    var hasFigures: Bool?
    var hasTotal: Bool?
    var total: String?
    var online: String?
    var snapshotTime: String?
    var mostRead: [MostReadEntry]?
    var hasMostRead: Bool?
    /// "Lượt tải": the published files' downloads, most first (absent on a site without files).
    var downloads: [MostReadEntry]?
    var hasDownloads: Bool?
}

struct MostReadEntry: Codable {
    var url: String
    var title: String
    var views: String
}

// MARK: documents

/// A page of the documents' list (`van-ban`): all of them, or one type's, issuer's, field's or year's.
struct DocumentListValues: Codable {
    var isAll: Bool
    var isType: Bool?
    var isIssuer: Bool?
    var isField: Bool?
    var isYear: Bool?
    /// The type, issuer, field or year as written.
    var name: String?
    var url: String
    var listURL: String
    var feedURL: String
    var count: Int
    var items: [DocumentItem]
    var isEmpty: Bool
    var typeFilters: [DocumentFilterLink]
    var issuerFilters: [DocumentFilterLink]
    var fieldFilters: [DocumentFilterLink]
    var hasFieldFilters: Bool
    var yearFilters: [DocumentFilterLink]
    var pagination: Pagination.Values?
}

/// A listing of the documents' filters, with how many documents it holds.
struct DocumentFilterLink: Codable {
    var name: String
    var url: String
    var count: Int
    var isCurrent: Bool?
}

/// A document as its row of the list shows it.
struct DocumentItem: Codable {
    var number: String
    var title: String
    var url: String
    var type: String
    var issuer: String
    var issuedText: String
    var issuedISO: String
    /// Accent-free, lower-case words of the row, which the list's instant filter matches what is typed against.
    var filterText: String
    var state: DocumentStateValues
}

/// "Còn hiệu lực", "Hết hiệu lực" or "Chưa có hiệu lực" (the words are the template's), as of the build.
struct DocumentStateValues: Codable {
    /// "con-hieu-luc", "het-hieu-luc", "chua-co-hieu-luc" (for a class name).
    var key: String
    var isInForce: Bool?
    var isExpired: Bool?
    var isNotYetInForce: Bool?
}

/// A document's page (`document`).
struct DocumentValues: Codable {
    var number: String
    var title: String
    var url: String
    var absoluteURL: String
    var type: String
    var typeURL: String
    var issuer: String
    var issuerURL: String
    var issuedText: String
    var issuedISO: String
    var effectiveText: String?
    var expiredText: String?
    var signer: String?
    var field: String?
    var fieldURL: String?
    var state: DocumentStateValues
    var files: [DocumentFileValues]
    var hasFiles: Bool
    var noteHTML: String?
    /// The articles whose `source` names this document, newest first.
    var citedBy: [CitingArticle]
    var hasCitedBy: Bool
    var listURL: String
    /// The document's key in the counter's views file (with a `counter:` section only).
    var viewsKey: String?
    /// Structured data for search engines, every `<` escaped.
    var jsonLD: String
}

/// A file to download: "PDF, 245 KB".
struct DocumentFileValues: Codable {
    var name: String
    var url: String
    /// For the print view, where a link cannot be followed.
    var absoluteURL: String
    var typeLabel: String
    var sizeText: String
    var isPDF: Bool
    /// A PDF's first page as a picture.
    var preview: Picture?
    /// The file's key in the counter's views file, for "Lượt tải" (with a `counter:` section only).
    var downloadsKey: String?
}

struct CitingArticle: Codable {
    var title: String
    var url: String
    var dateText: String
    var dateISO: String
}
