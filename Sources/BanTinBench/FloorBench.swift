import BanTinKit
import Foundation

/// The floor under a full build: read every file of the corpus and write the bytes a build wrote, with the
/// same writer (staging folder, all cores, one swap), doing no other work. A build cannot be faster.
enum FloorBench {
    static func run(content: URL, built: URL, output: URL) throws {
        // What the build wrote, held in memory before the clock starts.
        let files = try allFiles(under: built).filter { !$0.hasPrefix(".") }.map { path in
            OutputFile(path: path, contents: try Data(contentsOf: built.appendingPathComponent(path)))
        }
        try? FileManager.default.removeItem(at: output)
        let start = Date()
        var bytesRead = 0
        for path in try allFiles(under: content) {
            bytesRead += try Data(contentsOf: content.appendingPathComponent(path)).count
        }
        let read = Date().timeIntervalSince(start)
        // A full build's update: every file written into the staging folder, then swapped in.
        var manifest = OutputManifest()
        for file in files { manifest.entries[file.path] = .init(fingerprint: 0) }
        try OutputWriter(output: output).apply(OutputUpdate(
            manifest: manifest, writes: files.map { ($0.path, .bytes($0.contents)) }, removals: [], isIncremental: false))
        let total = Date().timeIntervalSince(start)
        let bytesWritten = files.reduce(0) { $0 + $1.contents.count }
        print(String(format: "floor: read %d bytes in %.3f s, wrote %d files (%d bytes) in %.3f s; total %.3f s",
                     bytesRead, read, files.count, bytesWritten, total - read, total))
    }

    /// Paths of the regular files below `folder`, relative to it.
    private static func allFiles(under folder: URL) throws -> [String] {
        let root = folder.standardizedFileURL.path + "/"
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var paths: [String] = []
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(root.count)))
        }
        return paths.sorted()
    }
}
