import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// File-system calls for writing a site of tens of thousands of files: plain POSIX, no per-file
/// `fsync` and no path normalisation, which `Data.write(to:)` and `FileManager` spend most of their time on.
/// A build's durability comes from the rename that swaps a finished folder in, not from each file.
enum PlainFiles {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var operation: String
        var code: Int32
        var description: String { "cannot \(operation) \(path): \(String(cString: strerror(code)))" }
    }

    /// Folders made so far by one pass, shared by its threads.
    final class MadeFolders: Sendable {
        private let made = Mutex<Set<String>>([])

        /// Makes `folder` and its missing parents, unless this pass made it already. Called from the threads
        /// that write the files, so making folders overlaps with rendering instead of preceding it.
        func ensure(_ folder: String) throws {
            guard !folder.isEmpty, !made.withLock({ $0.contains(folder) }) else { return }
            if mkdir(folder, 0o755) != 0 {
                switch errno {
                case EEXIST:
                    break
                case ENOENT:
                    try ensure(parentFolder(of: folder))
                    guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                        throw Failure(path: folder, operation: "create folder", code: errno)
                    }
                default:
                    throw Failure(path: folder, operation: "create folder", code: errno)
                }
            }
            _ = made.withLock { $0.insert(folder) }
        }
    }

    /// "/a/b" for "/a/b/c", without Foundation's path handling (which normalises Unicode on the way).
    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// Writes `data` to a new or existing file at `path` (its folder must exist).
    static func store(_ data: Data, at path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, operation: "write", code: errno) }
        defer { close(descriptor) }
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw Failure(path: path, operation: "write", code: errno)
                }
                offset += written
            }
        }
    }

    /// A hard link to `existing` at `path`; false when links are not possible there.
    static func hardLink(_ existing: String, at path: String) -> Bool {
        link(existing, path) == 0
    }
}
