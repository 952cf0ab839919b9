import Foundation

/// A fast 64-bit hash for change detection (not security): FNV-1a's constants applied to 8-byte lanes, then a
/// final mix. The same bytes give the same value in every process and on every machine, unlike `Hasher`,
/// which is seeded per process; that is what lets a manifest written by one build be read by the next.
/// (The counter's `StableHash` is byte-at-a-time FNV-1a, whose values its state file keeps; whole pages need faster.)
struct ContentHash: Sendable {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    init() {}

    mutating func combine(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* Self.prime
            hash ^= hash >> 29
            index += 8
        }
        while index < count {
            hash = (hash ^ UInt64(bytes[index])) &* Self.prime
            index += 1
        }
        // The length keeps "ab" + "c" apart from "a" + "bc".
        value = (hash ^ UInt64(count)) &* Self.prime
    }

    mutating func combine(_ data: Data) {
        data.withUnsafeBytes { combine($0) }
    }

    mutating func combine(_ text: String) {
        var text = text
        text.withUTF8 { combine(UnsafeRawBufferPointer($0)) }
    }

    mutating func combine(_ number: UInt64) {
        value = (value ^ number) &* Self.prime
        value ^= value >> 31
    }

    mutating func combine(_ number: Int) { combine(UInt64(bitPattern: Int64(number))) }

    /// The final value, mixed so that nearby inputs give unrelated outputs.
    var finalized: UInt64 { Self.mixed(value) }

    /// MurmurHash3's 64-bit finaliser: every input bit reaches every output bit.
    static func mixed(_ value: UInt64) -> UInt64 {
        var mixed = value
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed = mixed &* 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        return mixed
    }

    static func of(_ data: Data) -> UInt64 {
        var hash = ContentHash()
        hash.combine(data)
        return hash.finalized
    }

    static func of(_ text: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(text)
        return hash.finalized
    }

    /// Sixteen hex digits, the form manifests store.
    static func hex(_ value: UInt64) -> String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        return String(unsafeUninitializedCapacity: 16) { buffer in
            for index in 0..<16 { buffer[index] = digits[Int((value >> UInt64(60 - 4 * index)) & 0xF)] }
            return 16
        }
    }
}
