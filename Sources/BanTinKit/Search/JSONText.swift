/// Just enough JSON writing for the search index: strings and integer lists, compact and in a fixed order.
enum JSONText {
    /// A JSON string literal. `<`, `>` and `&` are escaped too, so the text is safe even if someone
    /// pastes it into HTML; U+2028/2029 are escaped for old JavaScript parsers.
    static func string(_ value: String) -> String {
        // Most text needs no escape at all: copied as it is.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 || $0 == 0xE2 }) {
            return "\"" + value + "\""
        }
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
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
