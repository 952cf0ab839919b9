import Foundation

/// Formats dates the way the portal shows them ("Thứ Năm, 25/11/2026"), in the site's time zone.
/// The words come from `templates/locale.yml`, so no Vietnamese text lives in Swift.
public struct DateStyle: Sendable {
    public var weekdays: [String]
    public var longPattern: String
    public var shortPattern: String
    /// A moment to the minute ("08:00 25/11/2026"), e.g. the counter's snapshot time.
    public var dateTimePattern: String
    public var timeZone: TimeZone {
        didSet { calendar.timeZone = timeZone }
    }
    /// Made once: creating a calendar or a date formatter per date was most of the cost of a large site's listings.
    private var calendar: Calendar
    /// Title of an archive month's page ("Lưu trữ tháng {mm}/{yyyy}", from locale.yml `archive_title`).
    var archiveTitlePattern = "{mm}/{yyyy}"
    /// Title of an archive year's page (`archive_year_title`, "Lưu trữ năm {yyyy}").
    var archiveYearTitlePattern = "{yyyy}"
    /// Titles of the archive index and the tag index (`archive_index_title`, `tag_index_title`); nil: the site's title.
    var archiveIndexTitle: String?
    var tagIndexTitle: String?
    /// Title of a tag's page (`tag_title`, "Thẻ: {name}"), the tag as editors wrote it.
    var tagTitlePattern = "{name}"
    /// Titles of the documents' pages: the list (`documents_title`, "Văn bản"; nil: the site's title), a filtered
    /// listing (`documents_filter_title`, "Văn bản: {name}") and a document (`document_title`, "{type} số {number}").
    var documentsTitle: String?
    var documentsFilterTitlePattern = "{name}"
    var documentTitlePattern = "{type} {number}"

    func documentsFilterTitle(_ name: String) -> String {
        documentsFilterTitlePattern.replacingOccurrences(of: "{name}", with: name)
    }

    func documentTitle(type: String, number: String) -> String {
        documentTitlePattern.replacingOccurrences(of: "{type}", with: type).replacingOccurrences(of: "{number}", with: number)
    }

    public static let defaultDateTimePattern = "{HH}:{MM} {dd}/{mm}/{yyyy}"

    public init(weekdays: [String], longPattern: String, shortPattern: String,
                dateTimePattern: String = DateStyle.defaultDateTimePattern, timeZone: TimeZone) {
        self.weekdays = weekdays
        self.longPattern = longPattern
        self.shortPattern = shortPattern
        self.dateTimePattern = dateTimePattern
        self.timeZone = timeZone
        calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
    }

    public func long(_ date: Date) -> String { format(date, longPattern) }
    func short(_ date: Date) -> String { format(date, shortPattern) }
    public func dateTime(_ date: Date) -> String { format(date, dateTimePattern) }

    func archiveTitle(year: Int, month: Int) -> String {
        archiveTitlePattern
            .replacingOccurrences(of: "{mm}", with: twoDigits(month))
            .replacingOccurrences(of: "{yyyy}", with: String(year))
    }

    func archiveYearTitle(_ year: Int) -> String {
        archiveYearTitlePattern.replacingOccurrences(of: "{yyyy}", with: String(year))
    }

    func tagTitle(_ name: String) -> String { tagTitlePattern.replacingOccurrences(of: "{name}", with: name) }

    /// ISO 8601 with the site's offset ("2026-11-25T08:30:00+07:00", "Z" for UTC), for `<time datetime>` and feeds.
    public func iso(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let offset = timeZone.secondsFromGMT(for: date)
        let zone = offset == 0 ? "Z"
            : (offset < 0 ? "-" : "+") + twoDigits(abs(offset) / 3600) + ":" + twoDigits(abs(offset) % 3600 / 60)
        return fourDigits(parts.year) + "-" + twoDigits(parts.month) + "-" + twoDigits(parts.day) + "T"
            + twoDigits(parts.hour) + ":" + twoDigits(parts.minute) + ":" + twoDigits(parts.second) + zone
    }

    public func format(_ date: Date, _ pattern: String) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        let weekdayIndex = (parts.weekday ?? 1) - 1
        let weekday = weekdays.indices.contains(weekdayIndex) ? weekdays[weekdayIndex] : ""
        // One pass over the pattern; unknown "{names}" stay as written.
        var result = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = rest[rest.index(after: open)..<close]
            switch name {
            case "weekday": result += weekday
            case "dd": result += twoDigits(parts.day)
            case "mm": result += twoDigits(parts.month)
            case "yyyy": result += String(parts.year ?? 0)
            case "HH": result += twoDigits(parts.hour)
            case "MM": result += twoDigits(parts.minute)
            default: result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    private func fourDigits(_ value: Int?) -> String {
        let text = String(value ?? 0)
        return String(repeating: "0", count: max(0, 4 - text.count)) + text
    }

    private func twoDigits(_ value: Int?) -> String {
        let number = value ?? 0
        return number < 10 ? "0\(number)" : String(number)
    }
}
