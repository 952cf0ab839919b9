import Foundation

/// Photo albums: `content/albums/<slug>/album.yml` beside its photos.
///
/// ```yaml
/// title: "Hội thao công chức, viên chức năm 2026"
/// date: 2026-04-20
/// description: "…"          # optional
/// photos:
///   - file: khai-mac.jpg              # a photo in the album's folder
///     caption: "Lễ khai mạc"
///   - image: /images/trao-giai.jpg    # or one already in content/images/
///     caption: "Trao giải"
/// ```
enum AlbumSource {
    /// Every `album.yml` under `content/albums/`, folder by folder in name order.
    static func readAll(_ contentDirectory: URL, displayRoot: URL) -> (files: [SourceFile], diagnostics: [Diagnostic]) {
        let folder = contentDirectory.appendingPathComponent("albums")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        let reader = ContentLoader(contentDirectory: contentDirectory, displayRoot: displayRoot)
        var diagnostics: [Diagnostic] = []
        var files: [SourceFile] = []
        for name in names {
            let file = folder.appendingPathComponent(name).appendingPathComponent("album.yml")
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder),
                  isFolder.boolValue else { continue }
            guard FileManager.default.fileExists(atPath: file.path) else {
                diagnostics.append(.error(reader.display(folder.appendingPathComponent(name)), line: 1,
                                          Message("album.noFile")))
                continue
            }
            if let source = reader.read(file, into: &diagnostics) { files.append(source) }
        }
        return (files, diagnostics)
    }

    /// One album from its `album.yml`; its slug is its folder's name.
    static func parse(_ file: SourceFile, timeZone: TimeZone) -> (Album?, [Diagnostic]) {
        let folder = ((file.path as NSString).deletingLastPathComponent as NSString).lastPathComponent
        let (parsed, problems) = YAMLFields.parse(file.text, file: file.path)
        guard var fields = parsed else { return (nil, problems) }
        fields.warnAboutUnknownKeys(known: ["title", "date", "description", "photos"], context: "album.yml")
        var diagnostics = problems
        if Slug.make(folder) != folder {
            diagnostics.append(.error(file.path, line: 1,
                Message("album.folderName", ["folder": .text(folder), "slug": .text(Slug.make(folder))])))
        }
        let title = fields.string("title", required: true)
        let date = ArticleSource.readDate(&fields, "date", required: true, timeZone: timeZone)
        var photos: [Album.Photo] = []
        for var entry in fields.mappings("photos") {
            entry.warnAboutUnknownKeys(known: ["file", "image", "caption"], context: "photo")
            if entry.has("image") {
                if let image = entry.string("image") {
                    do {
                        photos.append(Album.Photo(image: try SitePath.image(image), caption: entry.string("caption") ?? "",
                                                  line: entry.line(of: "image")))
                    } catch {
                        entry.error("image", Message("album.image", ["problem": .message(error.message)]))
                    }
                }
            } else if let name = entry.string("file", required: true) {
                if name.contains("/") || name.contains("\\") || name.hasPrefix(".") {
                    entry.error("file", Message("album.fileName", ["name": .text(name)]))
                } else if !ImageCatalog.rasterExtensions.contains((name as NSString).pathExtension.lowercased()) {
                    // Published only as resized copies (the album's folder is not copied): nothing else would show it.
                    entry.error("file", Message("album.notAPhoto", ["reference": .text(name)]))
                } else {
                    photos.append(Album.Photo(image: "/albums/\(folder)/\(name)", caption: entry.string("caption") ?? "",
                                              line: entry.line(of: "file"), folder: "/albums/\(folder)/"))
                }
            }
            fields.absorb(&entry)
        }
        if photos.isEmpty && !fields.has("photos") {
            fields.error("photos", Message("album.noPhotos"))
        }
        let description = fields.string("description")
        diagnostics += fields.takeDiagnostics()
        guard let title, let date, !diagnostics.contains(where: { $0.severity == .error }) else { return (nil, diagnostics) }
        return (Album(sourcePath: file.path, slug: folder, title: title, date: date, description: description, photos: photos),
                diagnostics)
    }
}
