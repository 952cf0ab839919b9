import Foundation
import Mustache

/// The designer's Mustache templates, compiled once per build and checked before any page is rendered:
/// syntax errors and references to partials that do not exist are reported with file and line.
public struct TemplateSet: Sendable {
    public static let pageTemplates = ["home", "article", "print", "list", "page", "404", "search", "redirect"]

    private let library: MustacheLibrary
    public let names: Set<String>

    /// `sources` maps template names ("partials/header") to their files.
    public init(sources: [String: SourceFile], required: [String] = TemplateSet.pageTemplates) throws(BuildFailure) {
        var diagnostics: [Diagnostic] = []
        var templates: [String: MustacheTemplate] = [:]
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                templates[name] = try MustacheTemplate(string: file.text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(.error(file.path, line: error.context.lineNumber,
                                          "template syntax error: \(Self.explain(error.error)) near \"\(error.context.line.trimmingCharacters(in: .whitespaces))\""))
            } catch {
                diagnostics.append(.error(file.path, line: 1, "template could not be read: \(error)"))
            }
        }
        for (name, file) in sources.sorted(by: { $0.key < $1.key }) {
            for reference in Self.partialReferences(in: file.text) where sources[reference.name] == nil {
                diagnostics.append(.error(file.path, line: reference.line,
                                          "template \"\(name)\" uses partial \"\(reference.name)\", but there is no file \(reference.name).mustache"))
            }
        }
        for name in required where sources[name] == nil {
            diagnostics.append(.error("templates", "missing template \(name).mustache (every site needs: \(required.joined(separator: ", ")))"))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        library = MustacheLibrary(templates: templates)
        names = Set(templates.keys)
    }

    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }

    /// `{{> name}}` and `{{< name}}` references, with their lines (dynamic `{{>*x}}` names are skipped).
    static func partialReferences(in text: String) -> [(name: String, line: Int)] {
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
            if !name.isEmpty, !name.hasPrefix("*") { found.append((name, line)) }
        }
        return found
    }

    private static func explain(_ error: Error) -> String {
        guard let parserError = error as? MustacheTemplate.Error else { return "\(error)" }
        switch parserError {
        case .sectionCloseNameIncorrect: return "a section is closed with a different name than it was opened ({{#a}}…{{/b}})"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section {{#…}} is never closed with {{/…}}"
        case .invalidSetDelimiter: return "badly formed delimiter change {{=…=}}"
        default: return "\(parserError)"
        }
    }
}
