/// One article's full text vector in an open-addressing table, to compare it with its shortlisted candidates:
/// each of their terms is one probe into a table that stays in the processor cache, where walking two sorted
/// vectors side by side would branch on every step (and would need every vector sorted when the index is built).
struct VectorTable {
    private var terms: [Int32] = Array(repeating: -1, count: 1024)
    private var weights: [Float] = Array(repeating: 0, count: 1024)
    private var used: [Int] = []
    private var mask = 1023

    @inline(__always)
    private func home(_ term: Int32) -> Int { Int(truncatingIfNeeded: (UInt32(bitPattern: term) &* 0x9E37_79B1) >> 7) & mask }

    /// Holds `article`'s vector from now on.
    mutating func load(_ article: Int, from index: TextIndex) {
        for slot in used { terms[slot] = -1 }
        used.removeAll(keepingCapacity: true)
        let range = index.vector(article)
        // At most half full, so probes stay short.
        if range.count * 2 > terms.count {
            var size = terms.count
            while range.count * 2 > size { size *= 2 }
            terms = Array(repeating: -1, count: size)
            weights = Array(repeating: 0, count: size)
            mask = size - 1
        }
        index.vectors.withUnsafeBufferPointer { vectors in
            for place in range {
                let entry = vectors[place]
                var slot = home(entry.key)
                while terms[slot] >= 0 { slot = (slot + 1) & mask }
                terms[slot] = entry.key
                weights[slot] = entry.weight
                used.append(slot)
            }
        }
    }

    /// Cosine similarity of the loaded article with `other` (0 to 1).
    func cosine(with other: Int, in index: TextIndex) -> Double {
        var total: Float = 0
        terms.withUnsafeBufferPointer { terms in
            weights.withUnsafeBufferPointer { weights in
                index.vectors.withUnsafeBufferPointer { vectors in
                    for place in index.vector(other) {
                        let entry = vectors[place]
                        var slot = home(entry.key)
                        while true {
                            let found = terms[slot]
                            if found == entry.key {
                                total += weights[slot] * entry.weight
                                break
                            }
                            if found < 0 { break }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        return min(Double(total), 1)
    }
}
