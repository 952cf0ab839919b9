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
        // On the UTF-8 bytes (the text is valid UTF-8): lead bytes up to 0xCB encode scalars below U+0300;
        // E1 B8…BB is U+1E00–U+1EFF; E2 80 90…E2 81 9F is U+2010–U+205F; E2 82 A0…E2 83 8F is U+20A0–U+20CF.
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let lead = bytes[index]
            if lead < 0x80 { index = bytes.index(after: index); continue }
            if lead >= 0xC2, lead <= 0xCB { index = bytes.index(index, offsetBy: 2); continue }
            guard lead == 0xE1 || lead == 0xE2, bytes.distance(from: index, to: bytes.endIndex) >= 3 else { return false }
            let second = bytes[bytes.index(index, offsetBy: 1)], third = bytes[bytes.index(index, offsetBy: 2)]
            let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(second & 0x3F) << 6) | UInt32(third & 0x3F)
            switch scalar {
            case 0x1E00...0x1EFF, 0x2010...0x205F, 0x20A0...0x20CF: index = bytes.index(index, offsetBy: 3)
            default: return false
            }
        }
        return true
    }
}
