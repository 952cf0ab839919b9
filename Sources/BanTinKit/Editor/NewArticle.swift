import Foundation

/// `bantin new`: the file an editor starts an article from, its front matter filled in so that it builds
/// as it is: the title, the date and time now in the site's zone, the category as named in site.yml, tags.
public enum NewArticle {
    public struct File: Sendable, Equatable {
        /// Relative to the content folder: `articles/<category-slug>/<slug>.md`.
        public var path: String
        public var text: String
    }

    public static func make(title: String, category reference: String, tags: [String] = [],
                            config: SiteConfig, now: Date) throws(BuildFailure) -> File {
        let title = title.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        let slug = Slug.make(title)
        guard !slug.isEmpty else {
            throw BuildFailure([.error("bantin new", Message("new.titleEmpty", ["title": "\(title)"]))])
        }
        var problems: [Diagnostic] = []
        let categories = SiteRules.resolveCategories(config, diagnostics: &problems)
        guard let category = SiteRules.findCategory(reference, in: categories) else {
            let known = categories.map { "\"\($0.name)\" (\($0.slug))" }.joined(separator: ", ")
            throw BuildFailure([.error("bantin new", Message("category.unknown", ["name": "\(reference)", "known": "\(known)"]))])
        }
        var lines = ["---", "title: \(quoted(title))", "date: \(minute(now, in: config.timeZone))",
                     "category: \(quoted(category.name))"]
        let tags = tags.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !tags.isEmpty { lines.append("tags: [" + tags.map(quoted).joined(separator: ", ") + "]") }
        lines += ["---", "", ""]
        return File(path: "articles/\(category.slug)/\(slug).md", text: lines.joined(separator: "\n"))
    }

    /// A YAML double-quoted scalar: any title survives, quotes and colons included.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// "2026-11-25 08:30" in the site's time zone, the form editors write.
    static func minute(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
    }
}

/// `bantin new --document`: the file an editor starts a document (văn bản) from: number, type as site.yml
/// spells it, trích yếu, issuer, issued today, and the optional keys as comments to fill in or delete.
public enum NewDocument {
    public static func make(title: String, number: String, type reference: String, issuer: String,
                            config: SiteConfig, now: Date) throws(BuildFailure) -> NewArticle.File {
        func clean(_ text: String) -> String {
            text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
                .precomposedStringWithCanonicalMapping
        }
        let title = clean(title), number = clean(number), issuer = clean(issuer)
        let slug = Slug.make(number)
        var problems: [Diagnostic] = []
        if slug.isEmpty { problems.append(.error("bantin new", Message("new.numberEmpty", ["number": .text(number)]))) }
        if title.isEmpty { problems.append(.error("bantin new", Message("field.empty", ["key": "title"]))) }
        if issuer.isEmpty { problems.append(.error("bantin new", Message("field.empty", ["key": "issuer"]))) }
        var type: String?
        switch config.documents.type(reference) {
        case .known(let known): type = known
        case .unknown(let message): problems.append(.error("bantin new", message))
        }
        guard problems.isEmpty, let type else { throw BuildFailure(problems) }
        let today = String(NewArticle.minute(now, in: config.timeZone).prefix(10))
        let lines = ["---", "number: \(NewArticle.quoted(number))", "type: \(NewArticle.quoted(type))",
                     "title: \(NewArticle.quoted(title))", "issuer: \(NewArticle.quoted(issuer))", "issued: \(today)",
                     "# effective: \(today)", "# expired: \(today)", "# signer: \"\"", "# field: \"\"",
                     "# files:", "#   - /files/ten-tep.pdf", "---", "", ""]
        return NewArticle.File(path: "documents/\(slug).md", text: lines.joined(separator: "\n"))
    }
}
