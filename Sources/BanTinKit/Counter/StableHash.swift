/// A 64-bit FNV-1a hash of bytes. Unlike Swift's `Hasher`, which is seeded afresh in every process, it gives
/// the same value in every run, so it can be stored: log fingerprints and visitor keys in the counter state.
/// Not a defence against crafted collisions; log prefixes and visitor keys are not secrets.
struct StableHash: Sendable, Hashable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash = value
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        value = hash
    }

    mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    mutating func add<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes { add(byte) }
    }

    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = StableHash()
        hash.add(bytes)
        return hash.value
    }

    static func of(_ text: String) -> UInt64 {
        var hash = StableHash()
        hash.add(contentsOf: text.utf8)
        return hash.value
    }

    /// Joins two hashes into one (visitor = address + user agent) without the pair (a, b) equalling (b, a).
    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        var hash = StableHash()
        withUnsafeBytes(of: first.littleEndian) { hash.add(contentsOf: $0) }
        withUnsafeBytes(of: second.littleEndian) { hash.add(contentsOf: $0) }
        return hash.value
    }

    /// 16 hexadecimal digits, the form used in the state file.
    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func parseHex(_ text: String) -> UInt64? {
        text.count == 16 ? UInt64(text, radix: 16) : nil
    }
}
