/// One line of an nginx/Apache "combined" access log, located in the bytes it was read from:
///
///     203.0.113.9 - - [25/Nov/2026:08:00:01 +0700] "GET /tin/x/ HTTP/1.1" 200 5120 "https://…" "Mozilla/5.0 …"
///
/// Parsed by hand on bytes, not with Foundation: a build may read millions of lines. The fields are ranges
/// into the line's bytes, so nothing is copied unless it is needed.
public struct LogLine: Sendable {
    public var address: Range<Int>
    /// Seconds since 1970 UTC (the line's own offset applied).
    public var time: Int64
    /// Empty when the request is not "METHOD TARGET PROTOCOL" (nginx logs "-" or raw bytes for garbage).
    public var method: Range<Int>
    public var target: Range<Int>
    public var status: Int
    public var userAgent: Range<Int>

    /// Nil when the line is not in the combined format (a malformed line, to be skipped and counted).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LogLine? {
        var end = bytes.count
        if end > 0, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        var cursor = 0

        // Remote address, then "ident user", then "[time]".
        while cursor < end, bytes[cursor] != space { cursor += 1 }
        let address = 0..<cursor
        guard !address.isEmpty else { return nil }
        while cursor < end, bytes[cursor] != openBracket { cursor += 1 }
        guard cursor + timestampLength + 1 < end, bytes[cursor + timestampLength + 1] == closeBracket,
              let time = parseTimestamp(bytes, at: cursor + 1) else { return nil }
        cursor += timestampLength + 2

        guard let request = quoted(bytes, from: &cursor, end: end) else { return nil }
        guard let status = number(bytes, from: &cursor, end: end), (100...999).contains(status) else { return nil }
        // Bytes sent: digits or "-".
        guard skipSpace(bytes, &cursor, end) else { return nil }
        let sizeStart = cursor
        while cursor < end, bytes[cursor] != space { cursor += 1 }
        guard cursor > sizeStart else { return nil }
        guard quoted(bytes, from: &cursor, end: end) != nil,                       // referrer
              let userAgent = quoted(bytes, from: &cursor, end: end) else { return nil }
        // Anything after the user agent (extra fields some servers add) is allowed.

        var method = request.lowerBound..<request.lowerBound
        var target = method
        if let firstSpace = firstIndex(of: space, in: bytes, request) {
            let rest = (firstSpace + 1)..<request.upperBound
            let targetEnd = firstIndex(of: space, in: bytes, rest) ?? request.upperBound
            if firstSpace > request.lowerBound, targetEnd > firstSpace + 1 {
                method = request.lowerBound..<firstSpace
                target = (firstSpace + 1)..<targetEnd
            }
        }
        return LogLine(address: address, time: time, method: method, target: target, status: status, userAgent: userAgent)
    }

    // MARK: pieces

    static let timestampLength = 26 // "25/Nov/2026:08:00:01 +0700"
    private static let space = UInt8(ascii: " ")
    private static let quote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let openBracket = UInt8(ascii: "[")
    private static let closeBracket = UInt8(ascii: "]")

    /// `dd/Mon/yyyy:HH:MM:SS ±hhmm` → seconds since 1970 UTC.
    static func parseTimestamp(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int64? {
        guard b[i + 2] == UInt8(ascii: "/"), b[i + 6] == UInt8(ascii: "/"), b[i + 11] == UInt8(ascii: ":"),
              b[i + 14] == UInt8(ascii: ":"), b[i + 17] == UInt8(ascii: ":"), b[i + 20] == space,
              let day = digits(b, i, 2), let year = digits(b, i + 7, 4), let hour = digits(b, i + 12, 2),
              let minute = digits(b, i + 15, 2), let second = digits(b, i + 18, 2),
              let offsetHours = digits(b, i + 22, 2), let offsetMinutes = digits(b, i + 24, 2),
              let month = month(b[i + 3], b[i + 4], b[i + 5]),
              (1...31).contains(day), hour < 24, minute < 60, second < 61, offsetHours < 24, offsetMinutes < 60
        else { return nil }
        let sign: Int
        switch b[i + 21] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        // 31/Feb is not 3 March: a date that does not exist makes the line malformed.
        guard day <= daysIn(month: month, year: year) else { return nil }
        let days = CivilDate.days(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        return local - Int64(sign * (offsetHours * 3600 + offsetMinutes * 60))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func digits(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(b[index]) - 48
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    private static func month(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int? {
        // Three letters packed into one number; English abbreviations as nginx and Apache write them.
        switch UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c) {
        case 0x4A616E: 1   // Jan
        case 0x466562: 2   // Feb
        case 0x4D6172: 3   // Mar
        case 0x417072: 4   // Apr
        case 0x4D6179: 5   // May
        case 0x4A756E: 6   // Jun
        case 0x4A756C: 7   // Jul
        case 0x417567: 8   // Aug
        case 0x536570: 9   // Sep
        case 0x4F6374: 10  // Oct
        case 0x4E6F76: 11  // Nov
        case 0x446563: 12  // Dec
        default: nil
        }
    }

    /// Skips one space, then reads a `"…"` field (backslash escapes allowed) and returns its inside.
    private static func quoted(_ b: UnsafeBufferPointer<UInt8>, from cursor: inout Int, end: Int) -> Range<Int>? {
        guard skipSpace(b, &cursor, end), cursor < end, b[cursor] == quote else { return nil }
        let start = cursor + 1
        var index = start
        while index < end {
            let byte = b[index]
            if byte == quote {
                cursor = index + 1
                return start..<index
            }
            index += byte == backslash ? 2 : 1
        }
        return nil
    }

    private static func number(_ b: UnsafeBufferPointer<UInt8>, from cursor: inout Int, end: Int) -> Int? {
        guard skipSpace(b, &cursor, end) else { return nil }
        var value = 0
        let start = cursor
        while cursor < end, b[cursor] >= 48, b[cursor] <= 57, cursor - start < 6 {
            value = value * 10 + Int(b[cursor]) - 48
            cursor += 1
        }
        return cursor > start && (cursor == end || b[cursor] == space) ? value : nil
    }

    private static func skipSpace(_ b: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, _ end: Int) -> Bool {
        guard cursor < end, b[cursor] == space else { return false }
        cursor += 1
        return true
    }

    private static func firstIndex(of byte: UInt8, in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if b[index] == byte { return index }
            index += 1
        }
        return nil
    }
}
