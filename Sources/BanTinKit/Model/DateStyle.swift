import Foundation

/// Formats dates the way the portal shows them ("Thứ Năm, 25/11/2026"), in the site's time zone.
/// The words come from `templates/locale.yml`, so no Vietnamese text lives in Swift.
public struct DateStyle: Sendable {
    public var weekdays: [String]
    public var longPattern: String
    public var shortPattern: String
    /// A moment to the minute ("08:00 25/11/2026"), e.g. the counter's snapshot time.
    public var dateTimePattern: String
    public var timeZone: TimeZone
    /// Title of an archive month's page ("Lưu trữ tháng {mm}/{yyyy}", from locale.yml `archive_title`).
    public var archiveTitlePattern = "{mm}/{yyyy}"

    public static let defaultDateTimePattern = "{HH}:{MM} {dd}/{mm}/{yyyy}"

    public init(weekdays: [String], longPattern: String, shortPattern: String,
                dateTimePattern: String = DateStyle.defaultDateTimePattern, timeZone: TimeZone) {
        self.weekdays = weekdays
        self.longPattern = longPattern
        self.shortPattern = shortPattern
        self.dateTimePattern = dateTimePattern
        self.timeZone = timeZone
    }

    public func long(_ date: Date) -> String { format(date, longPattern) }
    public func short(_ date: Date) -> String { format(date, shortPattern) }
    public func dateTime(_ date: Date) -> String { format(date, dateTimePattern) }

    public func archiveTitle(year: Int, month: Int) -> String {
        archiveTitlePattern
            .replacingOccurrences(of: "{mm}", with: twoDigits(month))
            .replacingOccurrences(of: "{yyyy}", with: String(year))
    }

    /// ISO 8601 with the site's offset, for `<time datetime>` and feeds.
    public func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = timeZone
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    public func format(_ date: Date, _ pattern: String) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let weekdayIndex = (parts.weekday ?? 1) - 1
        let weekday = weekdays.indices.contains(weekdayIndex) ? weekdays[weekdayIndex] : ""
        return pattern
            .replacingOccurrences(of: "{weekday}", with: weekday)
            .replacingOccurrences(of: "{dd}", with: twoDigits(parts.day))
            .replacingOccurrences(of: "{mm}", with: twoDigits(parts.month))
            .replacingOccurrences(of: "{yyyy}", with: String(parts.year ?? 0))
            .replacingOccurrences(of: "{HH}", with: twoDigits(parts.hour))
            .replacingOccurrences(of: "{MM}", with: twoDigits(parts.minute))
    }

    private func twoDigits(_ value: Int?) -> String {
        let number = value ?? 0
        return number < 10 ? "0\(number)" : String(number)
    }
}
