/// Deterministic byte mutations (xorshift), in the spirit of libFuzzer's: flips, inserts of interesting
/// bytes and tokens, deletions, duplications.
struct Mutator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }

    mutating func below(_ bound: Int) -> Int { bound <= 0 ? 0 : Int(next() % UInt64(bound)) }

    static let tokens: [[UInt8]] = ["---", "\n", "\r\n", ":", "- ", "[", "]", "{", "}", "\t", "&a", "*a", "!!", "\"", "'",
                                    "title: ", "date: 2026-02-30", "category: ", "tags: [", "đ", "\u{FEFF}", "%2e%2e/",
                                    "[25/Nov/2026:08:00:00 +0700]", "\"GET / HTTP/1.1\"", "\u{301}"].map { Array($0.utf8) }

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0...below(8) {
            switch below(6) {
            case 0 where !bytes.isEmpty: bytes[below(bytes.count)] ^= UInt8(truncatingIfNeeded: 1 << below(8))
            case 1: bytes.insert(contentsOf: Self.tokens[below(Self.tokens.count)], at: below(bytes.count + 1))
            case 2 where !bytes.isEmpty:
                let start = below(bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + below(16) + 1))
            case 3 where !bytes.isEmpty:
                let start = below(bytes.count)
                let chunk = bytes[start..<min(bytes.count, start + below(64) + 1)]
                bytes.insert(contentsOf: chunk, at: below(bytes.count + 1))
            case 4: bytes.insert(UInt8(truncatingIfNeeded: next()), at: below(bytes.count + 1))
            default: if bytes.count > 4096 { bytes.removeLast(bytes.count - 4096) }
            }
        }
        return bytes
    }
}
