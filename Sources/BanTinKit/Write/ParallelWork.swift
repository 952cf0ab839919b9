import Dispatch
import Foundation
import Synchronization

/// Runs one job per item on every core, items handed out in small batches, and adds up how long
/// making bytes and storing them took (the `render` and `write` of `bantin build --timings`).
public final class ParallelWork: Sendable {
    /// Seconds spent in `produce` and in `store` across all threads.
    private let totals = Mutex((produce: 0.0, store: 0.0, done: 0))
    let progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?

    public init(progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        self.progress = progress
    }

    var produceSeconds: Double { totals.withLock { $0.produce } }
    var storeSeconds: Double { totals.withLock { $0.store } }

    /// Calls `job` for every index in `0..<count`; throws the first error any job threw.
    func run(_ count: Int, batch: Int = 16, _ job: @Sendable (Int, ParallelWork) throws -> Void) throws {
        let next = Atomic(0)
        let failure = Mutex<Error?>(nil)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, (count + batch - 1) / batch))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while failure.withLock({ $0 == nil }) {
                let start = next.add(batch, ordering: .relaxed).oldValue
                guard start < count else { return }
                do {
                    for index in start..<min(start + batch, count) { try job(index, self) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
                if let progress {
                    let done = totals.withLock { $0.done += min(batch, count - start); return $0.done }
                    progress(done, count)
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Times `body` as making bytes.
    func produce<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(\.produce, since: start) }
        return try body()
    }

    /// Times `body` as storing bytes.
    func store<T>(_ body: () throws -> T) rethrows -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        defer { add(\.store, since: start) }
        return try body()
    }

    private func add(_ field: WritableKeyPath<(produce: Double, store: Double, done: Int), Double>, since start: UInt64) {
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        totals.withLock { $0[keyPath: field] += seconds }
    }
}
