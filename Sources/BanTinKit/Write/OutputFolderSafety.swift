import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Whether a folder may become the build's output. A build replaces its output whole, so an output that is
/// (or holds, or lies inside) the content, the templates, the image cache, the counter's state or its logs,
/// or a folder of someone else's files, would lose them: such a folder is refused before anything is done.
/// A folder bantin made has its manifest; an empty or missing folder is free.
public enum OutputFolderSafety {
    /// One input the output must stay clear of, with how messages name it.
    public struct Input: Sendable {
        public var url: URL
        public var name: String
        public init(_ url: URL, name: String) {
            self.url = url
            self.name = name
        }
    }

    /// The folders and files a build of `options` reads or keeps; with `counter`, the counter's state and the
    /// folders of its logs too.
    static func inputs(_ options: Build.Options, counter: CounterSettings? = nil) -> [Input] {
        let root = options.contentDirectory.standardizedFileURL.deletingLastPathComponent()
        let cache = options.imageCacheDirectory ?? root.appendingPathComponent(".bantin/images")
        var inputs = [Input(options.contentDirectory, name: options.contentDirectory.lastPathComponent + "/"),
                      Input(options.templatesDirectory, name: options.templatesDirectory.lastPathComponent + "/"),
                      Input(cache, name: ".bantin/images/")]
        if let counter {
            let locations = VisitCounter.Locations.project(of: options.contentDirectory)
            inputs.append(Input(locations.resolve(counter.state), name: counter.state))
            for pattern in counter.logs {
                // The part before the first wildcard: the log itself, or the folder its rotations are in.
                let fixed = pattern.prefix { !"*?[]{}".contains($0) }
                let path = fixed.count == pattern.count ? pattern
                    : String(fixed.contains("/") ? fixed[..<fixed.lastIndex(of: "/")!] : "")
                inputs.append(Input(locations.resolve(path.isEmpty ? "." : path), name: pattern))
            }
        }
        return inputs
    }

    /// Every reason the output of `options` cannot take its build (`bantin check` says them too).
    public static func problems(_ options: Build.Options, counter: CounterSettings? = nil) -> [Diagnostic] {
        problems(output: options.outputDirectory, inputs: inputs(options, counter: counter))
    }

    /// Every reason `output` cannot take a build reading `inputs` (empty: it can).
    public static func problems(output: URL, inputs: [Input]) -> [Diagnostic] {
        let shown = output.standardizedFileURL.path
        let target = resolved(output)
        var problems: [Diagnostic] = []
        for input in inputs {
            let source = resolved(input.url)
            if target == source || isInside(target, source) {
                problems.append(.error(shown, Message("output.insideInput", ["input": .text(input.name), "path": .text(input.url.path)])))
            } else if isInside(source, target) {
                problems.append(.error(shown, Message("output.holdsInput", ["input": .text(input.name), "path": .text(input.url.path)])))
            }
        }
        guard problems.isEmpty else { return problems }
        var info = stat()
        guard lstat(target, &info) == 0 else { return [] }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return [.error(shown, Message("output.notFolder"))]
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: target) else {
            return [.error(shown, Message("output.unreadable"))]
        }
        if names.isEmpty || names.contains(OutputManifest.fileName) { return [] }
        let examples = names.sorted().prefix(3).joined(separator: ", ")
        return [.error(shown, Message("output.notMadeByBantin", ["count": .count(names.count), "examples": .text(examples)]))]
    }

    /// Throws every problem of `options.outputDirectory`: the build's first step, and again once site.yml's
    /// counter settings are known.
    static func check(_ options: Build.Options, counter: CounterSettings? = nil) throws(BuildFailure) {
        let found = problems(options, counter: counter)
        if !found.isEmpty { throw BuildFailure(found) }
    }

    /// The path with every symbolic link of its existing part resolved (the rest, not yet made, appended as
    /// written), so a link or `..` cannot hide that two paths are the same folder.
    static func resolved(_ url: URL) -> String {
        var existing = url.standardizedFileURL.path
        var rest: [String] = []
        while existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                existing = String(cString: real)
                break
            }
            rest.insert((existing as NSString).lastPathComponent, at: 0)
            existing = (existing as NSString).deletingLastPathComponent
        }
        let joined = ([existing == "/" ? "" : existing] + rest).joined(separator: "/")
        let result = joined.isEmpty ? "/" : joined
        // Names compared as the file system keeps them, but NFC and NFD spellings are one name to an operator.
        return result.precomposedStringWithCanonicalMapping
    }

    /// `path` lies below `folder`.
    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder == "/" ? path != "/" : path.hasPrefix(folder + "/")
    }
}
