import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SHA-256 of source files, remembered by size, modification time, inode and status change time in
/// `<cache>/sources.json`, so a build over unchanged photos hashes none of them again (200 phone photos are
/// 600 MB: 1.8 processor seconds of SHA-256 each build). When in doubt it hashes, as the build cache does: the
/// status change time moves whenever the file is written or its dates are set back (`touch -d`, `cp -p`), a
/// file modified less than two seconds before it was hashed is hashed again (its time may not change on a second
/// write), and `build --full` hashes everything. Sources given as bytes are always hashed.
final class SourceHashes: @unchecked Sendable {
    struct Record: Codable, Equatable {
        var size: Int64
        var modifiedNanoseconds: Int64
        var inode: UInt64
        var sha256: String
        /// Nil in records of older caches: those are hashed again.
        var changedNanoseconds: Int64?
        /// When the bytes were hashed (nanoseconds since 1970).
        var hashedAt: Int64?
    }

    /// A file modified this close before it was hashed may change again without its time moving.
    static let racyWindow: Int64 = 2_000_000_000
    /// False (`build --full`): every file is hashed, whatever its record says.
    let trustsSignatures: Bool

    private let url: URL
    private let lock = NSLock()
    private var records: [String: Record] = [:]
    private var changed = false

    init(cacheDirectory: URL, trustsSignatures: Bool = true) {
        self.trustsSignatures = trustsSignatures
        url = cacheDirectory.appendingPathComponent("sources.json")
        if let data = try? Data(contentsOf: url), let saved = try? JSONDecoder().decode([String: Record].self, from: data) {
            records = saved
        }
    }

    func sha256(of source: SourceImage, bytes: UnsafeRawBufferPointer) -> String {
        guard case .file(let file) = source.contents, let signature = Self.signature(file.path) else {
            return Vips.sha256(bytes)
        }
        if trustsSignatures, let record = lock.withLock({ records[file.path] }), record.size == signature.size,
           record.modifiedNanoseconds == signature.modifiedNanoseconds, record.inode == signature.inode,
           record.changedNanoseconds == signature.changedNanoseconds, let hashedAt = record.hashedAt,
           record.modifiedNanoseconds < hashedAt - Self.racyWindow, record.size == Int64(bytes.count) {
            return record.sha256
        }
        var record = signature
        record.hashedAt = Int64(Date().timeIntervalSince1970 * 1e9)
        record.sha256 = Vips.sha256(bytes)
        lock.withLock {
            records[file.path] = record
            changed = true
        }
        return record.sha256
    }

    /// Writes the records when some were added (temporary file, then renamed over the old one).
    func save() {
        let data: Data? = lock.withLock {
            guard changed else { return nil }
            changed = false
            return try? JSONEncoder().encode(records)
        }
        guard let data else { return }
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".tmp-\(UUID().uuidString).json")
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: temporary)
            if rename(temporary.path, url.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        } catch {
            // Only a memo: the next build hashes again.
            try? FileManager.default.removeItem(at: temporary)
        }
    }

    static func signature(_ path: String) -> Record? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
        #if canImport(Darwin)
        let changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        let changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
        return Record(size: Int64(info.st_size), modifiedNanoseconds: modified, inode: UInt64(info.st_ino), sha256: "",
                      changedNanoseconds: changed)
    }
}
