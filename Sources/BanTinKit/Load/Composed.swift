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
        // On the contiguous bytes, ASCII eight at a time: through `String.UTF8View` indices this scan was 3 % of a
        // 10,000-article build (every file, then every body and title again).
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            let count = bytes.count
            var index = 0
            while index < count {
                if index + 8 <= count,
                   UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let lead = base[index]
                if lead < 0x80 { index += 1; continue }
                if lead >= 0xC2, lead <= 0xCB { index += 2; continue }
                guard lead == 0xE1 || lead == 0xE2, count - index >= 3 else { return false }
                let scalar = (UInt32(lead & 0x0F) << 12) | (UInt32(base[index + 1] & 0x3F) << 6) | UInt32(base[index + 2] & 0x3F)
                switch scalar {
                case 0x1E00...0x1EFF, 0x2010...0x205F, 0x20A0...0x20CF: index += 3
                default: return false
                }
            }
            return true
        }
    }
}
