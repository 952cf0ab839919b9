import Foundation

/// `counter.import`: views per URL carried over from the old portal, a CSV of `url,views` lines
/// (a header line is allowed). Each URL is mapped like a log line's, so old URLs listed in an article's
/// `aliases` land on that article. These views add to the pages' "Lượt xem" only: "Tất cả" already has
/// them in the baseline.
enum ViewImport {
    static func parse(_ file: SourceFile, pages: CounterPages) -> ([String: Int], [Diagnostic]) {
        var views: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        var unmapped: [String] = []
        var badRows = 0
        for (offset, rawLine) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            // The last comma: URLs may hold commas in their query, counts never do.
            guard let comma = line.lastIndex(of: ","),
                  let count = Int(line[line.index(after: comma)...].trimmingCharacters(in: .whitespaces)), count >= 0 else {
                if offset == 0 { continue } // a header such as "url,views"
                badRows += 1
                if badRows <= 10 {
                    diagnostics.append(.warning(file.path, line: offset + 1, Message("counter.importBadLine", ["line": "\(line)"])))
                }
                continue
            }
            var url = line[..<comma].trimmingCharacters(in: .whitespaces)
            if url.count >= 2, url.hasPrefix("\""), url.hasSuffix("\"") { url = String(url.dropFirst().dropLast()) }
            guard case .page(let page) = pages.resolve(url) else {
                unmapped.append(url)
                continue
            }
            views[page, default: 0] += count
        }
        if badRows > 10 {
            diagnostics.append(.warning(file.path, Message("counter.importMoreBadLines", ["count": .count(badRows - 10)])))
        }
        if !unmapped.isEmpty {
            let examples = unmapped.prefix(3).map { "\"\($0)\"" }.joined(separator: ", ")
            diagnostics.append(.warning(file.path, Message("counter.importUnmapped", ["count": .count(unmapped.count), "examples": "\(examples)"])))
        }
        return (views, diagnostics)
    }
}
