/// Classifies and lower-cases the characters of Vietnamese text for the tokenizer, fast.
/// Unicode property lookups cost more than all the rest of tokenizing, so the blocks Vietnamese is written in
/// (ASCII, Latin-1, Latin Extended-A/B, Latin Extended Additional) are looked up once into a table; other
/// characters ask Unicode.
struct VietnameseLetters: Sendable {
    enum Kind: UInt32 {
        /// Part of a syllable.
        case letter
        case digit
        /// Separates syllables within a phrase.
        case space
        /// Punctuation, symbols and line breaks: separate syllables and end the phrase.
        case mark
    }

    static let shared = VietnameseLetters()

    /// Kind in the top 8 bits, lower-case scalar value below: one load per character.
    private let basic: [UInt32]
    private let extended: [UInt32]
    private static let extendedStart: UInt32 = 0x1E00

    private init() {
        basic = (0..<0x250).map { Self.pack(Self.describe(Unicode.Scalar($0)!)) }
        extended = (0x1E00..<0x1F00).map { Self.pack(Self.describe(Unicode.Scalar($0)!)) }
    }

    /// The kind of the character with scalar value `value`, and its lower-case scalar value.
    @inline(__always)
    func classify(_ value: UInt32) -> (kind: Kind, lower: UInt32) {
        let packed: UInt32
        if value < 0x250 {
            packed = basic[Int(value)]
        } else if value &- Self.extendedStart < 0x100 {
            packed = extended[Int(value &- Self.extendedStart)]
        } else {
            guard let scalar = Unicode.Scalar(value) else { return (.mark, value) }
            packed = Self.pack(Self.describe(scalar))
        }
        return (Kind(rawValue: packed >> 24)!, packed & 0xFF_FFFF)
    }

    private static func pack(_ described: (kind: Kind, lower: UInt32)) -> UInt32 {
        described.kind.rawValue << 24 | described.lower
    }

    /// The slow, general answer from Unicode properties.
    private static func describe(_ scalar: Unicode.Scalar) -> (kind: Kind, lower: UInt32) {
        let properties = scalar.properties
        let kind: Kind
        if properties.isAlphabetic || properties.generalCategory == .nonspacingMark {
            kind = .letter
        } else if properties.numericType != nil {
            kind = .digit
        } else if properties.isWhitespace && !properties.isNewlineLike {
            kind = .space
        } else {
            kind = .mark
        }
        let lower = properties.lowercaseMapping.unicodeScalars
        guard lower.count == 1, let single = lower.first else { return (kind, scalar.value) }
        return (kind, single.value)
    }
}

extension Unicode.Scalar.Properties {
    /// Line and paragraph breaks end a phrase, as punctuation does.
    fileprivate var isNewlineLike: Bool {
        generalCategory == .lineSeparator || generalCategory == .paragraphSeparator
            || generalCategory == .control
    }
}
