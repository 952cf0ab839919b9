import Foundation

/// What one build leaves for the next one in the same process (`bantin serve`): files read, front matter
/// parsed, Markdown rendered, templates compiled, the output's manifest and what a preview starts from. Each
/// is reused only while its input is unchanged, so a fresh state and a reused one build the same site.
/// Builds and previews that share a state run one at a time: each holds the state's lock from start to end,
/// and the remembered values can only be reached while holding it.
public final class BuildState: @unchecked Sendable {
    /// What builds hand on to each other; reached only through `exclusively`.
    struct Memory {
        // The memos are shared with the stages' worker threads, and lock themselves.
        let files: SourceFileCache
        let parses: ParseMemo
        let bodies: MarkdownMemo
        /// False for a single build (`bantin build`): nothing to keep files, parses and Markdown for, and keeping
        /// them would hold every article's text for the whole build.
        let remembers: Bool
        /// A single build's parses and bodies kept on disk for the next (`bantin build` without `--full`; nil in
        /// `serve`, which remembers in memory).
        var articleCache: ArticleCache?
        /// The output's manifest after the last successful build; read from the output when nil.
        var manifest: OutputManifest?
        /// What the last build's pages were made from, while that build is the output's latest (`Build.preview`).
        var previewBasis: PreviewBasis?
        fileprivate var compiled: (hash: UInt64, templates: TemplateSet, fingerprints: [String: UInt64])?

        init(remembers: Bool) {
            files = SourceFileCache()
            parses = ParseMemo()
            bodies = MarkdownMemo()
            self.remembers = remembers
        }

        /// Drops what was kept for files that no longer exist (by their display path).
        func keepOnly(_ paths: Set<String>) {
            files.keepOnly(paths)
            parses.keepOnly(paths)
            bodies.keepOnly(paths)
        }

        /// The templates compiled, reusing the last compilation when no template changed.
        mutating func templates(_ sources: [String: SourceFile]) throws(BuildFailure) -> (TemplateSet, [String: UInt64]) {
            var hash = ContentHash()
            for name in sources.keys.sorted() {
                hash.combine(name)
                hash.combine(sources[name]!.text)
            }
            if let compiled, compiled.hash == hash.finalized { return (compiled.templates, compiled.fingerprints) }
            let templates = try TemplateSet(sources: sources)
            let fingerprints = TemplateFingerprints.compute(sources)
            compiled = (hash.finalized, templates, fingerprints)
            return (templates, fingerprints)
        }
    }

    private let lock = NSLock()
    private var memory: Memory

    public init(remembers: Bool = true) {
        memory = Memory(remembers: remembers)
    }

    /// Runs `body` with the memory to itself: no other build or preview on this state runs meanwhile.
    func exclusively<T>(_ body: (inout Memory) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&memory)
    }
}
