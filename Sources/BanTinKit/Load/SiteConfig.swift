import BanTinImages
import Foundation

/// `content/site.yml`, typed. Validation that needs the whole site (category parents, slugs) is in the model stage.
public struct SiteConfig: Sendable {
    public struct CategoryEntry: Sendable, Hashable {
        public var name: String
        public var slug: String?
        public var order: Int?
        public var parent: String?
        public var line: Int?

        public init(name: String, slug: String? = nil, order: Int? = nil, parent: String? = nil, line: Int? = nil) {
            self.name = name; self.slug = slug; self.order = order; self.parent = parent; self.line = line
        }
    }

    public struct Link: Sendable, Hashable {
        public var title: String
        public var url: String
        public init(title: String, url: String) { self.title = title; self.url = url }
    }

    public struct Photo: Sendable, Hashable {
        public var image: String
        public var caption: String
        /// Line of the photo's `image:` in site.yml.
        public var line: Int?
        public init(image: String, caption: String, line: Int? = nil) {
            self.image = image; self.caption = caption; self.line = line
        }
    }

    /// The department's address, telephone, fax and e-mail (`contact:`): the footer links the telephone
    /// (`tel:`) and the e-mail (`mailto:`), and structured data names them as the publisher's.
    struct Contact: Sendable, Hashable {
        var address: String?
        var phone: String?
        var fax: String?
        var email: String?
        init(address: String? = nil, phone: String? = nil, fax: String? = nil, email: String? = nil) {
            self.address = address; self.phone = phone; self.fax = fax; self.email = email
        }

        /// "tel:" with the number's digits (and a leading "+"): RFC 3966 allows no spaces, and phones dial
        /// "0270 3822 150" as written without them.
        var phoneLink: String? {
            phone.map { number in
                "tel:" + (number.hasPrefix("+") ? "+" : "") + number.filter { $0.isASCII && $0.isNumber }
            }
        }
        var emailLink: String? { email.map { "mailto:" + $0 } }
    }

    public var title: String
    public var description: String = ""
    public var baseURL: URL
    var language: String = "vi"
    public var timeZone: TimeZone
    var pageSize: Int = 10
    var latestCount: Int = 8
    var homeSectionCount: Int = 4
    var unsafeMarkdown: Bool = false
    public var categories: [CategoryEntry] = []
    var menu: [Link] = []
    public var links: [Link] = []
    public var photos: [Photo] = []
    var footer: String = ""
    /// The `contact:` section; nil when absent.
    var contact: Contact?
    /// The `related:` section: how related news are chosen (defaults when absent).
    public var related = RelatedSettings()
    /// The `counter:` section; nil when absent, and the visit counter is off.
    public var counter: CounterSettings?
    /// The `search:` section.
    public var search = SearchSettings()
    /// The `check:` section, for `bantin check`.
    public var check = CheckSettings()
    /// The `images:` section: widths, formats and limits of published photos (defaults when absent).
    public var images = ImageSettings()
    /// The `documents:` section: the types of documents (văn bản) editors may use.
    public var documents = DocumentSettings()

    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"
    static let knownKeys = ["title", "description", "base_url", "language", "time_zone", "page_size", "latest_count",
                            "home_section_count", "markdown", "related", "categories", "menu", "links", "photos",
                            "footer", "contact", "counter", "search", "check", "images", "documents",
                            // Read before the build by `Language.resolve`: the language of bantin's messages.
                            "messages"]

    public init(title: String, baseURL: URL, timeZone: TimeZone = TimeZone(identifier: SiteConfig.defaultTimeZone)!) {
        self.title = title
        self.baseURL = baseURL
        self.timeZone = timeZone
    }

    /// Reads site.yml; every problem is returned, and a config is returned whenever the essentials parse.
    public static func parse(_ file: SourceFile) -> (SiteConfig?, [Diagnostic]) {
        let (parsed, parseErrors) = YAMLFields.parse(file.text, file: file.path)
        guard var fields = parsed else { return (nil, parseErrors) }
        fields.warnAboutUnknownKeys(known: knownKeys, context: "site.yml")

        let title = fields.string("title", required: true) ?? ""
        let baseText = fields.string("base_url", required: true) ?? "/"
        var baseURL = URL(string: "http://localhost/")!
        if let url = URL(string: baseText.hasSuffix("/") ? baseText : baseText + "/"), url.scheme != nil, url.host != nil {
            baseURL = url
        } else if fields.has("base_url") {
            fields.error("base_url", Message("site.baseURL", ["found": "\(baseText)"]))
        }
        let zoneName = fields.string("time_zone") ?? defaultTimeZone
        var zone = TimeZone(identifier: defaultTimeZone)!
        if let named = TimeZone(identifier: zoneName) {
            zone = named
        } else {
            fields.error("time_zone", Message("site.timeZone", ["name": "\(zoneName)", "example": "\(defaultTimeZone)"]))
        }

        var config = SiteConfig(title: title, baseURL: baseURL, timeZone: zone)
        config.description = fields.string("description") ?? ""
        config.language = fields.string("language") ?? "vi"
        config.pageSize = fields.int("page_size", in: 1...1000) ?? config.pageSize
        config.latestCount = fields.int("latest_count", in: 0...100) ?? config.latestCount
        config.homeSectionCount = fields.int("home_section_count", in: 0...100) ?? config.homeSectionCount
        config.footer = fields.string("footer") ?? ""
        // Each section is decoded here, once, into its typed value; its problems carry their lines.
        config.contact = section("contact", of: &fields, decodeContact)
        if let markdown = section("markdown", of: &fields, { markdown -> Bool in
            markdown.warnAboutUnknownKeys(known: ["unsafe"], context: "markdown")
            return markdown.bool("unsafe") ?? false
        }) { config.unsafeMarkdown = markdown }
        config.related = section("related", of: &fields, RelatedSettings.decode) ?? config.related
        config.counter = section("counter", of: &fields, CounterSettings.decode)
        config.search = section("search", of: &fields, SearchSettings.decode) ?? config.search
        config.check = section("check", of: &fields, CheckSettings.decode) ?? config.check
        config.documents = section("documents", of: &fields, DocumentSettings.decode) ?? config.documents
        var imageProblems: [Diagnostic] = []
        if fields.has("images") {
            let (settings, problems) = ImageSettings.read(fields.node("images"), file: fields.file, lineOffset: fields.lineOffset)
            config.images = settings
            imageProblems = problems.map {
                Diagnostic($0.severity == .error ? .error : .warning, file: $0.file, line: $0.line, $0.message)
            }
        }
        for var entry in fields.mappings("categories") {
            entry.warnAboutUnknownKeys(known: ["name", "slug", "order", "parent"], context: "category")
            if let name = entry.string("name", required: true) {
                config.categories.append(CategoryEntry(
                    name: name.precomposedStringWithCanonicalMapping, slug: entry.string("slug"),
                    order: entry.int("order", in: Int.min...Int.max), parent: entry.string("parent"),
                    line: entry.mappingLine))
            }
            fields.absorb(&entry)
        }
        config.menu = readLinks(&fields, key: "menu")
        config.links = readLinks(&fields, key: "links")
        for var entry in fields.mappings("photos") {
            entry.warnAboutUnknownKeys(known: ["image", "caption"], context: "photo")
            if let image = entry.string("image", required: true) {
                do {
                    config.photos.append(Photo(image: try SitePath.image(image), caption: entry.string("caption") ?? "",
                                               line: entry.line(of: "image")))
                } catch {
                    entry.error("image", Message("field.problem", ["key": "image", "problem": .message(error.message)]))
                }
            }
            fields.absorb(&entry)
        }
        return (config, parseErrors + fields.takeDiagnostics() + imageProblems)
    }

    private static func decodeContact(_ fields: inout YAMLFields) -> Contact {
        fields.warnAboutUnknownKeys(known: ["address", "phone", "fax", "email"], context: "contact")
        // Absent, not "": templates show a section for any string, even an empty one.
        func text(_ key: String) -> String? {
            fields.string(key).map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let contact = Contact(address: text("address"), phone: text("phone"), fax: text("fax"), email: text("email"))
        if let phone = contact.phone, !phone.contains(where: { $0.isASCII && $0.isNumber }) {
            fields.error("phone", Message("site.phone", ["found": "\(phone)"]))
        }
        if let email = contact.email, email.split(separator: "@").count != 2 || email.contains(where: \.isWhitespace) {
            fields.error("email", Message("site.email", ["found": "\(email)"]))
        }
        return contact
    }

    /// A section of site.yml decoded by `decode`, nil when site.yml has none; its problems join the file's.
    private static func section<Value>(_ key: String, of fields: inout YAMLFields,
                                       _ decode: (inout YAMLFields) -> Value) -> Value? {
        guard var section = fields.mapping(key) else { return nil }
        defer { fields.absorb(&section) }
        return decode(&section)
    }

    private static func readLinks(_ fields: inout YAMLFields, key: String) -> [Link] {
        var links: [Link] = []
        for var entry in fields.mappings(key) {
            entry.warnAboutUnknownKeys(known: ["title", "url"], context: key)
            if let title = entry.string("title", required: true), let url = entry.string("url", required: true) {
                do {
                    links.append(Link(title: title, url: try SitePath.link(url)))
                } catch {
                    entry.error("url", Message("field.problem", ["key": "url", "problem": .message(error.message)]))
                }
            }
            fields.absorb(&entry)
        }
        return links
    }
}

