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
        // The word buffers live only for this call: as arrays held by `Words`, every letter written to them paid
        // a uniqueness check (the search postings of 10,000 generated articles: 0.365 s, now 0.300 s, best of 7).
        let folded = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: SearchTerms.maximumLength + 1)
        let exact = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Words.exactCapacity)
        defer {
            folded.deallocate()
            exact.deallocate()
        }
        text.withUTF8 { bytes in
            var words = Words(folded: folded, exact: exact)
            words.run(bytes, body)
        }
    }

    /// The scan's state as stored properties of a value: as variables captured by a local function they were
    /// boxed and checked for exclusive access on every letter (half of the tokenizer's time at 10,000 articles).
    private struct Words {
        /// Buffers reused for every word: a word longer than `SearchTerms.maximumLength` folded is left out, so
        /// only that many folded letters are kept; the exact bytes (marks included) fit in `exactCapacity`.
        static let exactCapacity = 1024
        let folded: UnsafeMutableBufferPointer<UInt8>
        let exact: UnsafeMutableBufferPointer<UInt8>
        var foldedCount = 0, exactCount = 0
        /// What stands between this word and the one before: how many bytes, and the last of them.
        var betweenCount = 0
        var betweenByte: UInt8 = 0
        var sawWord = false
        let letters = VietnameseLetters.shared

        init(folded: UnsafeMutableBufferPointer<UInt8>, exact: UnsafeMutableBufferPointer<UInt8>) {
            self.folded = folded
            self.exact = exact
        }

        @inline(__always)
        mutating func addFolded(_ byte: UInt8) {
            if foldedCount < folded.count { folded[foldedCount] = byte }
            foldedCount += 1
        }

        @inline(__always)
        mutating func addExact(_ byte: UInt8) {
            if exactCount < exact.count { exact[exactCount] = byte }
            exactCount += 1
        }

        mutating func finish(_ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Joint) -> Void) {
            guard foldedCount > 0 else { return }
            if foldedCount <= SearchTerms.maximumLength && exactCount <= exact.count {
                let joint: Joint = !sawWord ? .start
                    : (betweenCount == 1 && (betweenByte == 0x2D || betweenByte == 0x2F)) ? .code : .apart
                body(UnsafeBufferPointer(rebasing: folded[0..<foldedCount]), UnsafeBufferPointer(rebasing: exact[0..<exactCount]), joint)
                sawWord = true
            }
            foldedCount = 0
            exactCount = 0
            betweenCount = 0
        }

        mutating func run(_ bytes: UnsafeBufferPointer<UInt8>,
                          _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>, Joint) -> Void) {
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
                        addFolded(lower)
                        addExact(lower)
                    } else {
                        finish(body)
                        betweenCount += 1
                        betweenByte = lead
                    }
                    continue
                }
                // Loose combining marks fold to nothing and stay with their letter.
                if (0x300...0x36F).contains(value) {
                    if foldedCount > 0 { for byte in bytes[start..<index] { addExact(byte) } }
                    continue
                }
                if let letter = Slug.latinLetter(value) {
                    addFolded(letter)
                    appendUTF8(letters.classify(value).lower)
                    continue
                }
                finish(body)
                betweenCount += 2  // not a joint of a code
                betweenByte = 0xFF
            }
            finish(body)
        }

        @inline(__always)
        mutating func appendUTF8(_ value: UInt32) {
            switch value {
            case ..<0x80: addExact(UInt8(value))
            case ..<0x800:
                addExact(UInt8(0xC0 | value >> 6))
                addExact(UInt8(0x80 | value & 0x3F))
            case ..<0x10000:
                addExact(UInt8(0xE0 | value >> 12))
                addExact(UInt8(0x80 | value >> 6 & 0x3F))
                addExact(UInt8(0x80 | value & 0x3F))
            default:
                addExact(UInt8(0xF0 | value >> 18))
                addExact(UInt8(0x80 | value >> 12 & 0x3F))
                addExact(UInt8(0x80 | value >> 6 & 0x3F))
                addExact(UInt8(0x80 | value & 0x3F))
            }
        }
    }
}
