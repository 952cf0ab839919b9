import Foundation
import Synchronization
import Testing
@testable import BanTinKit

/// `Parallel.mapReading`: the files of a site read many at a time, each result in its file's place; and
/// `Concurrently`: work beside the cores' parallel work, on a thread of its own.
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

    @Test func workBesideStartsWhileTheCoresParallelWorkWaitsForIt() {
        // Every batch of the parallel work waits busily (up to 5 s) for the work beside it to have run. Queued on
        // Dispatch, that work would need one of the threads the batches hold (it waited out the 5 s).
        let ran = Flag()
        let seen = Parallel.map(ProcessInfo.processInfo.activeProcessorCount * 4, state: { () }) { index, _ -> Bool in
            nonisolated(unsafe) var beside: Concurrently<Int>?
            if index == 0 { beside = Concurrently { ran.raise(); return 7 } }
            let deadline = Date().addingTimeInterval(5)
            while !ran.isRaised && Date() < deadline { sched_yield() }
            #expect(beside?.value ?? 7 == 7)
            return ran.isRaised
        }
        #expect(seen.allSatisfy { $0 })
    }

    @Test func workBesideNeverAskedForIsWaitedForWhenLetGo() {
        let done = Flag()
        do {
            _ = Concurrently { () -> Int in
                usleep(50_000)
                done.raise()
                return 1
            }
        }
        let finished = done.isRaised
        #expect(finished)
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

/// A flag threads may raise and read.
private final class Flag: Sendable {
    private let raised = Atomic(false)
    func raise() { raised.store(true, ordering: .sequentiallyConsistent) }
    var isRaised: Bool { raised.load(ordering: .sequentiallyConsistent) }
}
