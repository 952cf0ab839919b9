import Foundation

/// Whether a text holds another, byte for byte in UTF-8. Foundation's `contains` on `String` compares as
/// Unicode text through CoreFoundation: on each article's whole body that was half of the model stage's
/// processor time at 10,000 articles (`bench/README.md`). For an ASCII needle the answers are the same.
enum ByteSearch {
    static func contains(_ text: String, _ needle: String) -> Bool {
        var text = text, needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { wanted in
                guard let first = wanted.first else { return true }
                guard haystack.count >= wanted.count, let base = haystack.baseAddress else { return false }
                var start = 0
                let last = haystack.count - wanted.count
                while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, wanted.baseAddress!, wanted.count) == 0 { return true }
                    start = at + 1
                }
                return false
            }
        }
    }
}
