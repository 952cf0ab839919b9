import BanTinImages
import Foundation

/// The images stage's result: every picture the site shows (articles' and pages' `image:`, images in bodies,
/// site.yml `photos`, album photos) or links to from a body processed once by the image module, by the path editors wrote
/// ("/images/hoi-nghi.jpg"), with the files to publish. Bodies' `<img>` are rewritten here, in one place.
struct ImageCatalog: Sendable {
    /// Processed images by site path ("/images/a.jpg": the reference as `SitePath.image` gives it).
    var images: [String: ProcessedImage] = [:]
    /// Resized files to publish (hard-linked from the cache), each once, sorted by output path.
    var files: [OutputPlanner.Copy] = []
    var warnings: [Diagnostic] = []
    /// Encoded files this build made (zero when every photo came from the cache).
    var encodedFiles = 0
    /// "/images/": where published image files are.
    var urlPrefix = "/images/"
    /// The site's icons and default share picture, drawn from the logo (`templates/assets/favicon.svg`).
    var siteImages: [PageTable.SiteImage: Data] = [:]

    static let empty = ImageCatalog()

    /// Extensions of files the image module reads; others (PDF, …) are not pictures and are left alone.
    static let pictureExtensions: Set<String> = ["jpg", "jpeg", "jfif", "jpe", "png", "webp", "avif", "heic", "heif",
                                                 "tif", "tiff", "bmp", "gif", "svg"]
    /// Of them, those published only as resized copies (SVG and GIF are published as they are).
    static let rasterExtensions: Set<String> = ["jpg", "jpeg", "jfif", "jpe", "png", "webp", "avif", "heic", "heif",
                                                "tif", "tiff", "bmp"]

    /// One place an image is shown, for messages: the file and line that name it.
    struct Use {
        var reference: String
        var file: String
        var line: Int?
        /// The site folder the picture must stay in ("/albums/hoi-thao/" for an album's own photos), links
        /// resolved; nil: anywhere in content/.
        var folder: String? = nil
    }

    /// The site path of an image reference ("/images/a.jpg", "images/a.jpg", "/sub/images/a.jpg" under a base path),
    /// nil for web addresses and for links that are not pictures.
    static func sitePath(_ reference: String, basePath: String) -> String? {
        let lower = reference.lowercased()
        if lower.hasPrefix("http:") || lower.hasPrefix("https:") || lower.hasPrefix("//") || lower.hasPrefix("data:") {
            return nil
        }
        var path = String(reference.prefix { $0 != "?" && $0 != "#" })
        path = path.removingPercentEncoding ?? path
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/"),
              pictureExtensions.contains(path[path.index(after: dot)...].lowercased()) else { return nil }
        if path.hasPrefix(basePath) { return "/" + path.dropFirst(basePath.count) }
        return path.hasPrefix("/") ? path : "/" + path
    }

    /// Every place the site shows a picture, in file order.
    static func collectUses(_ site: Site, siteFile: String) -> [Use] {
        let articles = site.articles
        var uses = Parallel.map(articles.count) { index -> [Use] in
            let article = articles[index]
            let image = article.image.map { [Use(reference: $0, file: article.sourcePath, line: article.imageLine)] } ?? []
            if article.bodyNamesPictures == false { return image }
            return image + BodyImages.uses(article.bodyHTML, markdown: article.markdown, bodyLine: article.bodyLine,
                                           file: article.sourcePath)
        }.flatMap { $0 }
        for page in site.pages {
            uses += BodyImages.uses(page.bodyHTML, markdown: page.markdown, bodyLine: page.bodyLine, file: page.sourcePath)
        }
        for photo in site.config.photos { uses.append(Use(reference: photo.image, file: siteFile, line: photo.line)) }
        for album in site.albums {
            for photo in album.photos {
                uses.append(Use(reference: photo.image, file: album.sourcePath, line: photo.line, folder: photo.folder))
            }
        }
        return uses
    }

    static func process(_ uses: [Use], pipeline: ImagePipeline, contentDirectory: URL, projectRoot: URL,
                        routes: Routes) throws(BuildFailure) -> ImageCatalog {
        let content = contentDirectory.standardizedFileURL
        let contentPath = content.path.hasSuffix("/") ? content.path : content.path + "/"
        let realContent = content.resolvingSymlinksInPath().path
        let root = projectRoot.standardizedFileURL.path
        let display: (URL) -> String = { url in
            let path = url.standardizedFileURL.path
            return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
        }
        var problems: [Diagnostic] = []
        var order: [String] = []
        var sources: [String: SourceImage] = [:]
        var usesByPath: [String: [Use]] = [:]
        for use in uses {
            // Drawings (SVG) and animations (GIF) are published as they are, by the copy of content/images/: a
            // drawing without a size of its own is fine for browsers, and would be an error for libvips.
            // A ".gif" goes through the image module too, which decides by the bytes: a GIF comes back to be published
            // as it is, a JPEG named .gif is resized like any photo (published raw, it kept its metadata).
            guard let path = sitePath(use.reference, basePath: routes.basePath),
                  rasterExtensions.contains((path as NSString).pathExtension.lowercased())
                    || (path as NSString).pathExtension.lowercased() == "gif" else { continue }
            if usesByPath[path] == nil {
                // Appended, not resolved `relativeTo:` (which drops the last component of a folder URL without "/").
                // Found in any Unicode spelling of its name (NFCNames).
                let file = NFCNames.onDisk(String(path.dropFirst()), under: content).standardizedFileURL
                let real = file.resolvingSymlinksInPath().path
                guard file.path.hasPrefix(contentPath), real.hasPrefix(realContent + "/") else {
                    problems.append(.error(use.file, line: use.line, Message("image.outsideContent", ["reference": .text(use.reference)])))
                    continue
                }
                if let folder = use.folder, !real.hasPrefix(realContent + folder) {
                    problems.append(.error(use.file, line: use.line, Message("album.fileOutside", ["reference": .text(use.reference)])))
                    continue
                }
                order.append(path)
                sources[path] = SourceImage(path: display(file), file: file)
            }
            usesByPath[path, default: []].append(use)
        }
        let results = pipeline.process(order.map { sources[$0]! })
        // A cache folder that cannot be written fails every photo: one error about the folder, not one per article.
        if results.contains(where: { if case .failure(let problem) = $0 { problem.kind == .outputFailed } else { false } }),
           let reason = unwritable(pipeline.cacheDirectory) {
            throw BuildFailure([.error(display(pipeline.cacheDirectory) + "/", Message("image.cacheUnwritable", ["reason": .message(reason)]))])
        }
        var catalog = ImageCatalog()
        catalog.urlPrefix = routes.resource("images") + "/"
        var files: [String: OutputPlanner.Copy] = [:]
        // Read only when a picture is missing: the names a hint can point to.
        lazy var pictureNames = ContentLoader(contentDirectory: contentDirectory, displayRoot: projectRoot).imageSizes().keys
        for (path, result) in zip(order, results) {
            switch result {
            case .success(let image):
                catalog.images[path] = image
                guard image.kind == .encoded else { continue }
                for variant in image.files {
                    guard case .cacheFile(let url) = variant.location else { continue }
                    let output = "images/" + variant.fileName
                    files[output] = OutputPlanner.Copy(source: url, sourceName: image.path, path: output,
                                                       fingerprint: fingerprint(variant.sha256), linked: true)
                }
            case .failure(let problem):
                for use in usesByPath[path]! {
                    var message = Self.message(for: problem)
                    if problem.reason == .absent, let hint = PictureNameHint.hint(for: use.reference, among: pictureNames) {
                        message.arguments["hint"] = .message(hint)
                    }
                    problems.append(.error(use.file, line: use.line, Message("image.problem", [
                        "reference": .text(use.reference), "path": .text(problem.path), "problem": .message(message)])))
                }
            }
        }
        if problems.contains(where: { $0.severity == .error }) { throw BuildFailure(problems) }
        catalog.files = files.keys.sorted().map { files[$0]! }
        catalog.encodedFiles = pipeline.encodeCount
        catalog.warnings = problems
        return catalog
    }

    /// Why nothing can be written in `folder` (made when missing), or nil when a file can be.
    static func unwritable(_ folder: URL) -> Message? {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            return FileProblem.code(of: error).map(FileProblem.reasonMessage) ?? .verbatim(FileProblem.describe(error))
        }
        let probe = folder.appendingPathComponent(".write-test-\(UUID().uuidString)")
        let descriptor = open(probe.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return FileProblem.reasonMessage(errno) }
        close(descriptor)
        unlink(probe.path)
        return nil
    }

    /// The manifest's fingerprint of a variant: its name already carries its bytes' hash, so an unchanged
    /// variant is not read to be compared.
    static func fingerprint(_ sha256: String) -> UInt64 {
        UInt64(sha256.prefix(16), radix: 16) ?? 0
    }

    /// Photos in content/images/ that nothing shows or links to. They are not published: a photo is published only
    /// as resized copies under names carrying their content's hash, which a link reaches only when the build
    /// rewrites it (links in Markdown are; an address typed into a template or another site is not).
    static func unusedPictures(_ contentDirectory: URL, used: Set<String>, projectRoot: URL) -> [Diagnostic] {
        let folder = contentDirectory.appendingPathComponent("images")
        return OutputPlanner.Copy.all(in: folder, to: "images", displayRoot: projectRoot).compactMap { copy in
            let ext = (copy.path as NSString).pathExtension.lowercased()
            guard !used.contains("/" + copy.path) else { return nil }
            if rasterExtensions.contains(ext) {
                return .warning(copy.sourceName, line: 1, Message("image.unused", ["path": .text("/" + copy.path)]))
            }
            // A photo under another name (.bak, "~", none): not published as it is, and not usable by that name.
            guard !pictureExtensions.contains(ext), FileKind.of(copy.source) == .raster else { return nil }
            return .warning(copy.sourceName, line: 1, Message("image.photoMisnamed", ["path": .text("/" + copy.path)]))
        }
    }

    /// The picture values templates see (see templates/README.md), or nil when it is not in the catalog.
    func values(_ reference: String?, alt: String, basePath: String) -> Picture? {
        guard let reference, let path = Self.sitePath(reference, basePath: basePath), let image = images[path] else {
            return nil
        }
        // Percent-encoded as the resized files' names are: a raw space is no address.
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ",;")
        let encoded = String(path.dropFirst()).addingPercentEncoding(withAllowedCharacters: allowed) ?? String(path.dropFirst())
        return values(image, alt: alt, originalURL: basePath + encoded)
    }

    func values(_ image: ProcessedImage, alt: String, originalURL: String) -> Picture {
        if image.kind == .passedThrough {
            return Picture(alt: alt, src: originalURL, width: image.width, height: image.height,
                           type: image.sourceFormat.mimeType, sources: [])
        }
        let fallback = image.fallback
        // With WebP (the default) the fallback is one file: no `srcset` on the `<img>`, only on its `<source>`.
        let fallbackSrcset = image.srcset(for: image.fallbackFormat, urlPrefix: urlPrefix)
        return Picture(
            alt: alt, src: urlPrefix + fallback.urlName, width: fallback.width, height: fallback.height,
            type: fallback.format.mimeType, srcset: fallbackSrcset.isEmpty ? nil : fallbackSrcset,
            sources: image.formats.filter { $0 != image.fallbackFormat }.map { format in
                PictureSource(type: format.mimeType, srcset: image.srcset(for: format, urlPrefix: urlPrefix))
            },
            og: image.ogImage.map { og in
                OpenGraphPicture(url: urlPrefix + og.urlName, width: og.width, height: og.height, type: og.format.mimeType)
            })
    }
}

extension ImageCatalog {
    /// The first page of each PDF a document lists, drawn by libvips (poppler) and processed like a photo, through
    /// the same cache; a PDF that cannot be drawn is still published, with a warning and no picture.
    mutating func addDocumentPages(_ files: [PublishedFile], pipeline: ImagePipeline, contentDirectory: URL) {
        let pdfs = files.filter { $0.type == .pdf }
        guard !pdfs.isEmpty else { return }
        let drawn = Parallel.map(pdfs.count) { index -> Result<Data, ImageProblem> in
            guard let bytes = try? Data(contentsOf: contentDirectory.appendingPathComponent(pdfs[index].reference)) else {
                return .failure(ImageProblem(path: pdfs[index].source, kind: .missing, message: "the PDF cannot be read", reason: .unreadable))
            }
            return DocumentPage.firstPage(ofPDF: bytes, cacheDirectory: pipeline.cacheDirectory)
        }
        var keys: [String] = []
        var sources: [SourceImage] = []
        for (file, page) in zip(pdfs, drawn) {
            switch page {
            case .success(let png):
                keys.append("/" + file.path)
                // Named after the published file, so its resized copies read "ke-hoach-03.480.1a2b3c4d.webp".
                sources.append(SourceImage(path: file.path, bytes: png))
            case .failure(let problem):
                warnings.append(.warning(file.source, line: 1, Message("document.noFirstPage", ["problem": .message(Self.message(for: problem))])))
            }
        }
        var published = Dictionary(uniqueKeysWithValues: self.files.map { ($0.path, $0) })
        for (key, result) in zip(keys, pipeline.process(sources)) {
            guard case .success(let image) = result, image.kind == .encoded else { continue }
            images[key] = image
            for variant in image.files {
                guard case .cacheFile(let url) = variant.location else { continue }
                let output = "images/" + variant.fileName
                published[output] = OutputPlanner.Copy(source: url, sourceName: image.path, path: output,
                                                       fingerprint: Self.fingerprint(variant.sha256), linked: true)
            }
        }
        self.files = published.keys.sorted().map { published[$0]! }
        encodedFiles = pipeline.encodeCount
    }

    /// The picture of a PDF's first page (see `addDocumentPages`), or nil.
    func documentPage(_ file: PublishedFile, alt: String, basePath: String) -> Picture? {
        images["/" + file.path].map { values($0, alt: alt, originalURL: basePath + file.path) }
    }

    /// What went wrong with a picture, in the editors' words; the image module's own sentence (English, with
    /// the numbers and libvips' reason) goes in as the detail.
    static func message(for problem: ImageProblem) -> Message {
        // The library's words (libvips, the system) stay in brackets for the operator; bantin's are translated.
        let detail = Message.Argument.message(problem.detail.isEmpty ? .verbatim("") : Message("image.detail", ["text": "\(problem.detail)"]))
        switch problem.reason {
        case .absent: return Message("image.missing", ["hint": .message(.verbatim(""))])
        case .unreadable: return Message("image.unreadable", ["detail": detail])
        case .empty: return Message("image.empty")
        case .notAPicture: return Message("image.notAnImage")
        case .unpublishedFormat(let format): return Message("image.unpublishedFormat", ["format": "\(format)"])
        case .damaged: return Message("image.damaged", ["detail": detail])
        case .tooManyPixels(let width, let height, let megapixels, let limit):
            return Message("image.tooManyPixels", ["width": .count(width), "height": .count(height),
                                                   "megapixels": .count(megapixels), "limit": .count(limit)])
        case .outputFailed: return Message("image.outputFailed", ["detail": detail])
        case .logoNotDrawn: return Message("image.logoNotDrawn", ["detail": detail])
        }
    }
}

extension ImageCatalog {
    /// The favicon, the home-screen icon and the default share picture, drawn from the logo; a warning (and none
    /// of them) when there is no logo to draw from.
    static func siteImages(logo: (bytes: Data?, path: String), warnings: inout [Diagnostic]) -> [PageTable.SiteImage: Data] {
        let display = logo.path
        guard let bytes = logo.bytes else {
            warnings.append(.warning(display, Message("image.noLogo")))
            return [:]
        }
        do {
            let icons = try SiteIcons.make(logo: bytes, path: display)
            return [.favicon: icons.favicon, .appleTouchIcon: icons.appleTouchIcon, .shareImage: icons.shareImage]
        } catch {
            warnings.append(.warning(display, line: 1, message(for: error)))
            return [:]
        }
    }
}

/// The images stage's result: every picture processed once (`ImageCatalog`), and the model with the bodies'
/// pictures rewritten and the resized files in its page table.
struct PicturedSite {
    var model: SiteModel
    var catalog: ImageCatalog

    /// Collects every use, processes each image once (all cores, through the cache), rewrites the bodies' images
    /// and lists the files to publish. Throws every problem, each at every place the image is used. The Markdown
    /// is read here for the last time (to find the line of each body image): a single build lets it go at the end.
    static func make(_ bodies: consuming RenderedBodies, options: Build.Options,
                     memory: BuildState.Memory) throws(BuildFailure) -> PicturedSite {
        var model = (consume bodies).model
        let projectRoot = options.contentDirectory.deletingLastPathComponent()
        let cache = options.imageCacheDirectory ?? projectRoot.appendingPathComponent(".bantin/images")
        let pipeline = ImagePipeline(settings: model.site.config.images, cacheDirectory: cache, trustsSignatures: !options.fullRebuild)
        let siteFile = ContentLoader(contentDirectory: options.contentDirectory, displayRoot: projectRoot)
            .display(options.contentDirectory.appendingPathComponent("site.yml"))
        let uses = ImageCatalog.collectUses(model.site, siteFile: siteFile)
        var catalog = try ImageCatalog.process(uses, pipeline: pipeline, contentDirectory: options.contentDirectory,
                                               projectRoot: projectRoot, routes: model.table.routes)
        catalog.warnings += ImageCatalog.unusedPictures(options.contentDirectory, used: Set(catalog.images.keys),
                                                        projectRoot: projectRoot)
        catalog.addDocumentPages(model.site.documents.files, pipeline: pipeline, contentDirectory: options.contentDirectory)
        let rewriter = BodyImages(catalog: catalog, templates: model.theme.templates)
        // Both passes over the bodies run on every core: serial, they took 0.2–0.4 s at 10,000 articles.
        model.site.updateBodies { articles in
            let rewritten = Parallel.map(articles.count) {
                articles[$0].bodyNamesPictures == false ? articles[$0].bodyHTML : rewriter.rewrite(articles[$0].bodyHTML)
            }
            for index in articles.indices { articles[index].bodyHTML = rewritten[index] }
        }
        for index in model.site.pages.indices {
            model.site.pages[index].bodyHTML = rewriter.rewrite(model.site.pages[index].bodyHTML)
        }
        // Links to files point at the names the files are published under ("Kế hoạch 03.pdf" → "ke-hoach-03.pdf").
        let shelf = model.site.documents, routes = model.table.routes
        model.site.updateBodies { articles in
            for index in articles.indices where !articles[index].fileLinks.isEmpty {
                articles[index].bodyHTML = FileLinks.rewrite(articles[index].bodyHTML, shelf: shelf, routes: routes)
            }
        }
        for index in model.site.pages.indices where !model.site.pages[index].fileLinks.isEmpty {
            model.site.pages[index].bodyHTML = FileLinks.rewrite(model.site.pages[index].bodyHTML, shelf: shelf, routes: routes)
        }
        if !memory.remembers { model.site.releaseMarkdownSources() }
        model.table.addImageFiles(catalog.files.map(\.path), owners: catalog.files.map(\.sourceName))
        catalog.siteImages = ImageCatalog.siteImages(logo: model.theme.logo, warnings: &catalog.warnings)
        return PicturedSite(model: model, catalog: catalog)
    }
}
