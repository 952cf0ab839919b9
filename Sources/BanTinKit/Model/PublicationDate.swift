import Foundation

/// Parses the dates editors type in front matter. A date without an offset is in the site's time zone.
enum PublicationDate {
    enum ParseError: Error, Equatable, CustomStringConvertible {
        case unrecognised(String)
        case outOfRange(String)

        var description: String { message.description }

        var message: Message {
            switch self {
            case .unrecognised(let text):
                // The accepted forms are written out in the catalogue, with examples and the language's own "or".
                Message("date.unrecognised", ["text": "\(text)",
                                              "rewrite": .message(rewritten(text).map { Message("date.rewrite", ["text": "\(text)", "as": "\($0)"]) } ?? .verbatim(""))])
            case .outOfRange(let text):
                Message("date.outOfRange", ["text": "\(text)"])
            }
        }
    }

    static func parse(_ raw: String, timeZone: TimeZone) throws(ParseError) -> Date {
        let text = raw.trimmingCharacters(in: .whitespaces)
        var scanner = DigitScanner(text)
        guard let year = scanner.number(4), scanner.take("-"),
              let month = scanner.number(2, allowShort: true), scanner.take("-"),
              let day = scanner.number(2, allowShort: true)
        else { throw .unrecognised(raw) }

        var hour = 0, minute = 0, second = 0
        var zone = timeZone
        if !scanner.atEnd {
            guard scanner.take("T") || scanner.take(" ") || scanner.take("t") else { throw .unrecognised(raw) }
            scanner.skipSpaces()
            guard let h = scanner.number(2, allowShort: true), scanner.take(":"),
                  let m = scanner.number(2) else { throw .unrecognised(raw) }
            hour = h; minute = m
            if scanner.take(":") {
                guard let s = scanner.number(2) else { throw .unrecognised(raw) }
                second = s
                scanner.skipFraction()
            }
            scanner.skipSpaces()
            if !scanner.atEnd {
                guard let offset = scanner.zoneOffset(), scanner.atEnd,
                      let explicit = TimeZone(secondsFromGMT: offset) else { throw .unrecognised(raw) }
                zone = explicit
            }
        }

        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61,
              let date = calendar.date(from: components),
              calendar.component(.day, from: date) == day
        else { throw .outOfRange(raw) }
        return date
    }

    /// The editor's own date in the expected form, when it is three numbers with the year first or last:
    /// "25/11/2026" → "2026-11-25" (day first, as Vietnamese dates are written), "2026/11/25 08:30" → "2026-11-25 08:30".
    fileprivate static func rewritten(_ raw: String) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let date = text.prefix { $0 != " " }
        let parts = date.split(omittingEmptySubsequences: false, whereSeparator: { "/-.".contains($0) })
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let (year, month, day) = parts[0].count == 4 ? (parts[0], parts[1], parts[2])
            : parts[2].count == 4 ? (parts[2], parts[1], parts[0]) : ("", "", "")
        guard let monthNumber = Int(month), let dayNumber = Int(day), !year.isEmpty,
              (1...12).contains(monthNumber), (1...31).contains(dayNumber) else { return nil }
        func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let suggestion = "\(year)-\(twoDigits(monthNumber))-\(twoDigits(dayNumber))" + text.dropFirst(date.count)
        return suggestion == text ? nil : suggestion
    }
}

/// A tiny cursor over ASCII digits and separators; dates are too small a grammar for a regex engine.
private struct DigitScanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    var atEnd: Bool { index == scalars.count }

    mutating func take(_ character: Unicode.Scalar) -> Bool {
        guard !atEnd, scalars[index] == character else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while !atEnd, scalars[index] == " " { index += 1 }
    }

    mutating func skipFraction() {
        guard take(".") else { return }
        while !atEnd, scalars[index].asciiDigit != nil { index += 1 }
    }

    /// Exactly `width` digits, or 1...width when `allowShort`.
    mutating func number(_ width: Int, allowShort: Bool = false) -> Int? {
        var value = 0, count = 0
        while !atEnd, count < width, let digit = scalars[index].asciiDigit {
            value = value * 10 + digit
            count += 1
            index += 1
        }
        return count == width || (allowShort && count > 0) ? value : nil
    }

    /// "Z", "+07:00", "+0700" or "+07" → seconds east of UTC.
    mutating func zoneOffset() -> Int? {
        if take("Z") || take("z") { return 0 }
        let sign: Int
        if take("+") { sign = 1 } else if take("-") { sign = -1 } else { return nil }
        guard let hours = number(2) else { return nil }
        _ = take(":")
        let minutes = number(2) ?? 0
        return sign * (hours * 3600 + minutes * 60)
    }
}

extension Unicode.Scalar {
    fileprivate var asciiDigit: Int? {
        ("0"..."9").contains(self) ? Int(value) - 48 : nil
    }
}
