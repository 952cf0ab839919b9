import Foundation

/// Splits Vietnamese text into the terms text similarity compares: syllables, and pairs of adjacent syllables,
/// because most Vietnamese words are written as two syllables ("dân vận", "thi đua") and the pair carries the
/// meaning. Text is compared in NFC and lower case; stop syllables are left out, and a stop syllable or
/// punctuation ends a phrase, so no pair spans them. Numbers count like words: a document number ("Nghị quyết
/// 68") or a count ("856 trẻ") is what a story's follow-ups repeat, and idf discounts the common ones (years).
///
/// A term is a 64-bit hash of its spelling rather than a `String`: at 10,000 articles String hashing (which
/// normalises Unicode on every call) would cost more than everything else, and with a million distinct terms the
/// chance of two sharing a hash is about 1 in 30 million.
enum SyllableTokenizer {
    typealias Term = UInt64

    /// Calls `body` with every term of `text`, in reading order (a syllable, then the pair it closes).
    /// Inlined so `body` is too: it runs for every syllable of every article.
    @inline(__always)
    static func forEachTerm(in text: String, _ body: (Term) -> Void) {
        var previous: UInt64?
        forEachSyllable(in: text) { hash, _, startsPhrase in
            if startsPhrase { previous = nil }
            guard !isStop(hash) else {
                previous = nil
                return
            }
            body(unigram(hash))
            if let before = previous { body(bigram(before, hash)) }
            previous = hash
        }
    }

    /// Each term of `text` with its spelling ("dân vận"), to explain a score to a person. Slow; not for indexing.
    static func spellings(in text: String) -> [Term: String] {
        var spellings: [Term: String] = [:]
        for phrase in phrases(in: text) {
            var previous: String?
            for syllable in phrase {
                let hash = syllableHash(syllable)
                guard !isStop(hash) else {
                    previous = nil
                    continue
                }
                spellings[unigram(hash)] = syllable
                if let before = previous { spellings[bigram(syllableHash(before), hash)] = before + " " + syllable }
                previous = syllable
            }
        }
        return spellings
    }

    /// The lower-cased NFC syllables of each phrase: the same split as `forEachSyllable`, as strings.
    static func phrases(in text: String) -> [[String]] {
        let letters = VietnameseLetters.shared
        var phrases: [[String]] = [[]]
        var syllable = String.UnicodeScalarView()
        func finish() {
            if !syllable.isEmpty { phrases[phrases.count - 1].append(String(syllable)) }
            syllable = String.UnicodeScalarView()
        }
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            let (kind, lower) = letters.classify(scalar.value)
            switch kind {
            case .letter, .digit: syllable.append(Unicode.Scalar(lower) ?? scalar)
            case .space: finish()
            case .mark:
                finish()
                if !(phrases.last?.isEmpty ?? true) { phrases.append([]) }
            }
        }
        finish()
        return phrases.filter { !$0.isEmpty }
    }

    /// Calls `body` with the hash of each syllable (FNV-1a over its lower-cased scalars), whether it is all
    /// digits, and whether punctuation came between it and the syllable before.
    @inline(__always)
    static func forEachSyllable(in text: String, _ body: (_ hash: UInt64, _ isNumber: Bool, _ startsPhrase: Bool) -> Void) {
        var text = mayBeDecomposed(text) ? text.precomposedStringWithCanonicalMapping : text
        let letters = VietnameseLetters.shared
        text.withUTF8 { bytes in
            var hash = fnvOffset
            var length = 0
            var hasLetter = false
            var phraseBreak = true
            var index = 0
            let end = bytes.count
            while index < end {
                // Decode one scalar by hand: the standard iterator costs more than the rest of this loop.
                let lead = UInt32(bytes[index])
                var value = lead
                if lead < 0x80 {
                    index += 1
                } else if lead < 0xE0 {
                    value = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                    index += 2
                } else if lead < 0xF0 {
                    value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                    index += 3
                } else {
                    value = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12
                        | UInt32(bytes[index + 2] & 0x3F) << 6 | UInt32(bytes[index + 3] & 0x3F)
                    index += 4
                }
                let (kind, lower) = letters.classify(value)
                if kind == .letter || kind == .digit {
                    hash = (hash ^ UInt64(lower)) &* fnvPrime
                    length += 1
                    hasLetter = hasLetter || kind == .letter
                    continue
                }
                if length > 0 {
                    body(hash, !hasLetter, phraseBreak)
                    hash = fnvOffset
                    length = 0
                    hasLetter = false
                    phraseBreak = false
                }
                if kind == .mark { phraseBreak = true }
            }
            if length > 0 { body(hash, !hasLetter, phraseBreak) }
        }
    }

    /// Combining marks U+0300–U+036F are encoded with 0xCC/0xCD lead bytes; text without them is already NFC for
    /// Vietnamese, and normalising megabytes of articles that are almost always NFC would be wasted time.
    static func mayBeDecomposed(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let start = bytes.baseAddress else { return false }
            // memchr scans many bytes at a time.
            return memchr(start, 0xCC, bytes.count) != nil || memchr(start, 0xCD, bytes.count) != nil
        }
    }

    // MARK: hashing

    private static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// A syllable on its own; mixed so every bit of the term is usable as a hash-table index.
    @inline(__always) static func unigram(_ hash: UInt64) -> Term { mix(hash) }

    @inline(__always) static func bigram(_ first: UInt64, _ second: UInt64) -> Term {
        mix(((first << 21) | (first >> 43)) ^ second ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The splitmix64 finaliser.
    @inline(__always) static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func syllableHash(_ syllable: String) -> UInt64 {
        var hash: UInt64 = 0
        forEachSyllable(in: syllable) { found, _, _ in hash = found }
        return hash
    }

    // MARK: stop syllables

    /// Stop syllables by hash, in a table small enough to live in the processor cache.
    private static let stopHashes: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 256)
        for hash in StopSyllables.list.map(syllableHash) {
            var slot = Int(hash & 0xFF)
            while table[slot] != 0 { slot = (slot + 1) & 0xFF }
            table[slot] = hash
        }
        return table
    }()

    @inline(__always) static func isStop(_ hash: UInt64) -> Bool {
        stopHashes.withUnsafeBufferPointer { table in
            var slot = Int(hash & 0xFF)
            while table[slot] != 0 {
                if table[slot] == hash { return true }
                slot = (slot + 1) & 0xFF
            }
            return false
        }
    }
}
