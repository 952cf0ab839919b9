import Dispatch
import Foundation

/// Work spread over the machine's cores, each piece writing only its own preallocated slot.
enum Parallel {
    /// Splits `0..<count` into batches (a few per core, so uneven batches even out) and runs `body` on each.
    static func forEachBatch(_ count: Int, _ body: (Range<Int>) -> Void) {
        guard count > 0 else { return }
        let batches = min(count, ProcessInfo.processInfo.activeProcessorCount * 4)
        // Callers only read shared values and write their own batch's slots, so sharing `body` is safe.
        withoutActuallyEscaping(body) { body in
            nonisolated(unsafe) let body = body
            DispatchQueue.concurrentPerform(iterations: batches) { batch in
                body((count * batch / batches)..<(count * (batch + 1) / batches))
            }
        }
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
