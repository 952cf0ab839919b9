/// How text becomes search terms, the same way in Swift (index) and in `templates/assets/search.js`
/// (query): `Slug.fold` (lower case, no accents, "đ" → "d"), then every run of ASCII letters and digits
/// is a term. Folded Vietnamese is plain ASCII, so "Được" and "duoc" meet at "duoc".
public enum SearchTerms {
    /// Longer runs (pasted URLs, codes) are left out of the index: nobody types them.
    public static let maximumLength = 40

    public static func terms(in text: String) -> [String] {
        var terms: [String] = []
        var current = ""
        for scalar in Slug.fold(text).unicodeScalars {
            if isTermCharacter(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                if current.count <= maximumLength { terms.append(current) }
                current = ""
            }
        }
        if !current.isEmpty, current.count <= maximumLength { terms.append(current) }
        return terms
    }

    /// Two neighbouring title words as one index entry; the space keeps it apart from every single term.
    public static func pair(_ first: String, _ second: String) -> String { first + " " + second }

    /// Which term file holds a term: FNV-1a (32 bits) of its bytes, modulo the number of buckets.
    /// search.js computes the same with `Math.imul`.
    public static func bucket(of term: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(max(count, 1)))
    }

    private static func isTermCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: true
        default: false
        }
    }
}
