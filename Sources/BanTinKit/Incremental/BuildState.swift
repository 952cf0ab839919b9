import Foundation

/// What one build leaves for the next one in the same process (`bantin serve`): files read, front matter
/// parsed, Markdown rendered, templates compiled, and the manifest of the output. Each is reused only while
/// its input is unchanged, so a fresh state and a reused one build the same site.
public final class BuildState: @unchecked Sendable {
    let files = SourceFileCache()
    let parses = ParseMemo()
    let bodies = MarkdownMemo()
    private var compiled: (hash: UInt64, templates: TemplateSet, fingerprints: [String: UInt64])?
    /// The output's manifest after the last successful build; read from the output when nil.
    var manifest: OutputManifest?
    /// What the last build's pages were made from, while that build is the output's latest (`Build.preview`).
    var previewBasis: PreviewBasis?
    /// False for a single build (`bantin build`): nothing to keep files, parses and Markdown for, and keeping
    /// them would hold every article's text for the whole build.
    let remembers: Bool

    public init(remembers: Bool = true) {
        self.remembers = remembers
    }

    /// Drops what was kept for files that no longer exist (by their display path).
    func keepOnly(_ paths: Set<String>) {
        files.keepOnly(paths)
        parses.keepOnly(paths)
        bodies.keepOnly(paths)
    }

    /// The templates compiled, reusing the last compilation when no template changed.
    func templates(_ sources: [String: SourceFile]) throws(BuildFailure) -> (TemplateSet, [String: UInt64]) {
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
