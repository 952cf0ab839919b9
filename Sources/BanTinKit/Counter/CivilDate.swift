import Foundation

/// Calendar arithmetic on plain integers, fast enough to run for every log line:
/// days since 1970-01-01 ⇄ (year, month, day), proleptic Gregorian.
enum CivilDate {
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func date(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// "2026-11-25", the form days take in the state file and in `bantin counter`.
    static func text(days: Int) -> String {
        let (year, month, day) = date(days: days)
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return days(year: year, month: month, day: day)
    }
}

/// Which day of the site's time zone a moment falls on. A day is what "unique visitors per day" and the
/// 30-day "most read" list count by, so it follows the site (Asia/Ho_Chi_Minh), not the log's own offset.
struct SiteDays {
    let timeZone: TimeZone
    private var cachedSlot = Int64.min
    private var cachedOffset = 0

    init(timeZone: TimeZone) { self.timeZone = timeZone }

    /// Day number (days since 1970-01-01) of `seconds` since 1970 UTC, in the site's time zone.
    mutating func day(of seconds: Int64) -> Int {
        // Zones change their offset on a quarter hour at the finest, so one lookup per quarter hour of log is exact.
        let slot = seconds >= 0 ? seconds / 900 : (seconds - 899) / 900
        if slot != cachedSlot {
            cachedSlot = slot
            cachedOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(slot * 900)))
        }
        let local = seconds + Int64(cachedOffset)
        return Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }
}
