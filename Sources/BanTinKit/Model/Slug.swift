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
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        // Decompose, then drop the combining marks (Vietnamese tones and vowel marks). "đ" and "Đ" have no
        // decomposition, so they are mapped here, in the same pass.
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar {
            case "đ", "Đ": out.append("d")
            case _ where scalar.properties.isDiacriticCombining: continue
            default: out.append(scalar)
            }
        }
        return String(out).lowercased()
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
