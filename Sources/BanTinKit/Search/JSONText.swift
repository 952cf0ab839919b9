/// Just enough JSON writing for the search index: strings and integer lists, compact and in a fixed order.
enum JSONText {
    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is safe even if someone
    /// pastes it into HTML; U+2028/2029 are escaped for old JavaScript parsers.
    static func string(_ value: String) -> String {
        var value = value
        return value.withUTF8 { bytes in
            // Most text needs no escape at all: copied as it is, in runs between the bytes that do (on bytes: the
            // "…" every automatic summary ends with once sent each through the slow way, letter by letter).
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 2)
            out.append(UInt8(ascii: "\""))
            var runStart = 0
            var index = 0
            func escape(_ text: StaticString, skipping length: Int) {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                text.withUTF8Buffer { out.append(contentsOf: $0) }
                index += length
                runStart = index
            }
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "\""): escape("\\\"", skipping: 1)
                case UInt8(ascii: "\\"): escape("\\\\", skipping: 1)
                case UInt8(ascii: "\n"): escape("\\n", skipping: 1)
                case UInt8(ascii: "\r"): escape("\\r", skipping: 1)
                case UInt8(ascii: "\t"): escape("\\t", skipping: 1)
                case UInt8(ascii: "<"): escape("\\u003c", skipping: 1)
                case UInt8(ascii: ">"): escape("\\u003e", skipping: 1)
                case UInt8(ascii: "&"): escape("\\u0026", skipping: 1)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA8:
                    escape("\\u2028", skipping: 3)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA9:
                    escape("\\u2029", skipping: 3)
                case ..<0x20:
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    let hex = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: "\\u00".utf8)
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 15)])
                    index += 1
                    runStart = index
                default:
                    index += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
            out.append(UInt8(ascii: "\""))
            return String(decoding: out, as: UTF8.self)
        }
    }

    static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// Sorted ids as gaps from the previous one ([3, 5, 9] → [3,2,4]): small numbers, short files.
    static func gaps(_ sortedIDs: [Int]) -> String {
        // Digits straight into bytes: a common term's list runs to thousands of numbers.
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        bytes.reserveCapacity(sortedIDs.count * 3 + 2)
        var previous = 0
        var digits = [UInt8](repeating: 0, count: 20)
        for (index, id) in sortedIDs.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            var gap = id - previous
            previous = id
            if gap < 0 { bytes.append(UInt8(ascii: "-")); gap = -gap }
            var count = 0
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(gap % 10)
                gap /= 10
                count += 1
            } while gap > 0
            while count > 0 { count -= 1; bytes.append(digits[count]) }
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }
}
