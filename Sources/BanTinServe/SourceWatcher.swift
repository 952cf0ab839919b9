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

    /// One look: every file, and every folder (a folder's time moves when a file is added to it or removed).
    struct Snapshot: Equatable {
        var files: [String: FileSignature] = [:]
        var folders: [String: FileSignature] = [:]
    }

    func snapshot() -> Snapshot {
        var look = Snapshot()
        for folder in folders {
            look.folders[folder.path] = FileSignature(path: folder.path)
            walk(folder.path, into: &look)
        }
        return look
    }

    /// readdir and stat directly: FileManager's enumerator costs several times more per file.
    private func walk(_ path: String, into look: inout Snapshot) {
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
                look.folders[child] = FileSignature(path: child)
                walk(child, into: &look)
            } else if let signature = FileSignature(path: child) {
                look.files[child] = signature
            }
        }
    }

    /// Files added, removed or changed between two looks, for the terminal. With `passing`, a folder whose
    /// time moved while none of its files differ is named too: a file came and went between the looks.
    static func changes(from old: Snapshot, to new: Snapshot, passing: Bool = false) -> [String] {
        var changed = differences(old.files, new.files)
        if passing {
            changed += differences(old.folders, new.folders).filter { folder in
                !changed.contains { $0.hasPrefix(folder + "/") }
            }
        }
        return changed.sorted()
    }

    private static func differences(_ old: [String: FileSignature], _ new: [String: FileSignature]) -> [String] {
        new.filter { old[$0.key] != $0.value }.map(\.key) + old.keys.filter { new[$0] == nil }
    }
}
