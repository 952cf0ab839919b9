import BanTinKit
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Notices saved files by polling: every file's size, time and inode under the watched folders, compared
/// with the previous look. Portable (no inotify or FSEvents), and cheap enough at a few hundred
/// milliseconds for sites of thousands of articles.
struct SourceWatcher {
    let folders: [URL]

    typealias Snapshot = [String: FileSignature]

    func snapshot() -> Snapshot {
        var files: Snapshot = [:]
        for folder in folders { walk(folder.path, into: &files) }
        return files
    }

    /// readdir and stat directly: FileManager's enumerator costs several times more per file.
    private func walk(_ path: String, into files: inout Snapshot) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            let child = path + "/" + name
            var info = stat()
            guard stat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                walk(child, into: &files)
            } else if let signature = FileSignature(path: child) {
                files[child] = signature
            }
        }
    }

    /// Paths added, removed or changed between two looks, for the terminal.
    static func changes(from old: Snapshot, to new: Snapshot) -> [String] {
        var changed = new.filter { old[$0.key] != $0.value }.map(\.key)
        changed += old.keys.filter { new[$0] == nil }
        return changed.sorted()
    }
}
