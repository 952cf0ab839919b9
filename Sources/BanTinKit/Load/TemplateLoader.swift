import Foundation

/// Reads the designer's folder: Mustache templates, the locale words, and where the static assets are.
public struct TemplateLoader {
    public let templatesDirectory: URL
    let displayRoot: URL

    public init(templatesDirectory: URL, displayRoot: URL? = nil) {
        self.templatesDirectory = templatesDirectory.standardizedFileURL
        self.displayRoot = (displayRoot ?? templatesDirectory.deletingLastPathComponent()).standardizedFileURL
    }

    var assetsDirectory: URL { templatesDirectory.appendingPathComponent("assets") }

    /// Template name ("shared/header", "partials/menu") → file.
    public func templateSources() throws(BuildFailure) -> [String: SourceFile] {
        let reader = ContentLoader(contentDirectory: templatesDirectory, displayRoot: displayRoot)
        var diagnostics: [Diagnostic] = []
        var sources: [String: SourceFile] = [:]
        let root = templatesDirectory.path + "/"
        for url in FileTree.files(under: templatesDirectory, inside: templatesDirectory, diagnostics: &diagnostics,
                                  display: reader.display, folderMayBeLink: true) where url.pathExtension == "mustache" {
            let relative = url.standardizedFileURL.path.replacingOccurrences(of: root, with: "")
            let name = String(relative.dropLast(".mustache".count))
            if let file = reader.read(url, into: &diagnostics) { sources[name] = file }
        }
        if sources.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
            diagnostics.append(.error(reader.display(templatesDirectory), Message("template.none")))
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw BuildFailure(diagnostics) }
        return sources
    }

    static let localeKeys = ["weekdays", "date_long", "date_short", "datetime_short", "thousands_separator", "archive_title",
                             "archive_year_title", "archive_index_title", "tag_title", "tag_index_title",
                             "documents_title", "documents_filter_title", "document_title"]

    /// `locale.yml`: weekday names and date patterns.
    public func dateStyle(timeZone: TimeZone) throws(BuildFailure) -> DateStyle {
        try Self.dateStyle(locale: try localeFile(), timeZone: timeZone)
    }

    /// `locale.yml`: how numbers are written (`thousands_separator`, default ".").
    public func numberStyle() throws(BuildFailure) -> NumberStyle {
        try Self.numberStyle(locale: try localeFile())
    }

    /// The date style `locale.yml` gives (read by the load stage, parsed by the model stage).
    static func dateStyle(locale file: SourceFile, timeZone: TimeZone) throws(BuildFailure) -> DateStyle {
        var fields = try localeFields(file)
        fields.warnAboutUnknownKeys(known: Self.localeKeys, context: "locale.yml")
        let weekdays = fields.strings("weekdays")
        if weekdays.count != 7 { fields.error("weekdays", Message("locale.weekdays")) }
        var style = DateStyle(weekdays: weekdays, longPattern: fields.string("date_long") ?? "{weekday}, {dd}/{mm}/{yyyy}",
                              shortPattern: fields.string("date_short") ?? "{dd}/{mm}/{yyyy}",
                              dateTimePattern: fields.string("datetime_short") ?? DateStyle.defaultDateTimePattern,
                              timeZone: timeZone)
        if let archiveTitle = fields.string("archive_title") { style.archiveTitlePattern = archiveTitle }
        if let yearTitle = fields.string("archive_year_title") { style.archiveYearTitlePattern = yearTitle }
        if let tagTitle = fields.string("tag_title") { style.tagTitlePattern = tagTitle }
        style.archiveIndexTitle = fields.string("archive_index_title")
        style.tagIndexTitle = fields.string("tag_index_title")
        style.documentsTitle = fields.string("documents_title")
        if let title = fields.string("documents_filter_title") { style.documentsFilterTitlePattern = title }
        if let title = fields.string("document_title") { style.documentTitlePattern = title }
        let all = fields.takeDiagnostics()
        if all.contains(where: { $0.severity == .error }) { throw BuildFailure(all) }
        return style
    }

    static func numberStyle(locale file: SourceFile) throws(BuildFailure) -> NumberStyle {
        let fields = try localeFields(file)
        // Read as written: a separator may be a space, which `string` would trim away.
        guard let node = fields.node("thousands_separator") else { return NumberStyle() }
        return NumberStyle(thousandsSeparator: node.string ?? ".")
    }

    /// `locale.yml` as read from the templates folder.
    func localeFile() throws(BuildFailure) -> SourceFile {
        let url = templatesDirectory.appendingPathComponent("locale.yml")
        let reader = ContentLoader(contentDirectory: templatesDirectory, displayRoot: displayRoot)
        var diagnostics: [Diagnostic] = []
        guard FileManager.default.fileExists(atPath: url.path), let file = reader.read(url, into: &diagnostics) else {
            throw BuildFailure(diagnostics + [.error(reader.display(url), Message("locale.missing"))])
        }
        return file
    }

    private static func localeFields(_ file: SourceFile) throws(BuildFailure) -> YAMLFields {
        let (parsed, errors) = YAMLFields.parse(file.text, file: file.path)
        guard let fields = parsed else { throw BuildFailure(errors) }
        return fields
    }
}
