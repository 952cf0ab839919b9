import Foundation

/// Hashes exactly what a template will see, so an incremental build renders a page again only when its
/// context (or its template) changed. Hashing the context itself, rather than listing what each page
/// "depends on", cannot miss a dependency: whatever a later stage adds to a context is hashed too.
///
/// Pages share most of their context (sidebar, menu, the list entry of each article), so each shared
/// dictionary or array is hashed once per pass, remembered by the identity of its storage. The memo keeps
/// every remembered value alive, so a storage address cannot be reused by another value during the pass.
final class ContextFingerprint {
    private var memo: [UnsafeRawPointer: UInt64] = [:]
    private var retained: [Any] = []

    /// Collections are one reference to their storage on every platform Swift runs on; if not, no memo.
    private static let canMemoize = MemoryLayout<[String: Any]>.size == MemoryLayout<UnsafeRawPointer>.size
        && MemoryLayout<[Any]>.size == MemoryLayout<UnsafeRawPointer>.size

    private enum Tag: UInt64 {
        case string = 1, bool, int, double, dictionary, array, other, null
    }

    func hash(_ value: Any) -> UInt64 {
        switch value {
        case let text as String:
            var hash = StableHash()
            hash.combine(Tag.string.rawValue)
            hash.combine(text)
            return hash.finalized
        // Most common first: every failed cast costs.
        case let dictionary as [String: Any]:
            return remembered(dictionary) { hashDictionary(dictionary) }
        case let flag as Bool:
            return tagged(.bool, flag ? 1 : 0)
        case let dictionaries as [[String: Any]]:
            return remembered(dictionaries) { hashSequence(dictionaries) }
        case let number as Int:
            return tagged(.int, UInt64(bitPattern: Int64(number)))
        case let number as Double:
            return tagged(.double, number.bitPattern)
        case let texts as [String]:
            return remembered(texts) { hashSequence(texts) }
        case let values as [Any]:
            return remembered(values) { hashSequence(values) }
        default:
            // Optionals and anything unusual: their description is stable for the plain values contexts hold.
            var hash = StableHash()
            hash.combine(Tag.other.rawValue)
            hash.combine(String(reflecting: type(of: value)))
            hash.combine(String(describing: value))
            return hash.finalized
        }
    }

    /// Entries are combined by addition, so the dictionary's (per-process random) order does not matter.
    private func hashDictionary(_ dictionary: [String: Any]) -> UInt64 {
        var sum: UInt64 = 0
        for (key, value) in dictionary {
            var entry = StableHash()
            entry.combine(key)
            entry.combine(hash(value))
            sum = sum &+ entry.finalized
        }
        var hash = StableHash()
        hash.combine(Tag.dictionary.rawValue)
        hash.combine(dictionary.count)
        hash.combine(sum)
        return hash.finalized
    }

    private func hashSequence<Element>(_ values: [Element]) -> UInt64 {
        var hash = StableHash()
        hash.combine(Tag.array.rawValue)
        hash.combine(values.count)
        for value in values { hash.combine(self.hash(value)) }
        return hash.finalized
    }

    private func tagged(_ tag: Tag, _ bits: UInt64) -> UInt64 {
        var hash = StableHash()
        hash.combine(tag.rawValue)
        hash.combine(bits)
        return hash.finalized
    }

    private func remembered<Collection>(_ collection: Collection, _ compute: () -> UInt64) -> UInt64 {
        guard Self.canMemoize, MemoryLayout<Collection>.size == MemoryLayout<UnsafeRawPointer>.size else { return compute() }
        let identity = unsafeBitCast(collection, to: UnsafeRawPointer.self)
        if let known = memo[identity] { return known }
        let value = compute()
        memo[identity] = value
        retained.append(collection)
        return value
    }
}
