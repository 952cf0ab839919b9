import Dispatch
import Foundation

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
}

/// A value computed on another thread while the caller goes on; `value` waits for it.
final class Concurrently<Value>: @unchecked Sendable {
    private var result: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ compute: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async {
            self.result = compute()
            self.done.signal()
        }
    }

    /// Waits once; the value is kept for later calls.
    lazy var value: Value = {
        done.wait()
        return result!
    }()
}
