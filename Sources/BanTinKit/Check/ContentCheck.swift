import BanTinImages
import Foundation

/// `bantin check`: every problem an editor can fix, in every file (drafts and scheduled articles too),
/// without building the site: front matter, duplicate slugs, links to articles or images that do not exist,
/// photos that are not pictures or cannot be read, photos too narrow to look sharp, pictures without a
/// description, categories with no published article. Pure: files (and photo headers) in, problems out.
public enum ContentCheck {
    public struct Inputs: Sendable {
        public var siteFile: SourceFile?
        public var articleFiles: [SourceFile]
        public var pageFiles: [SourceFile]
        /// Templates, when they should be checked too.
        public var templates: [String: SourceFile]?
        /// Files under `content/images/` by their path there ("a.jpg", "2026/b.png"), with their size in bytes.
        public var images: [String: Int64]
        /// How image files are named in messages ("content/images/").
        public var imagesFolder: String
        /// Problems found while reading the files.
        public var loadDiagnostics: [Diagnostic]
        /// The header (format, displayed size) of each photo under `content/images/`, by its path there, or why it
        /// cannot be read (`imageHeaders(in:)`).
        public var imageHeaders: [String: Result<ImageInfo, ImageProblem>] = [:]

        public init(siteFile: SourceFile?, articleFiles: [SourceFile], pageFiles: [SourceFile] = [],
                    templates: [String: SourceFile]? = nil, images: [String: Int64] = [:],
                    imagesFolder: String = "content/images/", loadDiagnostics: [Diagnostic] = [],
                    imageHeaders: [String: Result<ImageInfo, ImageProblem>] = [:]) {
            self.imageHeaders = imageHeaders
            self.siteFile = siteFile
            self.articleFiles = articleFiles
            self.pageFiles = pageFiles
            self.templates = templates
            self.images = images
            self.imagesFolder = imagesFolder
            self.loadDiagnostics = loadDiagnostics
        }
    }


    /// Problems sorted by file and line; each has a line (1 for problems of a whole file).
    public static func run(_ inputs: Inputs, now: Date = Date()) -> [Diagnostic] {
        var problems = inputs.loadDiagnostics
        if let templates = inputs.templates {
            do { _ = try TemplateSet(sources: templates) } catch { problems += error.diagnostics }
        }
        guard let siteFile = inputs.siteFile else { return sorted(problems) }
        let (parsed, configProblems) = SiteConfig.parse(siteFile)
        problems += configProblems
        guard let config = parsed else { return sorted(problems) }

        var read: [ArticleSource] = []
        for file in inputs.articleFiles {
            let (article, fileProblems) = ArticleSource.read(file, timeZone: config.timeZone)
            problems += fileProblems
            if let article { read.append(article) }
        }
        // The site-wide rules see the files read with errors too (their other problems are named at once); the
        // checks of links and pictures only the usable ones, as the build.
        let articles = read.filter(\.isUsable)
        var pages: [PageSource] = []
        for file in inputs.pageFiles {
            let (page, fileProblems) = PageSource.read(file)
            problems += fileProblems
            if let page { pages.append(page) }
        }

        // Validate every article as if it were published, so drafts and scheduled ones are checked too.
        let everyArticle = read.map { article in
            var article = article
            article.draft = false
            article.publishDate = nil
            article.expiryDate = nil
            return article
        }
        let (_, _, modelProblems) = SiteRules.apply(config: config, articles: everyArticle, pages: pages,
                                                    options: .init(includeDrafts: true, now: now))
        problems += modelProblems

        let published = articles.filter { isPublished($0, now: now) }
        let links = LinkCheck(config: config, articles: articles, published: published, images: inputs.images)
        // Bodies are checked even where the front matter has errors.
        for file in inputs.articleFiles + inputs.pageFiles {
            guard let parts = try? FrontMatter.split(file.text) else { continue }
            problems += links.check(body: parts.body.precomposedStringWithCanonicalMapping, bodyLine: parts.bodyLine, file: file.path)
        }
        for article in articles {
            if let image = article.image {
                problems += links.checkImage(image, file: article.path, line: article.lines["image"] ?? nil)
            }
        }
        for photo in config.photos {
            problems += links.checkImage(photo.image, file: siteFile.path, line: nil)
        }
        problems += photoProblems(inputs, config: config)
        for article in articles where article.image != nil && article.imageAlt == nil {
            problems.append(.warning(article.path, line: article.lines["image"] ?? nil,
                Message("check.imageAltMissing")))
        }
        problems += emptyCategories(config: config, published: published, siteFile: siteFile.path)
        return sorted(problems)
    }

    static func isPublished(_ article: ArticleSource, now: Date) -> Bool {
        if article.draft { return false }
        if let publish = article.publishDate, publish > now { return false }
        if let expiry = article.expiryDate, expiry <= now { return false }
        return true
    }

    /// Photos libvips cannot read (errors: the build would stop on them) and photos narrower than
    /// `check.min_image_width` (warnings). Their size in bytes does not matter: the build resizes them.
    static func photoProblems(_ inputs: Inputs, config: SiteConfig) -> [Diagnostic] {
        let minimum = config.check.minImageWidth
        return inputs.imageHeaders.keys.sorted().compactMap { name in
            let file = inputs.imagesFolder + name
            switch inputs.imageHeaders[name]! {
            case .failure(let problem):
                return .error(file, line: 1, ImageCatalog.message(for: problem))
            case .success(let info):
                guard info.width < minimum, !["svg", "gif"].contains(info.format.rawValue) else { return nil }
                return .warning(file, line: 1, Message("check.photoNarrow", ["width": .count(info.width), "minimum": .count(minimum)]))
            }
        }
    }

    /// The headers of the photos under `folder` (`content/images/`), read without decoding, by their path there.
    public static func imageHeaders(in folder: URL, displayRoot: URL) -> [String: Result<ImageInfo, ImageProblem>] {
        var headers: [String: Result<ImageInfo, ImageProblem>] = [:]
        let root = folder.standardizedFileURL.path + "/"
        for copy in OutputPlanner.Copy.all(in: folder, to: "images", displayRoot: displayRoot) {
            guard ImageCatalog.pictureExtensions.contains((copy.path as NSString).pathExtension.lowercased()) else { continue }
            let name = String(copy.source.standardizedFileURL.path.dropFirst(root.count))
            headers[name] = ImageInfo.read(SourceImage(path: copy.sourceName, file: copy.source))
        }
        return headers
    }

    /// A category whose listing would be empty: neither it nor any of its children has a published article.
    static func emptyCategories(config: SiteConfig, published: [ArticleSource], siteFile: String) -> [Diagnostic] {
        var ignored: [Diagnostic] = []
        let categories = SiteRules.resolveCategories(config, diagnostics: &ignored)
        var counts: [String: Int] = [:]
        for article in published {
            if let category = SiteRules.findCategory(article.category, in: categories) { counts[category.slug, default: 0] += 1 }
        }
        func total(_ slug: String) -> Int {
            let children = categories.first { $0.slug == slug }?.childSlugs ?? []
            return (counts[slug] ?? 0) + children.reduce(0) { $0 + total($1) }
        }
        return categories.filter { total($0.slug) == 0 }.map { category in
            let line = config.categories.first { Slug.make($0.slug ?? $0.name) == category.slug }?.line
            return .warning(siteFile, line: line, Message("check.emptyCategory", ["name": "\(category.name)", "slug": "\(category.slug)"]))
        }
    }

    static func sorted(_ problems: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        return problems.map { problem in
            var problem = problem
            if problem.line == nil { problem.line = 1 }
            return problem
        }
        .filter { seen.insert($0).inserted }
        .sorted { ($0.file, $0.line ?? 0) < ($1.file, $1.line ?? 0) }
    }
}
