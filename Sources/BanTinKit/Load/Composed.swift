import Foundation

/// Unicode NFC for editors' text, so "Đà Nẵng" typed with combining accents (NFD) and precomposed (NFC)
/// are the same string. Most text is NFC already; a scan of its scalars proves it without Foundation's
/// normaliser, which is slow on Vietnamese bodies.
enum Composed {
    static func nfc(_ text: String) -> String {
        isSurelyNFC(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every scalar lies in a range with no combining marks and no characters NFC replaces:
    /// below U+0300 (ASCII, Latin-1, Latin Extended A/B), Latin Extended Additional (Vietnamese precomposed
    /// letters), general punctuation from U+2010 and currency signs (₫). Anything else takes the full path.
    static func isSurelyNFC(_ text: String) -> Bool {
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x300, 0x1E00...0x1EFF, 0x2010...0x205F, 0x20A0...0x20CF: continue
            default: return false
            }
        }
        return true
    }
}
