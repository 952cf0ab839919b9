#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The log files that `counter.logs` patterns name, found with the system's `glob` (`*`, `?`, `[…]`).
enum LogFiles {
    /// Regular files matching any pattern (relative ones from `root`), each once, sorted by path;
    /// and the patterns that matched nothing.
    static func expand(_ patterns: [String], root: URL) -> (files: [URL], unmatched: [String]) {
        var seen: Set<String> = []
        var files: [URL] = []
        var unmatched: [String] = []
        for pattern in patterns {
            let absolute = pattern.hasPrefix("/") ? pattern : root.appendingPathComponent(pattern).path
            var found = false
            for path in glob(absolute) {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                found = true
                if seen.insert(path).inserted { files.append(URL(fileURLWithPath: path)) }
            }
            if !found { unmatched.append(pattern) }
        }
        return (files.sorted { $0.path < $1.path }, unmatched)
    }

    private static func glob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard systemGlob(pattern, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }
    }
}

// The C function, under a name that does not clash with `LogFiles.glob`.
private func systemGlob(_ pattern: String, _ result: inout glob_t) -> Int32 {
    glob(pattern, 0, nil, &result)
}
