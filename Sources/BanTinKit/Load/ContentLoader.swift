import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads the editors' files from disk: the only file access of the load stage.
public struct ContentLoader {
    public let contentDirectory: URL
    /// Paths in messages are shown relative to this folder (the project).
    public let displayRoot: URL

    /// Files read by an earlier build of the same process (`bantin serve`), reused while unchanged.
    public var cache: SourceFileCache?
    /// Told the number of files read so far, for a progress line.
    public var progress: ((Int) -> Void)?
    /// Given the hash of every file's bytes as read (the build cache's scan takes them: `InputScan.fillHashes`).
    var bytesRead: BytesRead?
    /// Article files not to read (by their path as shown): the article cache holds what they gave, and their
    /// signature is the last build's. Each is given as a file with no text (`ArticleCache.filesNotToRead`).
    var unread: Set<String> = []

    public init(contentDirectory: URL, displayRoot: URL? = nil, cache: SourceFileCache? = nil) {
        self.contentDirectory = contentDirectory.standardizedFileURL
        self.displayRoot = (displayRoot ?? contentDirectory.deletingLastPathComponent()).standardizedFileURL
        self.cache = cache
    }

    public struct Loaded: Sendable {
        public var siteFile: SourceFile?
        public var articleFiles: [SourceFile] = []
        public var pageFiles: [SourceFile] = []
        public var diagnostics: [Diagnostic] = []
    }

    public func load() -> Loaded {
        var loaded = Loaded()
        loaded.siteFile = siteFile(into: &loaded.diagnostics)
        // Read many at a time (files not yet in memory wait on the disk) and decoded (UTF-8 checks, NFC) on
        // those threads; problems stay in file order.
        let articleURLs = markdownFiles(under: contentDirectory.appendingPathComponent("articles"), diagnostics: &loaded.diagnostics)
        let unread = self.unread
        let reads = Parallel.mapReading(articleURLs.count) { index in
            let shown = display(articleURLs[index])
            if unread.contains(shown) { return (Optional(SourceFile(path: shown, text: "")), [Diagnostic]()) }
            var problems: [Diagnostic] = []
            return (read(articleURLs[index], into: &problems), problems)
        }
        for (file, problems) in reads {
            loaded.diagnostics += problems
            if let file { loaded.articleFiles.append(file) }
        }
        progress?(loaded.articleFiles.count)
        for url in markdownFiles(under: contentDirectory.appendingPathComponent("pages"), diagnostics: &loaded.diagnostics) {
            if let file = read(url, into: &loaded.diagnostics) { loaded.pageFiles.append(file) }
        }
        // images/ is copied as it is later (OutputPlanner.Copy); the links it does not follow are reported here,
        // with everything else the load finds, so none is left out silently.
        let images = contentDirectory.appendingPathComponent("images")
        _ = FileTree.files(under: images, inside: images, diagnostics: &loaded.diagnostics, display: display)
        return loaded
    }

    /// `site.yml`, read as every command must: a symbolic link leading out of the content folder is refused.
    public func siteFile(into diagnostics: inout [Diagnostic]) -> SourceFile? {
        let siteURL = contentDirectory.appendingPathComponent("site.yml")
        if let target = FileTree.linkOutside(siteURL, boundary: contentDirectory) {
            diagnostics.append(.error(display(siteURL), Message("link.fileOutside", ["target": "\(target)", "boundary": "\(display(contentDirectory))"])))
        } else if FileManager.default.fileExists(atPath: siteURL.path) {
            return read(siteURL, into: &diagnostics)
        } else {
            diagnostics.append(.error(display(siteURL), Message("site.missing")))
        }
        return nil
    }

    /// Files under `images/` by their path there (in NFC, as Markdown names them), with their size in bytes.
    public func imageSizes() -> [String: Int64] {
        let folder = contentDirectory.appendingPathComponent("images")
        var ignored: [Diagnostic] = []
        let root = folder.path + "/"
        var sizes: [String: Int64] = [:]
        for url in FileTree.files(under: folder, inside: contentDirectory, diagnostics: &ignored, display: display) {
            let name = String(url.standardizedFileURL.path.dropFirst(root.count)).precomposedStringWithCanonicalMapping
            sizes[name] = FileSignature(path: url.path)?.size ?? 0
        }
        return sizes
    }

    func read(_ url: URL, into diagnostics: inout [Diagnostic]) -> SourceFile? {
        let signature = cache == nil ? nil : FileSignature(path: url.path)
        if let signature, let known = cache?.file(at: display(url), signature: signature) { return known }
        do {
            let data = try Data(contentsOf: url)
            bytesRead?.record(url.standardizedFileURL.path, ContentHash.of(data))
            let file = try SourceFile.decode(data, path: display(url))
            if let signature { cache?.remember(file, at: file.path, signature: signature) }
            return file
        } catch let failure as BuildFailure {
            diagnostics += failure.diagnostics
        } catch {
            diagnostics.append(.error(display(url), Message("file.unreadable", ["reason": .message(FileProblem.message(error, action: "reading", object: "it"))])))
        }
        return nil
    }

    /// `*.md` files below `folder`, sorted; symbolic links that lead outside the content folder are refused.
    func markdownFiles(under folder: URL, diagnostics: inout [Diagnostic]) -> [URL] {
        FileTree.files(under: folder, inside: contentDirectory, diagnostics: &diagnostics, display: display)
            .filter { $0.pathExtension.lowercased() == "md" || $0.pathExtension.lowercased() == "markdown" }
    }

    public func display(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let root = displayRoot.path.hasSuffix("/") ? displayRoot.path : displayRoot.path + "/"
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}

/// Walks a folder for regular files, in a stable order, without following links out of a boundary.
/// Hidden files and folders are skipped. readdir directly: FileManager's enumerator cost several times more
/// per file, which a site of thousands of articles pays on every rebuild.
enum FileTree {
    /// `folderMayBeLink`: the folder is one the operator names (`--templates`), which may be a link anywhere.
    static func files(under folder: URL, inside boundary: URL, diagnostics: inout [Diagnostic],
                      display: (URL) -> String, folderMayBeLink: Bool = false) -> [URL] {
        // The folder itself a link out of the folder it stands in (content/articles, content/images,
        // templates/assets): refused, as a link to a file is, or its files would be published from anywhere.
        if !folderMayBeLink, let target = linkOutside(folder, boundary: folder.deletingLastPathComponent()) {
            diagnostics.append(.error(display(folder), Message("link.folderOutside", ["target": "\(target)", "boundary": "\(display(folder.deletingLastPathComponent()))"])))
            return []
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        let boundaryPath = boundary.resolvingSymlinksInPath().path
        var result: [String] = []
        walk(folder.path, boundaryPath: boundaryPath, boundary: boundary, into: &result, diagnostics: &diagnostics, display: display)
        return result.sorted().map { URL(fileURLWithPath: $0, isDirectory: false) }
    }

    /// Where `url` leads when it is a symbolic link out of `boundary`; nil for anything else.
    static func linkOutside(_ url: URL, boundary: URL) -> String? {
        var info = stat()
        guard lstat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
        let target = url.resolvingSymlinksInPath().path
        return isInside(target, boundary.resolvingSymlinksInPath().path) ? nil : target
    }

    private static func isInside(_ path: String, _ boundaryPath: String) -> Bool {
        path == boundaryPath || path.hasPrefix(boundaryPath + "/")
    }

    private static func walk(_ path: String, boundaryPath: String, boundary: URL, into result: inout [String],
                             diagnostics: inout [Diagnostic], display: (URL) -> String) {
        guard let directory = opendir(path) else {
            // Out of file descriptors, no permission: said as what it is, never as a folder without files.
            if errno != ENOENT, errno != ENOTDIR {
                diagnostics.append(.error(display(URL(fileURLWithPath: path)), Message("folder.unreadable", ["reason": .message(FileProblem.reasonMessage(errno))])))
            }
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasPrefix(".") { continue }
            let child = path + "/" + name
            var kind = Int32(entry.pointee.d_type)
            if kind == Int32(DT_UNKNOWN) {
                var info = stat()
                guard lstat(child, &info) == 0 else { continue }
                kind = switch info.st_mode & S_IFMT {
                case S_IFDIR: Int32(DT_DIR)
                case S_IFLNK: Int32(DT_LNK)
                case S_IFREG: Int32(DT_REG)
                default: Int32(DT_UNKNOWN)
                }
            }
            switch kind {
            case Int32(DT_DIR):
                walk(child, boundaryPath: boundaryPath, boundary: boundary, into: &result, diagnostics: &diagnostics, display: display)
            case Int32(DT_REG):
                result.append(child)
            case Int32(DT_LNK):
                let url = URL(fileURLWithPath: child)
                let target = url.resolvingSymlinksInPath().path
                var targetIsDirectory: ObjCBool = false
                if !isInside(target, boundaryPath) {
                    if FileManager.default.fileExists(atPath: target, isDirectory: &targetIsDirectory), targetIsDirectory.boolValue {
                        diagnostics.append(.error(display(url), Message("link.folderOutside", ["target": "\(target)", "boundary": "\(display(boundary))"])))
                    } else {
                        diagnostics.append(.warning(display(url), Message("link.outsideSkipped", ["target": "\(target)", "boundary": "\(display(boundary))"])))
                    }
                    continue
                }
                if FileManager.default.fileExists(atPath: target, isDirectory: &targetIsDirectory), !targetIsDirectory.boolValue {
                    result.append(child)
                }
            default:
                continue
            }
        }
    }
}

/// The hash of each file's bytes as the load stage read them, by absolute path (filled on the reading threads).
final class BytesRead: @unchecked Sendable {
    private var hashes: [String: UInt64] = [:]
    private let lock = NSLock()

    func record(_ path: String, _ hash: UInt64) { lock.withLock { hashes[path] = hash } }
    var all: [String: UInt64] { lock.withLock { hashes } }
}
