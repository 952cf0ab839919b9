import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a built site so that readers never see half of it: everything goes into a staging folder
/// beside the output, which replaces the output only once complete. A build that fails or is killed
/// leaves the previous output as it was; the next build tidies up what a killed one left.
///
/// An incremental update that changes only a few files (an edited article) does not rebuild the whole
/// folder: its files are written into the staging folder, the files it replaces or removes are hard-linked
/// into a backup there, a journal listing them is committed with one rename, and only then are the new files
/// moved into place one by one (each move is atomic). A build that fails or is killed before that commit
/// leaves the output as it was; one killed during the moves, which take milliseconds, is rolled back from
/// the backup by the next build before it does anything else, so the previous site is whole again.
public struct OutputWriter {
    public let output: URL
    /// Updates changing more files than this are staged and swapped in whole.
    var inPlaceLimit = 256

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var staging: URL { sibling("building") }
    var previous: URL { sibling("previous") }
    var journal: URL { staging.appendingPathComponent(".bantin-journal") }
    /// Hard links to the output's files an in-place update replaces or removes.
    var backup: URL { staging.appendingPathComponent(".bantin-backup") }

    private func sibling(_ role: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).\(role)")
    }

    /// A file the manifest lists is missing from the output (removed by hand): the build must start afresh.
    struct MissingOutput: Error, CustomStringConvertible {
        var path: String
        var description: String { "\(path) is listed in the manifest but missing from the output" }
    }

    /// Undoes a committed update or finishes a swap a killed build left behind, and removes its leftovers.
    /// Called first by every build (holding the output's `BuildLock`), before anything can fail on the content:
    /// a mixed site left by a killed update must not stay published because the next build found an error.
    func recover() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: journal.path) {
            try rollBack()
        }
        if !manager.fileExists(atPath: output.path), manager.fileExists(atPath: previous.path) {
            try manager.moveItem(at: previous, to: output)
        }
        for leftover in [staging, previous] where manager.fileExists(atPath: leftover.path) {
            try manager.removeItem(at: leftover)
        }
    }

    /// Brings the output to `update.manifest`. Returns the number of files written.
    /// `work` renders the pages that are made on the way and times rendering and writing.
    /// A full disk or a missing permission comes back as a diagnostic on the file, said in words.
    @discardableResult
    public func apply(_ update: OutputUpdate, work: ParallelWork = ParallelWork()) throws -> Int {
        do {
            try recover()
            let inPlace = update.isIncremental && update.changeCount <= inPlaceLimit
                && FileManager.default.fileExists(atPath: output.path)
            if inPlace {
                try applyInPlace(update, work: work)
            } else {
                try applyStaged(update, work: work)
            }
        } catch let missing as MissingOutput {
            throw missing
        } catch {
            throw BuildFailure(FileProblem.diagnostic(error, fallback: output.path))
        }
        return update.writes.count
    }

    /// The whole site in the staging folder (unchanged files hard-linked from the output, which costs no
    /// copy), then one swap. Files are made and written on every core.
    private func applyStaged(_ update: OutputUpdate, work: ParallelWork) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var changed: [String: OutputUpdate.Source] = [:]
            for write in update.writes { changed[write.path] = write.source }
            let paths = update.manifest.entries.keys.sorted()
            nonisolated(unsafe) let sources = paths.map { changed[$0] }
            let output = self.output.path, staging = self.staging.path
            let folders = PlainFiles.MadeFolders()
            try work.run(paths.count) { index, work in
                // Worked out here, on every core: one by one before the writing began, they were a serial 0.2 s.
                let target = try Self.path(paths[index], in: staging)
                try work.store { try folders.ensure(PlainFiles.parentFolder(of: target)) }
                if let source = sources[index] {
                    try Self.put(source, at: target, work: work)
                } else {
                    try work.store { try Self.reuse(Self.joined(output, paths[index]), path: paths[index], at: target) }
                }
            }
            try PlainFiles.store(Data(update.completedManifest.text.utf8), at: Self.joined(staging, OutputManifest.fileName))
            try swapIn()
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
    }

    /// Changed files into the staging folder, the journal committed, then each file moved into place.
    private func applyInPlace(_ update: OutputUpdate, work: ParallelWork) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var folders: Set<String> = []
            var lines: [String] = []
            for (path, source) in update.writes {
                let target = try location(path, in: staging)
                _ = try location(path, in: output)
                makeFolder(target.deletingLastPathComponent(), &folders)
                try Self.put(source, at: target.path, work: work)
                lines.append("w\t" + OutputManifest.escape(path))
            }
            for path in update.removals {
                _ = try location(path, in: output)
                lines.append("r\t" + OutputManifest.escape(path))
            }
            if update.writesManifest {
                try Data(update.completedManifest.text.utf8).write(to: staging.appendingPathComponent(OutputManifest.fileName))
                lines.append("w\t" + OutputManifest.fileName)
            }
            // What the update replaces or removes, kept (as links, no copy) until it is complete.
            for path in update.writes.map(\.path) + update.removals + (update.writesManifest ? [OutputManifest.fileName] : []) {
                let existing = try location(path, in: output)
                guard manager.fileExists(atPath: existing.path) else { continue }
                let kept = try location(path, in: backup)
                makeFolder(kept.deletingLastPathComponent(), &folders)
                try Self.reuse(existing.path, path: path, at: kept.path)
            }
            let pending = staging.appendingPathComponent(".bantin-journal.pending")
            try Data(lines.joined(separator: "\n").utf8).write(to: pending)
            // The commit: from here until the staging folder is gone, a killed update is rolled back.
            try manager.moveItem(at: pending, to: journal)
        } catch {
            try? manager.removeItem(at: staging)
            throw error
        }
        do {
            try replayJournal()
        } catch {
            // Half moved (a full disk, a file made read-only): back to the previous site at once, not at the
            // next build, which may fail before it gets there.
            try? rollBack()
            throw error
        }
    }

    /// Moves the journal's files into the output and deletes its removals, then drops the staging folder
    /// (and with it the backup). Killed on the way, the next build's `recover` rolls it back.
    private func replayJournal() throws {
        let manager = FileManager.default
        var folders: Set<String> = []
        for entry in try journalEntries() {
            let target = try location(entry.path, in: output)
            if entry.isWrite {
                let staged = try location(entry.path, in: staging)
                guard manager.fileExists(atPath: staged.path) else { continue }
                try move(staged, to: target, folders: &folders)
            } else if manager.fileExists(atPath: target.path) {
                try manager.removeItem(at: target)
                removeEmptyFolders(above: target)
            }
        }
        try manager.removeItem(at: staging)
    }

    /// Undoes an update killed during its moves: every replaced or removed file comes back from the backup,
    /// every file the update added is removed (with the folders it leaves empty), then the staging folder goes.
    private func rollBack() throws {
        let manager = FileManager.default
        var folders: Set<String> = []
        for entry in try journalEntries() {
            let target = try location(entry.path, in: output)
            let kept = try location(entry.path, in: backup)
            if manager.fileExists(atPath: kept.path) {
                try move(kept, to: target, folders: &folders)
            } else if entry.isWrite, !manager.fileExists(atPath: try location(entry.path, in: staging).path),
                      manager.fileExists(atPath: target.path) {
                // Added by the update and already moved in: the previous site did not have it.
                try manager.removeItem(at: target)
                removeEmptyFolders(above: target)
            }
        }
        try manager.removeItem(at: staging)
    }

    /// The committed journal's lines: a file written ("w") or removed ("r"), by its path in the output.
    private func journalEntries() throws -> [(isWrite: Bool, path: String)] {
        try String(contentsOf: journal, encoding: .utf8).split(separator: "\n").compactMap { line in
            let fields = line.split(separator: "\t", maxSplits: 1)
            guard fields.count == 2 else { return nil }
            return (fields[0] == "w", OutputManifest.unescape(fields[1]))
        }
    }

    /// One atomic rename into the output, making the target's folder first.
    private func move(_ source: URL, to target: URL, folders: inout Set<String>) throws {
        makeFolder(target.deletingLastPathComponent(), &folders)
        guard rename(source.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    private static func put(_ source: OutputUpdate.Source, at target: String, work: ParallelWork) throws {
        switch source {
        case .bytes(let data):
            try work.store { try PlainFiles.store(data, at: target) }
        case .produced(let producer):
            let data = work.produce { producer.make() }
            try work.store { try PlainFiles.store(data, at: target) }
        case .link(let url):
            try work.store {
                if PlainFiles.hardLink(url.path, at: target) { return }
                try FileManager.default.copyItem(at: url, to: URL(fileURLWithPath: target))
            }
        case .copy(let url):
            try work.store {
                try FileManager.default.copyItem(at: url.resolvingSymlinksInPath(), to: URL(fileURLWithPath: target))
            }
        }
    }

    /// An unchanged file: a hard link to the output's copy, or a copy where links are not allowed.
    private static func reuse(_ existing: String, path: String, at target: String) throws {
        if PlainFiles.hardLink(existing, at: target) { return }
        guard FileManager.default.fileExists(atPath: existing) else { throw MissingOutput(path: path) }
        try FileManager.default.copyItem(atPath: existing, toPath: target)
    }

    private func makeFolder(_ folder: URL, _ made: inout Set<String>) {
        if made.insert(folder.path).inserted {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
    }

    /// Removes the folders a deleted page leaves empty ("tin/x/"), never the output itself.
    private func removeEmptyFolders(above file: URL) {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        while folder.path.count > output.path.count, folder.path.hasPrefix(output.path + "/") {
            guard rmdir(folder.path) == 0 else { return }
            folder = folder.deletingLastPathComponent().standardizedFileURL
        }
    }

    /// Refuses paths that would land outside the output folder.
    func safeLocation(for relativePath: String) throws -> URL {
        try location(relativePath, in: staging)
    }

    func location(_ relativePath: String, in root: URL) throws -> URL {
        try Self.location(relativePath, in: root)
    }

    static func location(_ relativePath: String, in root: URL) throws -> URL {
        try checkInside(relativePath)
        return root.appendingPathComponent(relativePath)
    }

    /// `location` as a path: a `URL` made for each of a site's 24,000 files was 0.2 processor-seconds of a
    /// 10,000-article build (`bench/README.md`).
    static func path(_ relativePath: String, in root: String) throws -> String {
        try checkInside(relativePath)
        return joined(root, relativePath)
    }

    private static func checkInside(_ relativePath: String) throws {
        let parts = relativePath.split(separator: "/")
        guard !relativePath.hasPrefix("/"), !parts.isEmpty,
              !parts.contains(where: { $0 == ".." || $0 == "." }) else {
            throw BuildFailure([.error(relativePath, Message("output.outside"))])
        }
    }

    private static func joined(_ root: String, _ relativePath: String) -> String {
        root.hasSuffix("/") ? root + relativePath : root + "/" + relativePath
    }

    /// The finished staging folder becomes the output in one atomic exchange of the two names (Linux
    /// `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`), so `public/` exists at every instant:
    /// two renames left a moment without it, and a build killed there left no site at all. The old site is
    /// then under the staging name, removed here or, if killed first, by the next build's `recover`.
    /// Where the system cannot exchange (an old kernel, some network disks), the two renames remain.
    private func swapIn() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output.path) {
            if Self.exchange(staging.path, output.path) {
                try? manager.removeItem(at: staging)
                markManifestWritten()
                return
            }
            try manager.moveItem(at: output, to: previous)
        }
        try manager.moveItem(at: staging, to: output)
        try? manager.removeItem(at: previous)
        markManifestWritten()
    }

    /// Removing the old site unlinked the second names of the files it shared with the new one, which changes
    /// their status time: the manifest's is brought after it, or the next build would take them all for files
    /// changed by hand (`OutputManifest.markChangedFiles`) and write them again.
    private func markManifestWritten() {
        _ = utimes(output.appendingPathComponent(OutputManifest.fileName).path, nil)
    }

    /// Swaps the names of two existing paths atomically; false when the system cannot.
    static func exchange(_ first: String, _ second: String) -> Bool {
        #if canImport(Darwin)
        return renamex_np(first, second, UInt32(RENAME_SWAP)) == 0
        #else
        guard let exchange = renameat2 else { return false }
        let RENAME_EXCHANGE: UInt32 = 2, AT_FDCWD: Int32 = -100
        return exchange(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE) == 0
        #endif
    }

    #if !canImport(Darwin)
    /// glibc's `renameat2` (2.28 and later), found at run time: Swift's Glibc module does not declare it.
    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    private static let renameat2: RenameAt2? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
    }()
    #endif
}
