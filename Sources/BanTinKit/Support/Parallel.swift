import Dispatch
import Foundation
import Synchronization

/// Work spread over the machine's cores, each piece writing only its own preallocated slot.
enum Parallel {
    /// `0..<count` split into batches: a few per core, so uneven batches even out.
    static func batches(_ count: Int) -> [Range<Int>] {
        let batches = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        return (0..<batches).map { (count * $0 / batches)..<(count * ($0 + 1) / batches) }
    }

    /// Runs `body` on each batch of `0..<count`, in parallel.
    static func forEachBatch(_ count: Int, _ body: (Range<Int>) -> Void) {
        let ranges = batches(count)
        guard !ranges.isEmpty else { return }
        // Callers only read shared values and write their own batch's slots, so sharing `body` is safe.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: ranges.count) { batch in body(ranges[batch]) }
        }
    }

    /// One result per batch of `0..<count`, in order.
    static func mapBatches<Result>(_ count: Int, _ transform: (Range<Int>) -> Result) -> [Result] {
        let ranges = batches(count)
        return map(ranges.count) { transform(ranges[$0]) }
    }

    /// `transform` of every index, computed in batches; `makeState` gives each batch its own scratch space.
    static func map<State, Result>(_ count: Int, state makeState: () -> State,
                                   _ transform: (Int, inout State) -> Result) -> [Result] {
        [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer.baseAddress
            forEachBatch(count) { range in
                var state = makeState()
                for index in range { (slots! + index).initialize(to: transform(index, &state)) }
            }
            initialized = count
        }
    }

    static func map<Result>(_ count: Int, _ transform: (Int) -> Result) -> [Result] {
        map(count, state: { () }) { index, _ in transform(index) }
    }

    /// How many files are read at once by `mapReading`, whatever the number of cores: a file not yet in memory
    /// keeps its thread waiting on the disk, and a disk answers many requests at once about as fast as one.
    /// Reading 10,000 articles not in memory (`drop_caches`) took 2.4 s two at a time and 0.8 s 32 at a time.
    static let readingWidth = max(32, ProcessInfo.processInfo.activeProcessorCount)

    /// `transform` of every index in order, on `readingWidth` threads taking the next index in turn: for work
    /// that mostly waits on the disk (reading and hashing files). Each writes only its own preallocated slot.
    static func mapReading<Result>(_ count: Int, _ transform: (Int) -> Result) -> [Result] {
        let width = min(readingWidth, count)
        guard width > 1 else { return (0..<count).map(transform) }
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let slots = buffer.baseAddress
            let next = Atomic(0)
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                // Threads of their own (Dispatch's concurrent work is as wide as the cores, not the disk), each
                // joined before `transform` goes out of reach.
                ReadingThreads.run(width) {
                    while true {
                        let index = next.add(1, ordering: .relaxed).oldValue
                        guard index < count else { return }
                        (slots! + index).initialize(to: transform(index))
                    }
                }
            }
            initialized = count
        }
    }
}

/// A value computed on another thread while the caller goes on; `value` waits for it. The thread is its own,
/// not one of Dispatch's: those are as many as the cores and busy with the caller's parallel work, and a block
/// queued there waited for it (in a full build of the deep bench corpus the feeds and sitemap, 0.12 s of work
/// queued beside the search index, started 1.8 s later, 0.36 s after the search index was done).
final class Concurrently<Value>: @unchecked Sendable {
    private let slot = Slot()
    private var thread: pthread_t?

    /// Where the thread leaves its value. The thread holds the slot, never `self`: a thread touching `self`
    /// could hold the last reference for an instant, run `deinit` itself and fail to join itself (EDEADLK),
    /// letting the caller go on before the work was done (seen under load in `ParallelTests`).
    private final class Slot: @unchecked Sendable { var value: Value? }

    init(_ compute: @escaping @Sendable () -> Value) {
        thread = ThreadWork { [slot] in slot.value = compute() }.start()
        if thread == nil { slot.value = compute() }
    }

    /// Waits once; the value is kept for later calls.
    lazy var value: Value = {
        if let thread { pthread_join(thread, nil) }
        thread = nil
        return slot.value!
    }()

    /// Never asked for (an error came first): the work may still be using what the caller lent it, so it is
    /// waited for.
    deinit { if let thread { pthread_join(thread, nil) } }
}

/// Work for POSIX threads of its own.
private final class ThreadWork: @unchecked Sendable {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }

    /// A thread running `body`; nil when the system refuses one.
    func start() -> pthread_t? {
        var thread = pthread_t()
        // The thread takes its own reference, given back when its work ends (before it is joined).
        let context = Unmanaged.passRetained(self).toOpaque()
        guard pthread_create(&thread, nil, { context in
            let work = Unmanaged<ThreadWork>.fromOpaque(context!)
            work.takeUnretainedValue().body()
            work.release()
            return nil
        }, context) == 0 else {
            Unmanaged<ThreadWork>.fromOpaque(context).release()
            return nil
        }
        return thread
    }
}

/// `width` POSIX threads running the same work, all joined before `run` returns.
private enum ReadingThreads {
    static func run(_ width: Int, _ body: () -> Void) {
        withoutActuallyEscaping(body) { body in
            let work = ThreadWork(body)
            let threads = (0..<width).compactMap { _ in work.start() }
            // No thread at all (the system refused them): the work is done here.
            if threads.isEmpty { work.body() }
            for thread in threads { pthread_join(thread, nil) }
        }
    }
}
