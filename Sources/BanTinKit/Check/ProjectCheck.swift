import Foundation

extension Build {
    /// `bantin check`: what the build would fail on, found by the build's own stages (the pipeline up to the page
    /// values, every article as if published, nothing written, the counter not counting), with the editors' own
    /// checks (`ContentCheck`: links, narrow photos, pictures without a description, empty categories). Sorted by
    /// file and line, each problem once.
    public static func check(_ options: Options) -> (problems: [Diagnostic], articles: Int, pages: Int) {
        let content = options.contentDirectory
        let loader = ContentLoader(contentDirectory: content)
        let loaded = loader.load()
        var templates: [String: SourceFile]?
        var loadProblems = loaded.diagnostics
        if FileManager.default.fileExists(atPath: options.templatesDirectory.path) {
            do {
                templates = try TemplateLoader(templatesDirectory: options.templatesDirectory,
                                               displayRoot: content.deletingLastPathComponent()).templateSources()
            } catch { loadProblems += error.diagnostics }
        }
        let images = content.appendingPathComponent("images")
        var own = ContentCheck.run(.init(
            siteFile: loaded.siteFile, articleFiles: loaded.articleFiles, pageFiles: loaded.pageFiles, templates: templates,
            images: loader.imageSizes(), imagesFolder: loader.display(images) + "/", loadDiagnostics: loadProblems,
            imageHeaders: ContentCheck.imageHeaders(in: images, displayRoot: content.deletingLastPathComponent())), now: options.now)
        if let siteFile = loaded.siteFile, let config = SiteConfig.parse(siteFile).0 {
            own += DocumentCheck.warnings(content: content, displayRoot: content.deletingLastPathComponent(), config: config,
                                          articleFiles: loaded.articleFiles, pageFiles: loaded.pageFiles, now: options.now)
        }
        var built: [Diagnostic] = []
        var building = options
        building.writesFiles = false
        building.buildsEveryArticle = true
        building.includeDrafts = true
        building.showsSavedCounter = true
        do {
            try BuildState(remembers: true).exclusively { memory in
                var pipeline = Pipeline(building)
                built = try pipeline.plan(nil, memory: &memory).output.report.warnings
            }
        } catch let failure as BuildFailure {
            built = failure.diagnostics
        } catch {
            built = [.error(loader.display(content), Message.verbatim("\(error)"))]
        }
        // The output folder a build with these options would refuse (it stops before reading anything).
        built += OutputFolderSafety.problems(options, counter: loaded.siteFile.flatMap { SiteConfig.parse($0).0?.counter })
        // Where the build names an error, its words stand; the editors' checks add what it does not reach (a stage
        // it did not get to, links, descriptions).
        let places = Set(built.filter { $0.severity == .error }.map { "\($0.file):\($0.line ?? 1)" })
        let added = own.filter { $0.severity != .error || !places.contains("\($0.file):\($0.line ?? 1)") }
        return (ContentCheck.sorted(built + added), loaded.articleFiles.count, loaded.pageFiles.count)
    }
}
