import Foundation

/// The site's rules: turns loaded sources into a validated `Site`: resolves categories, derives slugs, rejects collisions,
/// and leaves out drafts and articles outside their publication window. Pure: no file access.
public enum SiteRules {
    public struct Options: Sendable {
        public var includeDrafts: Bool
        /// "Now" for publishDate/expiryDate; injected so builds and tests are reproducible.
        public var now: Date
        /// False (`bantin check`): every article is validated as if published, drafts and scheduled ones too.
        public var holdsBack = true

        public init(includeDrafts: Bool = false, now: Date = Date()) {
            self.includeDrafts = includeDrafts
            self.now = now
        }
    }

    /// URL segments the generator owns; a static page may not take them.
    static let reservedPageSlugs: Set<String> = ["tin", "chuyen-muc", "the", "assets", "images", "tim-kiem",
                                                        "luu-tru", "404", "index", "feed", "sitemap", "album"]

    public static func apply(config: SiteConfig, articles sources: [ArticleSource], pages pageSources: [PageSource],
                             options: Options = Options()) -> (Site?, HeldBack, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let categories = resolveCategories(config, diagnostics: &diagnostics)
        var held = HeldBack()
        var articles: [Article] = []
        var slugOwners: [String: String] = [:]
        // Made on every core before the rules below, which go through the articles one after another (at 50,000
        // articles the slugs were most of this function's time); a category is found once per way it is written.
        let slugs = Parallel.map(sources.count) { Slug.make(sources[$0].slug ?? sources[$0].title) }
        var categoryNamed: [String: Category?] = [:]

        for (index, source) in sources.enumerated() {
            if options.holdsBack {
                if source.draft && !options.includeDrafts { held.drafts += 1; continue }
                if let publish = source.publishDate, publish > options.now { held.scheduled += 1; continue }
                if let expiry = source.expiryDate, expiry <= options.now { held.expired += 1; continue }
            }

            if categoryNamed[source.category] == nil { categoryNamed[source.category] = .some(findCategory(source.category, in: categories)) }
            let category = categoryNamed[source.category] ?? nil
            if category == nil, source.isUsable || !source.category.isEmpty {
                let known = categories.map { "\"\($0.name)\" (\($0.slug))" }.joined(separator: ", ")
                diagnostics.append(.error(source.path, line: source.categoryLine,
                                          Message("category.unknown", ["name": "\(source.category)", "known": "\(known)"])))
            }
            guard source.isUsable, let category else {
                // Read with errors: the fields that were read are still checked, so one run names every problem.
                if !source.isUsable {
                    if let typed = source.slug { _ = checked(typed, source: source, key: "slug", SitePath.slug, into: &diagnostics) }
                    _ = checked(source.image, source: source, key: "image", SitePath.image, into: &diagnostics)
                    for alias in source.aliases { _ = checked(alias, source: source, key: "aliases", SitePath.alias, into: &diagnostics) }
                }
                continue
            }
            if let typed = source.slug, checked(typed, source: source, key: "slug", SitePath.slug, into: &diagnostics) == nil {
                continue
            }
            let slug = slugs[index]
            guard !slug.isEmpty else {
                diagnostics.append(.error(source.path, line: source.slugLine,
                                          Message("slug.empty", ["from": "\(source.slug ?? source.title)"])))
                continue
            }
            if let owner = slugOwners[slug] {
                diagnostics.append(.error(source.path, line: source.slugLine,
                                          Message("slug.taken", ["slug": "\(slug)", "owner": "\(owner)"])))
                continue
            }
            slugOwners[slug] = source.path

            var article = Article(sourcePath: source.path, slug: slug, title: source.title, date: source.date,
                                  categorySlug: category.slug, markdown: source.body, bodyLine: source.bodyLine,
                                  summary: source.summary)
            article.tags = uniqueTags(source.tags)
            article.author = source.author
            article.source = source.source
            article.image = checked(source.image, source: source, key: "image", SitePath.image, into: &diagnostics)
            article.imageAlt = source.imageAlt
            article.imageLine = source.lines["image"] ?? nil
            article.aliases = source.aliases.compactMap { checked($0, source: source, key: "aliases", SitePath.alias, into: &diagnostics) }
            article.isDraft = source.draft
            article.relatedPins = source.related.map { Slug.make($0) }
            article.attachments = source.attachments
            article.attachmentsLine = source.lines["attachments"] ?? nil
            article.fileLinks = source.fileLinks
            articles.append(article)
        }

        diagnostics += checkPins(articles, sources: sources)
        let pages = resolvePages(pageSources, options: options, diagnostics: &diagnostics)

        guard !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, held, diagnostics) }
        return (Site(config: config, categories: categories, articles: articles, pages: pages), held, diagnostics)
    }

    /// Runs a path check, turning its refusal into an error on the key's line.
    static func checked(_ value: String?, source: ArticleSource, key: String,
                        _ check: (String) throws(SitePath.Problem) -> String, into diagnostics: inout [Diagnostic]) -> String? {
        guard let value else { return nil }
        do {
            return try check(value)
        } catch {
            diagnostics.append(.error(source.path, line: source.lines[key] ?? nil, Message("field.problem", ["key": "\(key)", "problem": .message(error.message)])))
            return nil
        }
    }

    /// A category is named by its name or slug; capitals, accents and NFC/NFD differences are forgiven.
    static func findCategory(_ reference: String, in categories: [Category]) -> Category? {
        let wanted = Slug.make(reference)
        return categories.first { $0.slug == wanted } ?? categories.first { Slug.make($0.name) == wanted }
    }

    static func resolveCategories(_ config: SiteConfig, diagnostics: inout [Diagnostic]) -> [Category] {
        var flat: [Category] = []
        var lines: [String: Int?] = [:]
        for (position, entry) in config.categories.enumerated() {
            let slug = Slug.make(entry.slug ?? entry.name)
            if let clash = flat.first(where: { $0.slug == slug }) {
                diagnostics.append(.error("site.yml", line: entry.line,
                                          Message("category.slugClash", ["name": "\(entry.name)", "slug": "\(slug)", "other": "\(clash.name)"])))
                continue
            }
            flat.append(Category(name: entry.name, slug: slug, order: entry.order ?? position + 1))
            lines[slug] = entry.line
        }
        for (index, entry) in config.categories.enumerated() where index < flat.count {
            guard let parentName = entry.parent else { continue }
            let slug = Slug.make(entry.slug ?? entry.name)
            guard let childIndex = flat.firstIndex(where: { $0.slug == slug }) else { continue }
            guard let parent = findCategory(parentName, in: flat), parent.slug != slug else {
                diagnostics.append(.error("site.yml", line: entry.line,
                                          Message("category.unknownParent", ["name": "\(entry.name)", "parent": "\(parentName)"])))
                continue
            }
            flat[childIndex].parentSlug = parent.slug
        }
        // Reject cycles (a → b → a): walking up must reach a root.
        for category in flat {
            var seen: Set<String> = [category.slug]
            var current = category.parentSlug
            while let slug = current {
                if !seen.insert(slug).inserted {
                    diagnostics.append(.error("site.yml", line: lines[category.slug] ?? nil,
                                              Message("category.cycle", ["name": "\(category.name)"])))
                    return flat
                }
                current = flat.first { $0.slug == slug }?.parentSlug
            }
        }
        return orderedTree(flat)
    }

    /// Depth-first by `order`, then name, so parents precede their children everywhere.
    static func orderedTree(_ flat: [Category]) -> [Category] {
        let byOrder = flat.sorted { ($0.order, $0.name) < ($1.order, $1.name) }
        var result: [Category] = []
        func visit(_ parent: String?) {
            for var category in byOrder where category.parentSlug == parent {
                category.childSlugs = byOrder.filter { $0.parentSlug == category.slug }.map(\.slug)
                result.append(category)
                visit(category.slug)
            }
        }
        visit(nil)
        return result
    }

    static func uniqueTags(_ names: [String]) -> [Tag] {
        var seen: Set<String> = []
        return names.compactMap { name in
            let slug = Slug.make(name)
            guard !slug.isEmpty, seen.insert(slug).inserted else { return nil }
            return Tag(name: name, slug: slug)
        }
    }

    static func checkPins(_ articles: [Article], sources: [ArticleSource]) -> [Diagnostic] {
        let known = Set(articles.map(\.slug))
        let lineByPath = Dictionary(sources.map { ($0.path, $0.relatedLine) }, uniquingKeysWith: { first, _ in first })
        var diagnostics: [Diagnostic] = []
        for article in articles {
            for pin in article.relatedPins where !known.contains(pin) || pin == article.slug {
                let message = Message(pin == article.slug ? "related.pinIsSelf" : "related.pinUnknown", ["pin": "\(pin)"])
                diagnostics.append(.error(article.sourcePath, line: lineByPath[article.sourcePath] ?? nil, message))
            }
        }
        return diagnostics
    }

    static func resolvePages(_ sources: [PageSource], options: Options, diagnostics: inout [Diagnostic]) -> [StaticPage] {
        var owners: [String: String] = [:]
        var pages: [StaticPage] = []
        for source in sources where !source.draft || options.includeDrafts {
            if let typed = source.slug {
                do { _ = try SitePath.slug(typed) } catch {
                    diagnostics.append(.error(source.path, line: source.slugLine, Message("field.problem", ["key": "slug", "problem": .message(error.message)])))
                    continue
                }
            }
            let slug = Slug.make(source.slug ?? source.title)
            if slug.isEmpty || reservedPageSlugs.contains(slug) {
                diagnostics.append(.error(source.path, line: source.slugLine,
                                          Message("pageSlug.reserved", ["slug": "\(slug)", "reserved": .list(reservedPageSlugs.sorted())])))
                continue
            }
            if let owner = owners[slug] {
                diagnostics.append(.error(source.path, line: source.slugLine,
                                          Message("pageSlug.taken", ["slug": "\(slug)", "owner": "\(owner)"])))
                continue
            }
            owners[slug] = source.path
            var page = StaticPage(sourcePath: source.path, slug: slug, title: source.title,
                                  description: source.description, markdown: source.body, bodyLine: source.bodyLine)
            page.aliasesLine = source.aliasesLine
            page.fileLinks = source.fileLinks
            page.aliases = source.aliases.compactMap { alias in
                do throws(SitePath.Problem) { return try SitePath.alias(alias) } catch {
                    diagnostics.append(.error(source.path, line: source.aliasesLine,
                                              Message("field.problem", ["key": "aliases", "problem": .message(error.message)])))
                    return nil
                }
            }
            pages.append(page)
        }
        return pages
    }
}

/// Why articles were left out of this build, for the summary line.
public struct HeldBack: Sendable, Equatable, Codable {
    public var drafts = 0
    var scheduled = 0
    var expired = 0
    public var total: Int { drafts + scheduled + expired }
}
