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
    /// What a hasher of the values many pages share remembered (read only from here on, so any thread may ask):
    /// a hasher made for one page, and dropped with it, hashes only what is the page's own.
    /// (The memo itself, not its hasher: read through a constant of this hasher, it costs no reference count
    /// on the storage every writing thread reads.)
    private let shared: [UnsafeRawPointer: UInt64]

    init(sharing shared: ContextFingerprint? = nil) {
        self.shared = shared?.memo ?? [:]
    }

    /// Collections are one reference to their storage on every platform Swift runs on; if not, no memo.
    private static let canMemoize = MemoryLayout<[String: Any]>.size == MemoryLayout<UnsafeRawPointer>.size
        && MemoryLayout<[Any]>.size == MemoryLayout<UnsafeRawPointer>.size

    private enum Tag: UInt64 {
        case string = 1, bool, int, double, dictionary, array, other, null
    }

    func hash(_ value: Any) -> UInt64 {
        // The exact type first: a cast such as `as? [[String: Any]]` on a `[[String: String]]` converts every
        // element, and failed casts cost too. Equal contents hash equally whatever their static type.
        switch ObjectIdentifier(type(of: value)) {
        case Kind.string: return hashString(value as! String)
        case Kind.dictionary: return hashCollection(value as! [String: Any], hashDictionary)
        case Kind.stringDictionary: return hashCollection(value as! [String: String], hashDictionary)
        case Kind.dictionaries: return hashCollection(value as! [[String: Any]], hashSequence)
        case Kind.stringDictionaries: return hashCollection(value as! [[String: String]], hashSequence)
        case Kind.bool: return tagged(.bool, (value as! Bool) ? 1 : 0)
        case Kind.int: return tagged(.int, UInt64(bitPattern: Int64(value as! Int)))
        default: break
        }
        switch value {
        case let text as String:
            return hashString(text)
        case let dictionary as [String: Any]:
            return hashCollection(dictionary, hashDictionary)
        case let flag as Bool:
            return tagged(.bool, flag ? 1 : 0)
        case let dictionaries as [[String: Any]]:
            return hashCollection(dictionaries, hashSequence)
        case let number as Int:
            return tagged(.int, UInt64(bitPattern: Int64(number)))
        case let number as Double:
            return tagged(.double, number.bitPattern)
        case let texts as [String]:
            return hashCollection(texts, hashSequence)
        case let values as [Any]:
            return hashCollection(values, hashSequence)
        default:
            // Optionals and anything unusual: their description is stable for the plain values contexts hold.
            var hash = ContentHash()
            hash.combine(Tag.other.rawValue)
            hash.combine(String(reflecting: type(of: value)))
            hash.combine(String(describing: value))
            return hash.finalized
        }
    }

    private enum Kind {
        static let string = ObjectIdentifier(String.self)
        static let dictionary = ObjectIdentifier([String: Any].self)
        static let stringDictionary = ObjectIdentifier([String: String].self)
        static let dictionaries = ObjectIdentifier([[String: Any]].self)
        static let stringDictionaries = ObjectIdentifier([[String: String]].self)
        static let bool = ObjectIdentifier(Bool.self)
        static let int = ObjectIdentifier(Int.self)
    }

    private func hashString(_ text: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(Tag.string.rawValue)
        hash.combine(text)
        return hash.finalized
    }

    private func hashCollection<Collection>(_ collection: Collection, _ compute: (Collection) -> UInt64) -> UInt64 {
        remembered(collection) { compute(collection) }
    }

    /// Entries are combined by addition, so the dictionary's (per-process random) order does not matter.
    private func hashDictionary<Value>(_ dictionary: [String: Value]) -> UInt64 {
        var sum: UInt64 = 0
        for (key, value) in dictionary {
            var entry = ContentHash()
            entry.combine(key)
            entry.combine(hash(value))
            sum = sum &+ entry.finalized
        }
        var hash = ContentHash()
        hash.combine(Tag.dictionary.rawValue)
        hash.combine(dictionary.count)
        hash.combine(sum)
        return hash.finalized
    }

    private func hashSequence<Element>(_ values: [Element]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(Tag.array.rawValue)
        hash.combine(values.count)
        for value in values { hash.combine(self.hash(value)) }
        return hash.finalized
    }

    private func tagged(_ tag: Tag, _ bits: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(tag.rawValue)
        hash.combine(bits)
        return hash.finalized
    }

    private func remembered<Collection>(_ collection: Collection, _ compute: () -> UInt64) -> UInt64 {
        guard Self.canMemoize, MemoryLayout<Collection>.size == MemoryLayout<UnsafeRawPointer>.size else { return compute() }
        let identity = unsafeBitCast(collection, to: UnsafeRawPointer.self)
        if let known = shared[identity] ?? memo[identity] { return known }
        let value = compute()
        memo[identity] = value
        retained.append(collection)
        return value
    }
}
