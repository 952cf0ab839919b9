import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every file a build reads besides the access logs (site.yml, articles, pages, albums, images, templates,
/// assets), each with its signature (size, modification time, inode) and, for files small enough to read in
/// passing, the hash of its bytes. Taken before a build reads anything, so a file changed while the build ran
/// differs from what the next scan finds. Comparing two scans tells a timer rebuild whether it may reuse what
/// the last build made (`BuildCache`); the hashes decide when signatures differ (a file touched or copied
/// back with the same bytes) and for files changed too close to the scan for their time to tell.
struct InputScan: Codable, Equatable {
    struct File: Codable, Equatable {
        var path: String
        var size: Int64
        var modified: Int64
        var inode: UInt64
        /// Nil for files over `hashLimit` (photos): their signature alone decides.
        var hash: UInt64?
    }

    /// The file's status has not changed since `time` (the scan its signature was taken in): a file rewritten in
    /// place with its old modification time set back (`touch -d`, `cp -p`, `rsync -t`) has the same size,
    /// time and inode, but a later status change time, and is hashed.
    static func untouched(_ info: stat, since time: Int64) -> Bool {
        info.changedNanoseconds < time
    }

    /// Files this large are not hashed by a scan (at 10,000 articles the texts are 50 MB: 0.05 s on 2 cores).
    static let hashLimit: Int64 = 1 << 20
    /// A file modified this close before the scan (nanoseconds) is "racy": its time may not change on a second
    /// write within the file system's clock tick, so its bytes are compared every time (git's rule).
    static let racyWindow: Int64 = 2_000_000_000

    /// When the scan started (nanoseconds since 1970).
    var time: Int64
    var files: [File]

    /// The folders and files of a build: content's inputs (not its other files, such as the counter's state),
    /// and the whole templates folder.
    /// `previous`: the last build's scan, whose hashes are taken for files with the same signature that were not
    /// racy then (hashing every file again took 0.5 s of an ordinary build at 10,000 articles, 50 MB of text).
    /// `readByLoad`: the article, page and site.yml files the load stage reads anyway; their hashes are left for
    /// `fillHashes` to take from what it read (hashing them here read 50 MB twice at 10,000 articles: 0.1-0.2 s).
    static func take(content: URL, templates: URL, previous: InputScan? = nil, leavingToLoad readByLoad: Bool = false) -> InputScan {
        var unchanged: Set<String> = []
        return take(content: content, templates: templates, previous: previous, leavingToLoad: readByLoad, unchanged: &unchanged)
    }

    /// What a build reads of `content/` (besides the access logs): a change in any of them is a build.
    static let contentFolders = ["site.yml", "articles", "pages", "albums", "images", "documents", "files"]

    /// `unchanged`: the files whose signature is the last scan's (and was not racy then), whose bytes are taken
    /// to be the same (their hash is the last scan's): the article cache spares reading them.
    static func take(content: URL, templates: URL, previous: InputScan?, leavingToLoad readByLoad: Bool,
                     unchanged: inout Set<String>) -> InputScan {
        let time = Int64(Date().timeIntervalSince1970 * 1e9)
        let contentRoot = content.standardizedFileURL.path
        var found: [(String, String, stat)] = []
        for name in Self.contentFolders {
            walk(contentRoot + "/" + name, display: "content/" + name, into: &found, depth: 0)
        }
        walk(templates.standardizedFileURL.path, display: "templates", into: &found, depth: 0)
        nonisolated(unsafe) let entries = found
        var known: [String: File] = [:]
        if let previous {
            known.reserveCapacity(previous.files.count)
            for file in previous.files where file.hash != nil && file.modified < previous.time - racyWindow { known[file.path] = file }
        }
        nonisolated(unsafe) let reusable = known
        let previousTime = previous?.time ?? 0
        let files = Parallel.mapReading(entries.count) { index -> (file: File, unchanged: Bool) in
            let (path, display, info) = entries[index]
            let file = File(path: display, size: Int64(info.st_size), modified: info.modifiedNanoseconds, inode: UInt64(info.st_ino))
            var hashed = file
            guard file.size <= hashLimit, !display.hasSuffix(linkSuffix) else { return (hashed, false) }
            if let old = reusable[display], old.size == file.size, old.modified == file.modified, old.inode == file.inode,
               Self.untouched(info, since: previousTime) {
                hashed.hash = old.hash
                return (hashed, true)
            } else if readByLoad && Self.isReadByLoad(display) {
                hashed.hash = nil
            } else {
                hashed.hash = hash(path)
            }
            return (hashed, false)
        }
        unchanged = Set(files.filter(\.unchanged).map(\.file.path))
        return InputScan(time: time, files: files.map(\.file).sorted { $0.path < $1.path })
    }

    /// Files the load stage reads as text (`ContentLoader`): site.yml, and the Markdown of articles and pages.
    static func isReadByLoad(_ display: String) -> Bool {
        display == "content/site.yml"
            || (display.hasPrefix("content/articles/") || display.hasPrefix("content/pages/"))
            && (display.hasSuffix(".md") || display.hasSuffix(".markdown")) && !display.hasSuffix(linkSuffix)
    }

    /// The hashes `take` left to the load stage, from the bytes it read (`read`: absolute path → hash), taken
    /// after the signatures: a file changed in between has the hash of what the build used, and a signature the
    /// next scan finds changed, so it is hashed again then. A file the load did not read is hashed here.
    mutating func fillHashes(content: URL, from read: [String: UInt64]) {
        let contentRoot = content.standardizedFileURL.path
        let missing = files.indices.filter { files[$0].hash == nil && Self.isReadByLoad(files[$0].path) && files[$0].size <= Self.hashLimit }
        for index in missing {
            let path = contentRoot + "/" + files[index].path.dropFirst("content/".count)
            files[index].hash = read[path] ?? Self.hash(path)
        }
    }

    /// Whether the folders hold the same files with the same bytes as when this scan was taken. Signatures
    /// decide, and hashes where they differ or the file is racy.
    func matches(content: URL, templates: URL) -> Bool {
        let contentRoot = content.standardizedFileURL.path
        var found: [(String, String, stat)] = []
        for name in Self.contentFolders {
            Self.walk(contentRoot + "/" + name, display: "content/" + name, into: &found, depth: 0)
        }
        Self.walk(templates.standardizedFileURL.path, display: "templates", into: &found, depth: 0)
        guard found.count == files.count else { return false }
        found.sort { $0.1 < $1.1 }
        nonisolated(unsafe) let entries = found
        let known = files, scanTime = time
        let same = Parallel.mapReading(entries.count) { index -> Bool in
            let (path, display, info) = entries[index]
            let was = known[index]
            guard was.path == display, was.size == Int64(info.st_size) else { return false }
            let racy = was.modified >= scanTime - Self.racyWindow
            if !racy, was.modified == info.modifiedNanoseconds, was.inode == UInt64(info.st_ino),
               Self.untouched(info, since: scanTime) { return true }
            guard let hash = was.hash else { return false }
            return Self.hash(path) == hash
        }
        return !same.contains(false)
    }

    /// Regular files below `path` (following links, as the build reads them), hidden names left out as the
    /// build leaves them out.
    private static func walk(_ path: String, display: String, into found: inout [(String, String, stat)], depth: Int) {
        var info = stat()
        guard depth < 32, lstat(path, &info) == 0 else { return }
        // A symbolic link is an input of its own (the build refuses some), then followed as the build follows it.
        if info.st_mode & S_IFMT == S_IFLNK {
            found.append((path, display + Self.linkSuffix, info))
            guard stat(path, &info) == 0 else { return }
        }
        if info.st_mode & S_IFMT == S_IFREG {
            found.append((path, display, info))
            return
        }
        guard info.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        for name in names.sorted() {
            walk(path + "/" + name, display: display + "/" + name, into: &found, depth: depth + 1)
        }
    }

    /// Marks a symbolic link's own entry (its signature is the link's, never hashed).
    static let linkSuffix = " (symbolic link)"

    private static func hash(_ path: String) -> UInt64? {
        FileManager.default.contents(atPath: path).map(ContentHash.of)
    }
}
