/// Keeps the `limit` heaviest terms offered (a min-heap: the lightest kept term is on top, to be replaced),
/// then hands them out sorted by term id. Reused across articles.
struct StrongestTerms {
    typealias Entry = (id: Int32, hash: UInt64, weight: Float)

    let limit: Int
    private var heap: [Entry] = []

    init(limit: Int) {
        self.limit = limit
        heap.reserveCapacity(limit)
    }

    /// Equal weights are told apart by hash, so the choice never depends on the order articles were read in.
    @inline(__always)
    private static func lighter(_ a: Entry, _ b: Entry) -> Bool {
        a.weight != b.weight ? a.weight < b.weight : a.hash > b.hash
    }

    mutating func offer(id: Int32, hash: UInt64, weight: Float) {
        let entry = (id: id, hash: hash, weight: weight)
        if heap.count < limit {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if Self.lighter(heap[0], entry) {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// The kept terms, by id; empties the heap.
    mutating func take() -> [Entry] {
        let kept = heap.sorted { $0.id < $1.id }
        heap.removeAll(keepingCapacity: true)
        return kept
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.lighter(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var lightest = parent
            if left < heap.count && Self.lighter(heap[left], heap[lightest]) { lightest = left }
            if right < heap.count && Self.lighter(heap[right], heap[lightest]) { lightest = right }
            if lightest == parent { return }
            heap.swapAt(parent, lightest)
            parent = lightest
        }
    }
}
