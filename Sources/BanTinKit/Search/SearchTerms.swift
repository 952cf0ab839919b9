/// How text becomes search terms, the same way in Swift (index) and in `templates/assets/search.js`
/// (query): `Slug.fold` (lower case, no accents, "đ" → "d"), then every run of ASCII letters and digits
/// is a term. Folded Vietnamese is plain ASCII, so "Được" and "duoc" meet at "duoc".
enum SearchTerms {
    /// Longer runs (pasted URLs, codes) are left out of the index: nobody types them.
    static let maximumLength = 40

    static func terms(in text: String) -> [String] {
        var terms: [String] = []
        var folded = Slug.fold(text)
        // Terms are ASCII letters and digits, so any other byte (UTF-8 included) ends one.
        folded.withUTF8 { bytes in
            var start = -1
            for index in 0...bytes.count {
                let isTerm = index < bytes.count && isTermByte(bytes[index])
                if isTerm, start < 0 { start = index }
                if !isTerm, start >= 0 {
                    if index - start <= maximumLength {
                        terms.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    }
                    start = -1
                }
            }
        }
        return terms
    }

    /// Two neighbouring title words as one index entry; the space keeps it apart from every single term.
    static func pair(_ first: String, _ second: String) -> String { first + " " + second }

    /// Which term file holds a term: FNV-1a (32 bits) of its bytes, modulo the number of buckets.
    /// search.js computes the same with `Math.imul`.
    static func bucket(of term: String, count: Int) -> Int {
        var hash: UInt32 = 0x811C_9DC5
        for byte in term.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 0x0100_0193
        }
        return Int(hash % UInt32(max(count, 1)))
    }

    static func isTermByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x61...0x7A: true
        default: false
        }
    }
}
