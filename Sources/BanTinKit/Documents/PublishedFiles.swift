import Foundation

/// The files of `content/files/` that documents and articles list: each checked (it exists, stays inside
/// `content/files/`, its bytes are what its extension says) and given its published name, once.
struct PublishedFiles {
    let contentDirectory: URL
    /// By the editor's reference made canonical ("files/Kế hoạch 03.pdf").
    private(set) var byReference: [String: PublishedFile] = [:]
    /// Who took each published name first, so two files folding to the same name are both named.
    private var owners: [String: (reference: String, file: String, line: Int?)] = [:]

    init(contentDirectory: URL) {
        self.contentDirectory = contentDirectory
    }

    /// Every file published, by its path in the output.
    var all: [PublishedFile] { byReference.values.sorted { $0.path < $1.path } }

    /// "/files/a.pdf", "files/a.pdf" and "content/files/a.pdf" all name `content/files/a.pdf`; nil for a path
    /// that leads elsewhere.
    static func canonical(_ reference: String) -> String? {
        var path = Composed.nfc(reference.trimmingCharacters(in: .whitespaces))
        while path.hasPrefix("/") { path.removeFirst() }
        if path.hasPrefix("content/") { path.removeFirst("content/".count) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "files",
              !parts.dropFirst().contains(where: { $0.isEmpty || $0 == "." || $0 == ".." || $0.hasPrefix(".") }) else { return nil }
        return path
    }

    /// The name a file is published under: each part slugged as pages are, the extension kept (lower case).
    static func publishedPath(_ canonical: String) -> String {
        let parts = canonical.split(separator: "/").dropFirst().map(String.init)
        let folders = parts.dropLast().map { Slug.make($0).isEmpty ? "tep" : Slug.make($0) }
        let name = parts.last!
        let ext = (name as NSString).pathExtension.lowercased()
        let stem = Slug.make((name as NSString).deletingPathExtension)
        return (["files"] + folders + [(stem.isEmpty ? "tep" : stem) + (ext.isEmpty ? "" : "." + ext)]).joined(separator: "/")
    }

    /// The file a document or article lists (`file`, `line`: where, for messages); nil with an error when it
    /// cannot be published.
    mutating func publish(_ reference: String, file: String, line: Int?, into diagnostics: inout [Diagnostic]) -> PublishedFile? {
        guard let canonical = Self.canonical(reference) else {
            diagnostics.append(.error(file, line: line, Message("document.fileOutside", ["reference": .text(reference)])))
            return nil
        }
        if let known = byReference[canonical] { return known }
        let display = "content/" + canonical
        // Found in any Unicode spelling of its name (macOS writes names in NFD).
        let url = NFCNames.onDisk(canonical, under: contentDirectory)
        let ext = (canonical as NSString).pathExtension.lowercased()
        guard let type = PublishedFile.FileType(rawValue: ext) else {
            diagnostics.append(.error(file, line: line, Message("document.fileType", [
                "reference": .text(reference), "known": .list(PublishedFile.FileType.allCases.map { "." + $0.rawValue })])))
            return nil
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else {
            diagnostics.append(.error(file, line: line, Message("document.fileMissing", ["reference": .text(reference), "path": .text(display)])))
            return nil
        }
        // A link inside content/files/ to a file elsewhere would publish that file: refused, as in content/images/.
        let folder = contentDirectory.appendingPathComponent("files").resolvingSymlinksInPath().path + "/"
        guard url.resolvingSymlinksInPath().path.hasPrefix(folder) else {
            diagnostics.append(.error(file, line: line, Message("document.fileOutside", ["reference": .text(reference)])))
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            diagnostics.append(.error(file, line: line, Message("document.fileUnreadable", ["path": .text(display)])))
            return nil
        }
        let head = (try? handle.read(upToCount: 8)) ?? Data()
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        try? handle.close()
        guard type.matches(head) else {
            diagnostics.append(.error(file, line: line, Message("document.fileBytes", ["path": .text(display), "type": .text(type.label)])))
            return nil
        }
        let published = PublishedFile(source: display, reference: canonical, path: Self.publishedPath(canonical), type: type, size: size)
        if let other = owners[published.path], other.reference != canonical {
            diagnostics.append(.error(file, line: line, Message("document.fileNameTaken", [
                "path": .text(display), "other": .text("content/" + other.reference), "name": .text("/" + published.path)])))
            return nil
        }
        owners[published.path] = (canonical, file, line)
        byReference[canonical] = published
        return published
    }
}
