import Foundation

/// URL slugs for Vietnamese text: "Dân vận khéo" → "dan-van-kheo".
public enum Slug {
    static let maximumLength = 100

    /// NFC first (so NFD input gives the same slug), "đ"/"Đ" → "d", other marks removed, lower case,
    /// every run of other characters → one "-", trimmed, at most 100 characters cut at a "-".
    public static func make(_ text: String) -> String {
        let folded = fold(text)
        var slug = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            if isSlugCharacter(scalar) {
                if pendingDash && !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return truncate(slug)
    }

    /// Lower case, no diacritics, "đ" → "d"; keeps spaces and punctuation. Shared with search and matching.
    /// NFC and NFD input give the same result: precomposed letters map through a table, and loose
    /// combining marks are dropped.
    static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// `fold`'s UTF-8 bytes. Decodes UTF-8 itself with an ASCII fast path and looks Vietnamese letters up in
    /// flat tables, because search folds every article's whole body.
    static func foldedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { bytes in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                if lead < 0x80 {
                    output.append(lead >= 0x41 && lead <= 0x5A ? lead + 32 : lead)
                    index += 1
                    continue
                }
                // A String's bytes are valid UTF-8: the lead byte says how many follow.
                let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
                for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                index += length
                if (0x300...0x36F).contains(value) { continue }
                if let letter = latinLetter(value) {
                    output.append(letter)
                    continue
                }
                guard let scalar = Unicode.Scalar(value) else { continue }
                for lower in scalar.properties.lowercaseMapping.unicodeScalars
                where !lower.properties.isDiacriticCombining {
                    output.append(contentsOf: String(lower).utf8)
                }
            }
            return output
        }
    }

    @inline(__always)
    static func latinLetter(_ value: UInt32) -> UInt8? {
        let letter: UInt8
        switch value {
        case latinRanges.0: letter = latinFolding.0[Int(value - latinRanges.0.lowerBound)]
        case latinRanges.1: letter = latinFolding.1[Int(value - latinRanges.1.lowerBound)]
        default: return nil
        }
        return letter == 0 ? nil : letter
    }

    /// Precomposed Latin letters (Vietnamese lives in Latin-1, Latin Extended-A/B and Extended Additional)
    /// → their lower-case ASCII base letter (0: not a letter of a Latin base), found once through Unicode
    /// decomposition.
    private static let latinRanges: (ClosedRange<UInt32>, ClosedRange<UInt32>) = (0xC0...0x24F, 0x1E00...0x1EFF)
    private static let latinFolding: ([UInt8], [UInt8]) = (table(latinRanges.0), table(latinRanges.1))

    private static func table(_ range: ClosedRange<UInt32>) -> [UInt8] {
        range.map { value in
            if value == 0x110 || value == 0x111 { return 0x64 }  // Đ, đ
            guard let scalar = Unicode.Scalar(value) else { return 0 }
            let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
            return base.isASCII && base.properties.isAlphabetic ? UInt8(base.value | 0x20) : 0
        }
    }

    private static func isSlugCharacter(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII letters and digits only: URLs stay plain for every server and log parser.
        switch scalar.value {
        case 0x30...0x39, 0x61...0x7A: return true
        default: return false
        }
    }

    private static func truncate(_ slug: String) -> String {
        guard slug.count > maximumLength else { return slug }
        let head = slug.prefix(maximumLength + 1)
        if let cut = head.lastIndex(of: "-"), cut > head.startIndex {
            return String(head[..<cut])
        }
        return String(slug.prefix(maximumLength))
    }
}

extension Unicode.Scalar.Properties {
    /// Combining marks that carry accents (general category Mn covers Vietnamese tone marks).
    fileprivate var isDiacriticCombining: Bool {
        generalCategory == .nonspacingMark
    }
}
