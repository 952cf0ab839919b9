import Foundation

/// Articles grouped by the month they were published in, in the site's time zone ("Lưu trữ").
struct ArchiveMonth: Sendable, Hashable {
    var year: Int
    var month: Int
    /// Positions in `site.articles`, newest first.
    var positions: [Int]
}

enum Archive {
    /// Newest month first; months without articles are left out.
    static func months(of site: Site) -> [ArchiveMonth] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = site.config.timeZone
        var months: [ArchiveMonth] = []
        // Articles are newest first, so each month's articles arrive together.
        for (position, article) in site.articles.enumerated() {
            let parts = calendar.dateComponents([.year, .month], from: article.date)
            let (year, month) = (parts.year ?? 0, parts.month ?? 0)
            if let last = months.last, last.year == year, last.month == month {
                months[months.count - 1].positions.append(position)
            } else {
                months.append(ArchiveMonth(year: year, month: month, positions: [position]))
            }
        }
        return months
    }
}

/// A year of the archive: its months, newest first, and their articles together.
struct ArchiveYear: Sendable, Hashable {
    var year: Int
    var months: [ArchiveMonth]
    /// Positions in `site.articles`, newest first.
    var positions: [Int] { months.flatMap(\.positions) }
    var count: Int { months.reduce(0) { $0 + $1.positions.count } }
}

extension Archive {
    /// Months grouped by year, newest first (`months` must be newest first, as `months(of:)` gives them).
    static func years(_ months: [ArchiveMonth]) -> [ArchiveYear] {
        var years: [ArchiveYear] = []
        for month in months {
            if years.last?.year == month.year { years[years.count - 1].months.append(month) } else {
                years.append(ArchiveYear(year: month.year, months: [month]))
            }
        }
        return years
    }
}
