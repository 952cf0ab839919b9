import BanTinKit
import Foundation

/// The plain-text table `bantin related` prints: one row per article, one column per signal.
enum RelatedTable {
    static func render(_ entries: [RelatedNews.Explanation.Entry], rankFrom first: Int, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let header = ["#", "total", "categ", "parent", "tags", "text", "date", "article"]
        var rows: [[String]] = []
        for (offset, entry) in entries.enumerated() {
            let score = entry.score
            let rank = entry.isPinned ? "pin" : String(first + offset)
            var why: [String] = []
            if !entry.sharedTags.isEmpty { why.append("tags: " + entry.sharedTags.joined(separator: ", ")) }
            if !entry.sharedTerms.isEmpty { why.append("words: " + entry.sharedTerms.prefix(5).joined(separator: ", ")) }
            let day = calendar.dateComponents([.year, .month, .day], from: entry.date)
            let dateText = String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
            rows.append([rank, number(score.total), number(score.category), number(score.parent), number(score.tags),
                         number(score.text), number(score.date),
                         "\(entry.slug) (\(dateText))\n\(entry.title)" + (why.isEmpty ? "" : "\n" + why.joined(separator: "; "))])
        }
        let widths = header.indices.dropLast().map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            let lines = cells.last!.split(separator: "\n", omittingEmptySubsequences: false)
            let fixed = cells.dropLast().enumerated().map { pad($1, widths[$0]) }.joined(separator: "  ")
            let blank = String(repeating: " ", count: fixed.count)
            return lines.enumerated().map { ($0 == 0 ? fixed : blank) + "  " + $1 }.joined(separator: "\n")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    private static func number(_ value: Double) -> String { String(format: "%.3f", value) }

    private static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(width - text.count, 0)) + text
    }
}
