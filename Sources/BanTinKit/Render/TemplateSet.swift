import Foundation
import Mustache

/// The designer's Mustache templates, compiled once per build and checked before any page is rendered:
/// syntax errors and references to partials that do not exist are reported with file and line.
public struct TemplateSet: Sendable {
    public static let pageTemplates = ["home", "article", "print", "list", "page", "404", "search", "redirect"]

    /// Rendered once per article with its item values; the result is the item's `html` (optional).
    static let itemTemplate = "item"

    /// Templates under `shared/` show site-wide values only; a build renders each once (`sharingFragments`).
    static let sharedFolder = "shared/"

    private let templates: [String: MustacheTemplate]
    private let library: MustacheLibrary
    public let names: Set<String>
    /// Whether some template takes a partial's name from a value (`{{>*name}}`).
    private let namesPartialsFromValues: Bool

    /// `sources` maps template names ("shared/header", "partials/menu") to their files.
    public init(sources: [String: SourceFile], required: [String] = TemplateSet.pageTemplates) throws(BuildFailure) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        HTMLEscaping.registered
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(string: HTMLEscaping.pragma + file.text)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma took the first line.
                diagnostics.append(.error(file.path, line: max(1, error.context.lineNumber - 1),
                                          Message("template.syntax", ["problem": .message(Self.explain(error.error)),
                                                                             "near": "\(error.context.line.trimmingCharacters(in: .whitespaces))"])))
            } catch {
                diagnostics.append(.error(file.path, line: 1, Message("template.unreadable", ["reason": "\(error)"])))
            }
        }
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in Self.partialReferences(in: file.text) where sources[reference.name] == nil {
                diagnostics.append(.error(file.path, line: reference.line,
                                          Message("template.missingPartial", ["name": "\(name)", "partial": "\(reference.name)"])))
            }
        }
        for name in required where sources[name] == nil {
            diagnostics.append(.error("templates", Message("template.missing", ["name": "\(name)", "required": .list(required)])))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        self.init(compiled: templates, namesPartialsFromValues: sources.values.contains { Self.hasDynamicPartial($0.text) })
    }

    private init(compiled: [String: MustacheTemplate], namesPartialsFromValues: Bool) {
        templates = compiled
        library = MustacheLibrary(templates: compiled)
        names = Set(compiled.keys)
        self.namesPartialsFromValues = namesPartialsFromValues
    }

    /// The same set with every `shared/` fragment rendered once with `siteValues` and replaced by its text,
    /// so the header, sidebars and footer cost one render per build instead of one per page.
    func sharingFragments(_ siteValues: TemplateFields) -> TemplateSet {
        var compiled = templates
        for name in names where name.hasPrefix(Self.sharedFolder) {
            if let fixed = Self.literal(render(name, own: siteValues)) { compiled[name] = fixed }
        }
        return TemplateSet(compiled: compiled, namesPartialsFromValues: namesPartialsFromValues)
    }

    /// A template printing `text` as it is: delimiters switched to control characters HTML never holds.
    /// Nil when the text holds them after all, or starts with a blank line the switch would swallow.
    static func literal(_ text: String) -> MustacheTemplate? {
        let open = "\u{1}\u{2}", close = "\u{2}\u{1}"
        let firstLine = text.prefix { $0 != "\n" }
        guard !text.contains(open), !firstLine.allSatisfy(\.isWhitespace) else { return nil }
        return try? MustacheTemplate(string: "{{=\(open) \(close)=}}" + text)
    }

    /// Renders with typed values (`TemplateValues.swift`) alone.
    func render<Values: Encodable>(_ name: String, _ values: Values) -> String {
        render(name, own: TemplateEncoder.fields(values))
    }

    /// Renders with a page's own values over the site-wide ones (see `LayeredValues`).
    func render(_ name: String, own: TemplateFields, site: TemplateFields = .empty) -> String {
        library.render(LayeredValues(own: own, site: site, plain: namesPartialsFromValues), withTemplate: name) ?? ""
    }

    /// Whether `text` has a `{{>*name}}` tag: a partial whose name the page's values give.
    static func hasDynamicPartial(_ text: String) -> Bool {
        partialTags(in: text).contains { $0.name.hasPrefix("*") }
    }

    /// `{{> name}}` and `{{< name}}` references, with their lines (dynamic `{{>*x}}` names are skipped).
    static func partialReferences(in text: String) -> [(name: String, line: Int)] {
        partialTags(in: text).filter { !$0.name.hasPrefix("*") }
    }

    /// Every `{{> …}}` and `{{< …}}` tag's name as written ("*x" for a dynamic one), with its line.
    private static func partialTags(in text: String) -> [(name: String, line: Int)] {
        var found: [(String, Int)] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            line += rest[rest.startIndex..<open.lowerBound].reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            rest = rest[open.upperBound...]
            let tag = rest.prefix { $0 != "}" }
            let trimmed = tag.drop { $0 == " " }
            guard let sigil = trimmed.first, sigil == ">" || sigil == "<" else { continue }
            let name = trimmed.dropFirst().trimmingCharacters(in: .whitespaces)
            if !name.isEmpty { found.append((name, line)) }
        }
        return found
    }

    private static func explain(_ error: Error) -> Message {
        guard let parserError = error as? MustacheTemplate.Error else { return .verbatim("\(error)") }
        switch parserError {
        case .sectionCloseNameIncorrect: return Message("template.sectionCloseName")
        case .unfinishedName: return Message("template.unfinishedTag")
        case .expectedSectionEnd: return Message("template.sectionNotClosed")
        case .invalidSetDelimiter: return Message("template.delimiter")
        default: return .verbatim("\(parserError)")
        }
    }
}
