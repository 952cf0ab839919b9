import BanTinImages
import Foundation

/// The load stage's result: everything a build reads from disk, read once. Editors' files, the designer's
/// templates, and the files copied into the site as they are.
struct SiteSources {
    var siteFile: SourceFile
    var articleFiles: [SourceFile]
    var pageFiles: [SourceFile]
    /// `content/albums/*/album.yml`.
    var albumFiles: [SourceFile] = []
    /// `content/documents/**/*.md`.
    var documentFiles: [SourceFile] = []
    var templates: [String: SourceFile]
    /// `templates/locale.yml` (the words and patterns of dates and numbers), or why it could not be read (an error
    /// the model stage reports after the content's own).
    var locale: Result<SourceFile, BuildFailure>
    /// The logo the site's icons are drawn from (`templates/assets/favicon.svg`): its bytes and how messages name it.
    var logo: (bytes: Data?, path: String)
    /// Assets and images, copied as they are.
    var copies: [OutputPlanner.Copy]
    /// Warnings found while reading (errors stop the build here).
    var diagnostics: [Diagnostic]

    /// Sources held in memory (tests, and any caller with files of its own): nothing is copied, no logo.
    init(siteFile: SourceFile, articleFiles: [SourceFile], pageFiles: [SourceFile] = [], albumFiles: [SourceFile] = [],
         templates: [String: SourceFile], locale: SourceFile) {
        self.siteFile = siteFile
        self.articleFiles = articleFiles
        self.pageFiles = pageFiles
        self.albumFiles = albumFiles
        self.templates = templates
        self.locale = .success(locale)
        self.logo = (nil, "templates/assets/favicon.svg")
        copies = []
        diagnostics = []
    }

    var filesRead: Int { articleFiles.count + pageFiles.count + documentFiles.count + templates.count + 1 }

    /// Reads the project; throws every error found while reading.
    /// `bytesRead`: told the hash of each content file's bytes (for the build cache's scan).
    /// `unread`: article files the article cache spares reading (`ContentLoader.unread`).
    static func read(_ options: Build.Options, memory: inout BuildState.Memory, bytesRead: BytesRead? = nil,
                     unread: Set<String> = []) throws(BuildFailure) -> SiteSources {
        // Until this build is the output's latest, a preview must not start from the one before.
        memory.previewBasis = nil
        var loader = ContentLoader(contentDirectory: options.contentDirectory, cache: memory.remembers ? memory.files : nil)
        loader.bytesRead = bytesRead
        loader.unread = unread
        if let report = options.progress { loader.progress = { report(Build.Progress(filesRead: $0)) } }
        let loaded = loader.load()
        memory.keepOnly(Set((loaded.siteFile.map { [$0] } ?? []).map(\.path) + (loaded.articleFiles + loaded.pageFiles).map(\.path)))
        let projectRoot = options.contentDirectory.deletingLastPathComponent()
        let templateLoader = TemplateLoader(templatesDirectory: options.templatesDirectory, displayRoot: projectRoot)
        var problems = loaded.diagnostics
        let albums = AlbumSource.readAll(options.contentDirectory, displayRoot: projectRoot)
        problems += albums.diagnostics
        let documents = DocumentSource.readAll(options.contentDirectory, displayRoot: projectRoot)
        problems += documents.diagnostics
        var templates: [String: SourceFile] = [:]
        do { templates = try templateLoader.templateSources() } catch { problems += error.diagnostics }
        guard let siteFile = loaded.siteFile, !problems.contains(where: { $0.severity == .error }) else {
            throw BuildFailure(problems)
        }
        var copies = OutputPlanner.Copy.all(in: templateLoader.assetsDirectory, to: "assets", displayRoot: projectRoot)
            // Photos are published as the images stage's resized copies, never as they are.
            // Photos are published as the images stage's resized copies, never as they are: known by their name,
            // or by their bytes when the name says something else (.jfif, .gif, .bak, none).
            + OutputPlanner.Copy.all(in: options.contentDirectory.appendingPathComponent("images"), to: "images",
                                     displayRoot: projectRoot).filter {
                !ImageCatalog.rasterExtensions.contains(($0.path as NSString).pathExtension.lowercased())
                    && FileKind.of($0.source) != .raster
            }
        // GIFs are published as libvips writes them again, without the editor's file's metadata (CleanGIF).
        let imageCache = options.imageCacheDirectory ?? projectRoot.appendingPathComponent(".bantin/images")
        var gifProblems: [Diagnostic] = []
        for index in copies.indices where copies[index].path.hasPrefix("images/") && FileKind.of(copies[index].source) == .gif {
            switch CleanGIF.file(for: copies[index].source, cacheDirectory: imageCache) {
            case .success(let cleaned):
                copies[index].source = cleaned
                copies[index].linked = true
            case .failure(let problem):
                gifProblems.append(.error(copies[index].sourceName, line: 1, ImageCatalog.message(for: problem)))
            }
        }
        if !gifProblems.isEmpty { throw BuildFailure(problems + gifProblems) }
        // An editor's SVG with a script would run on the site's origin: refused before anything is written.
        let unsafeDrawings = SVGSafety.problems(copies.filter { $0.path.hasPrefix("images/") })
        if !unsafeDrawings.isEmpty { throw BuildFailure(problems + unsafeDrawings) }
        let locale = Result { () throws(BuildFailure) in try templateLoader.localeFile() }
        var sources = SiteSources(siteFile: siteFile, articleFiles: loaded.articleFiles, pageFiles: loaded.pageFiles,
                                  albumFiles: albums.files, templates: templates, locale: SourceFile(path: "", text: ""))
        sources.locale = locale
        sources.documentFiles = documents.files
        let logo = templateLoader.assetsDirectory.appendingPathComponent("favicon.svg")
        sources.logo = (FileManager.default.contents(atPath: logo.path),
                        ContentLoader(contentDirectory: projectRoot, displayRoot: projectRoot).display(logo))
        sources.copies = copies
        sources.diagnostics = problems
        options.progress?(Build.Progress(filesRead: sources.filesRead))
        return sources
    }
}
