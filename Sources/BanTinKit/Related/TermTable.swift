/// A hash map from terms (already well-mixed 64-bit hashes) to 32-bit values, with open addressing.
/// Counting terms is the hot loop of the text index: Swift's `Dictionary` would re-hash every key with SipHash,
/// and even a plain `Array` pays a uniqueness check on every write; this table is raw memory, and can be
/// emptied and reused without freeing it, so one table serves a whole batch of articles.
/// Not thread-safe: each batch or shard owns its own.
final class TermTable {
    private var keys: UnsafeMutablePointer<UInt64>
    private var values: UnsafeMutablePointer<Int32>
    private var capacity: Int
    /// Occupied slots in insertion order, for draining and for clearing only what was used.
    private var used: UnsafeMutablePointer<Int32>
    private(set) var count = 0

    /// 0 marks an empty slot, so the term 0 is stored under a stand-in.
    private static let zeroStandIn: UInt64 = 0xFFFF_FFFF_FFFF_FFFF

    init(capacity expected: Int = 1024) {
        capacity = 16
        while capacity < expected * 2 { capacity <<= 1 }
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
        used = .allocate(capacity: capacity / 2)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
        used.deallocate()
    }

    /// Adds `amount` to the term's value (a new term starts at 0).
    @inline(__always)
    func add(_ term: UInt64, _ amount: Int32) {
        // The slot first: finding it may grow the table, and `values[slot(term)]` would load the old buffer's
        // address before the growth freed it, writing the amount into freed memory (articles with more than
        // ~1,000 distinct terms corrupted the heap, one build in six).
        let index = slot(term)
        values[index] &+= amount
    }

    /// The term's value; a new term gets the number of terms before it, so values number terms by arrival.
    @inline(__always)
    func number(_ term: UInt64) -> Int32 {
        let before = count
        let found = slot(term)
        if count > before { values[found] = Int32(before) }
        return values[found]
    }

    /// Every term and its value, in insertion order.
    @inline(__always)
    func forEach(_ body: (UInt64, Int32) -> Void) {
        for position in 0..<count {
            let index = Int(used[position])
            body(keys[index] == Self.zeroStandIn ? 0 : keys[index], values[index])
        }
    }

    /// Empties the table, keeping its memory.
    func removeAll() {
        for position in 0..<count {
            let index = Int(used[position])
            keys[index] = 0
            values[index] = 0
        }
        count = 0
    }

    /// The term's slot, inserting it (value 0) when new.
    @inline(__always)
    private func slot(_ term: UInt64) -> Int {
        let key = term == 0 ? Self.zeroStandIn : term
        let mask = capacity - 1
        var index = Int(truncatingIfNeeded: key) & mask
        while true {
            let found = keys[index]
            if found == key { return index }
            if found == 0 { break }
            index = (index + 1) & mask
        }
        if count * 2 >= capacity - 2 {
            grow()
            return slot(term)
        }
        keys[index] = key
        values[index] = 0
        used[count] = Int32(index)
        count += 1
        return index
    }

    /// Doubles the capacity, keeping insertion order.
    private func grow() {
        let oldKeys = keys, oldValues = values, oldUsed = used, oldCount = count
        capacity *= 2
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: 0, count: capacity)
        used = .allocate(capacity: capacity / 2)
        count = 0
        for position in 0..<oldCount {
            let index = Int(oldUsed[position])
            let key = oldKeys[index]
            values[slot(key == Self.zeroStandIn ? 0 : key)] = oldValues[index]
        }
        oldKeys.deallocate()
        oldValues.deallocate()
        oldUsed.deallocate()
    }
}
