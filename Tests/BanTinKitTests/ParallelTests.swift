import Foundation
import Synchronization
import Testing
@testable import BanTinKit

/// `Parallel.mapReading`: the files of a site read many at a time, each result in its file's place.
@Suite struct ParallelTests {
    @Test func readingManyAtATimeKeepsEveryResultInItsPlace() {
        for count in [0, 1, 2, Parallel.readingWidth - 1, Parallel.readingWidth, 1_000] {
            let doubled = Parallel.mapReading(count) { $0 * 2 }
            #expect(doubled == (0..<count).map { $0 * 2 }, "count \(count)")
        }
    }

    @Test func readingUsesMoreThreadsThanCoresWhenTheWorkWaits() {
        // Each job sleeps as a read waiting on the disk would, so the threads that take jobs all exist at once.
        let threads = Mutex(Set<UInt>())
        let results = Parallel.mapReading(64) { index -> Int in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            usleep(20_000)
            return index
        }
        #expect(results == Array(0..<64))
        #expect(threads.withLock { $0.count } > ProcessInfo.processInfo.activeProcessorCount)
    }

    @Test func readingFilesFromDiskGivesTheirBytesInOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bantin-reading-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let paths = (0..<300).map { folder.appendingPathComponent("bai-\($0).md").path }
        for (index, path) in paths.enumerated() { try Data("Bài \(index)\n".utf8).write(to: URL(fileURLWithPath: path)) }
        let texts = Parallel.mapReading(paths.count) { FileManager.default.contents(atPath: paths[$0]).map { String(decoding: $0, as: UTF8.self) } }
        #expect(texts == (0..<300).map { "Bài \($0)\n" })
    }
}
