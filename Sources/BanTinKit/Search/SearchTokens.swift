import Foundation

/// The words of a text as the search index sees them, each in two spellings: folded (`Slug.fold`: "đảng" →
/// "dang"), which every query matches, and exact (lower case, NFC: "đảng"), which a query typed with marks
/// prefers. A word is a run of characters that fold to ASCII letters and digits, as `SearchTerms` and
/// search.js split folded text, at most `SearchTerms.maximumLength` long.
struct SearchTokens {
    /// How a word is joined to the one before it.
    enum Joint {
        /// The first word of the text.
        case start
        /// A single "-" or "/" and nothing else ("18-NQ/TW", "COVID-19"): parts of one code.
        case code
        /// Anything else.
        case apart
    }

    /// Calls `body` with each word's folded and exact bytes and how it joins the word before.
    static func forEach(in text: String,
                        _ body: (_ folded: UnsafeBufferPointer<UInt8>, _ exact: UnsafeBufferPointer<UInt8>, Joint) -> Void) {
        var text = SyllableTokenizer.mayBeDecomposed(text) ? text.precomposedStringWithCanonicalMapping : text
        let letters = VietnameseLetters.shared
        var folded: [UInt8] = [], exact: [UInt8] = []
        folded.reserveCapacity(64)
        exact.reserveCapacity(128)
        var between: [UInt8] = []
        var sawWord = false
        func finish() {
            guard !folded.isEmpty else { return }
            if folded.count <= SearchTerms.maximumLength {
                let joint: Joint = !sawWord ? .start
                    : (between.count == 1 && (between[0] == 0x2D || between[0] == 0x2F)) ? .code : .apart
                folded.withUnsafeBufferPointer { f in exact.withUnsafeBufferPointer { e in body(f, e, joint) } }
                sawWord = true
            }
            folded.removeAll(keepingCapacity: true)
            exact.removeAll(keepingCapacity: true)
            between.removeAll(keepingCapacity: true)
        }
        text.withUTF8 { bytes in
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                var value = UInt32(lead)
                var length = 1
                if lead >= 0x80 {
                    length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                    value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                }
                let start = index
                index += length
                if lead < 0x80 {
                    let lower = lead >= 0x41 && lead <= 0x5A ? lead + 32 : lead
                    if SearchTerms.isTermByte(lower) {
                        folded.append(lower)
                        exact.append(lower)
                    } else {
                        finish()
                        between.append(lead)
                    }
                    continue
                }
                // Loose combining marks fold to nothing and stay with their letter.
                if (0x300...0x36F).contains(value) {
                    if !folded.isEmpty { exact.append(contentsOf: bytes[start..<index]) }
                    continue
                }
                if let letter = Slug.latinLetter(value) {
                    folded.append(letter)
                    appendUTF8(letters.classify(value).lower, to: &exact)
                    continue
                }
                finish()
                between.append(contentsOf: [0xFF, 0xFF])  // not a joint of a code
            }
        }
        finish()
    }

    @inline(__always)
    private static func appendUTF8(_ value: UInt32, to bytes: inout [UInt8]) {
        switch value {
        case ..<0x80: bytes.append(UInt8(value))
        case ..<0x800:
            bytes.append(UInt8(0xC0 | value >> 6))
            bytes.append(UInt8(0x80 | value & 0x3F))
        case ..<0x10000:
            bytes.append(UInt8(0xE0 | value >> 12))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        default:
            bytes.append(UInt8(0xF0 | value >> 18))
            bytes.append(UInt8(0x80 | value >> 12 & 0x3F))
            bytes.append(UInt8(0x80 | value >> 6 & 0x3F))
            bytes.append(UInt8(0x80 | value & 0x3F))
        }
    }
}
