import Foundation
import Testing
@testable import BanTinImages

/// The remembered hashes of photos are trusted no more than the build cache trusts its signatures.
@Suite struct SourceHashesTests {
    func hash(_ hashes: SourceHashes, _ file: URL) throws -> String {
        let data = try Data(contentsOf: file)
        return data.withUnsafeBytes { hashes.sha256(of: SourceImage(path: "content/images/a.jpg", file: file), bytes: $0) }
    }

    func setModified(_ file: URL, secondsAgo: Int) {
        let time = timespec(tv_sec: Foundation.time(nil) - secondsAgo, tv_nsec: 0)
        var times = [time, time]
        _ = utimensat(AT_FDCWD, file.path, &times, 0)
    }

    @Test func aFileRewrittenInPlaceWithItsOldTimeIsHashedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-hashes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("a.jpg")
        try Data("first picture".utf8).write(to: file)
        setModified(file, secondsAgo: 3600)
        let hashes = SourceHashes(cacheDirectory: folder)
        let first = try hash(hashes, file)
        #expect(first == Vips.sha256(Data("first picture".utf8)))
        // Same length, same inode, same modification time: only the status change time says it was written.
        let handle = try FileHandle(forWritingTo: file)
        try handle.write(contentsOf: Data("other picture".utf8))
        try handle.close()
        setModified(file, secondsAgo: 3600)
        #expect(try hash(hashes, file) == Vips.sha256(Data("other picture".utf8)))
        // Untouched since: trusted (not hashed: a wrong remembered hash would show).
        hashes.save()
        var saved = try JSONDecoder().decode([String: SourceHashes.Record].self, from: Data(contentsOf: folder.appendingPathComponent("sources.json")))
        saved[file.path]?.sha256 = "remembered"
        try JSONEncoder().encode(saved).write(to: folder.appendingPathComponent("sources.json"))
        #expect(try hash(SourceHashes(cacheDirectory: folder), file) == "remembered")
        // `build --full` trusts nothing.
        #expect(try hash(SourceHashes(cacheDirectory: folder, trustsSignatures: false), file) == Vips.sha256(Data("other picture".utf8)))
        // A record of an older cache (no status change time) is hashed again.
        saved[file.path]?.changedNanoseconds = nil
        try JSONEncoder().encode(saved).write(to: folder.appendingPathComponent("sources.json"))
        #expect(try hash(SourceHashes(cacheDirectory: folder), file) == Vips.sha256(Data("other picture".utf8)))
    }

    @Test func aFileModifiedJustBeforeItWasHashedIsHashedAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-hashes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("a.jpg")
        try Data("racy".utf8).write(to: file)
        let hashes = SourceHashes(cacheDirectory: folder)
        _ = try hash(hashes, file)
        hashes.save()
        var saved = try JSONDecoder().decode([String: SourceHashes.Record].self, from: Data(contentsOf: folder.appendingPathComponent("sources.json")))
        saved[file.path]?.sha256 = "remembered"
        try JSONEncoder().encode(saved).write(to: folder.appendingPathComponent("sources.json"))
        #expect(try hash(SourceHashes(cacheDirectory: folder), file) == Vips.sha256(Data("racy".utf8)))
    }
}
