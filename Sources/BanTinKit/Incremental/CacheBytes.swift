import Foundation

/// The bytes of an on-disk cache record: whole numbers as 8 bytes little-endian, text as its UTF-8 length then
/// its bytes. Written and read by the same bantin only (the caches name the program that wrote them), so the
/// layout needs no versioning beyond that; a short or damaged file reads as no cache.
struct CacheWriter {
    private(set) var bytes: [UInt8] = []

    mutating func int(_ value: Int) { uint(UInt64(bitPattern: Int64(value))) }

    mutating func uint(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func double(_ value: Double) { uint(value.bitPattern) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            int(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout CacheWriter, Value) -> Void) {
        bool(value != nil)
        if let value { write(&self, value) }
    }

    mutating func strings(_ texts: [String]) {
        int(texts.count)
        for text in texts { string(text) }
    }

    mutating func append(_ other: CacheWriter) { bytes.append(contentsOf: other.bytes) }

    /// Bytes as they are (a record copied from the file it was read from).
    mutating func raw(_ other: [UInt8]) { bytes.append(contentsOf: other) }
}

/// Reads what `CacheWriter` wrote; every read checks the bounds and throws past the end.
struct CacheReader {
    struct Damaged: Error {}

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    init(_ bytes: UnsafeRawBufferPointer, from offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func uint() throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw Damaged() }
        defer { offset += 8 }
        return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    mutating func int() throws -> Int { Int(Int64(bitPattern: try uint())) }

    mutating func bool() throws -> Bool {
        guard offset < bytes.count else { throw Damaged() }
        defer { offset += 1 }
        return bytes[offset] != 0
    }

    mutating func double() throws -> Double { Double(bitPattern: try uint()) }

    mutating func string() throws -> String {
        let count = try int()
        guard count >= 0, offset + count <= bytes.count else { throw Damaged() }
        defer { offset += count }
        guard let text = String(validating: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]), as: UTF8.self)
        else { throw Damaged() }
        return text
    }

    mutating func optional<Value>(_ read: (inout CacheReader) throws -> Value) throws -> Value? {
        try bool() ? try read(&self) : nil
    }

    mutating func strings() throws -> [String] {
        let count = try int()
        guard count >= 0, count <= bytes.count - offset else { throw Damaged() }
        return try (0..<count).map { _ in try string() }
    }

    /// Skips `count` bytes (a record read later, or never).
    mutating func skip(_ count: Int) throws {
        guard count >= 0, offset + count <= bytes.count else { throw Damaged() }
        offset += count
    }
}
