import Foundation

/// URL slugs for Vietnamese text: "Dân vận khéo" → "dan-van-kheo".
public enum Slug {
    public static let maximumLength = 100

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
    /// combining marks are dropped. Byte-level with an ASCII fast path, because search folds whole bodies.
    public static func fold(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                output.append(value >= 0x41 && value <= 0x5A ? UInt8(value + 32) : UInt8(value))
            } else if (0x300...0x36F).contains(value) {
                continue
            } else if let letter = latinFolding[value] {
                output.append(letter)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars
                where !lower.properties.isDiacriticCombining {
                    output.append(contentsOf: String(lower).utf8)
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Precomposed Latin letters (Vietnamese lives in Latin-1, Latin Extended-A/B and Extended Additional)
    /// → their lower-case ASCII base letter, found once through Unicode decomposition.
    private static let latinFolding: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x110: 0x64, 0x111: 0x64]  // Đ, đ
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for value in range where table[UInt32(value)] == nil {
                guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
                let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first!
                if base.isASCII, base.properties.isAlphabetic {
                    table[UInt32(value)] = UInt8(base.value | 0x20)
                }
            }
        }
        return table
    }()

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
