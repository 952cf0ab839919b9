import Foundation
import Synchronization

/// A build's changes to the output folder: the manifest it will hold, the files that are new or changed,
/// and the files of the previous build that no longer belong to the site.
public struct OutputUpdate {
    public enum Source {
        case bytes(Data)
        case copy(URL)
        /// A hard link to the file (a copy where links are not allowed): files of the image cache.
        case link(URL)
        /// Made only when written, on the writing thread, so a build never holds every page at once.
        case produced(Producer)
    }

    /// Makes a file's bytes (renders a page) when the writer gets to it.
    public struct Producer: @unchecked Sendable {
        let make: () -> Data
        init(_ make: @escaping () -> Data) { self.make = make }
    }

    public var manifest: OutputManifest
    public var writes: [(path: String, source: Source)]
    public var removals: [String]
    /// False when the output's manifest could not be trusted or was not asked for: every file is in `writes`.
    public var isIncremental: Bool
    /// False when the output's manifest already says what this update leaves (a timer rebuild that writes only
    /// the counter's files, whose entries do not change with the figures): it is not written again.
    public var writesManifest = true

    public init(manifest: OutputManifest, writes: [(path: String, source: Source)], removals: [String], isIncremental: Bool) {
        self.manifest = manifest
        self.writes = writes
        self.removals = removals
        self.isIncremental = isIncremental
    }

    /// Fingerprints known only once their page is made (a build that renders every page makes each page's
    /// values while writing it): the producers leave them here, and `completedManifest` puts them in.
    var learnt: LearntFingerprints?

    /// The manifest with every fingerprint the producers learnt; what the writer stores.
    var completedManifest: OutputManifest {
        guard let learnt else { return manifest }
        var manifest = self.manifest
        for (path, fingerprint) in learnt.all { manifest.entries[path]?.fingerprint = fingerprint }
        return manifest
    }

    /// Files written plus files removed.
    var changeCount: Int { writes.count + removals.count }
}

/// Fingerprints of files, told by the threads that make them.
final class LearntFingerprints: Sendable {
    private let fingerprints = Mutex<[String: UInt64]>([:])

    func learn(_ fingerprint: UInt64, for path: String) {
        fingerprints.withLock { $0[path] = fingerprint }
    }

    var all: [String: UInt64] { fingerprints.withLock { $0 } }
}
