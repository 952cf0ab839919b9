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
    /// Each template's tags as written (nil where `TemplateTags` cannot read them), to find what can be rendered once.
    private let tags: [String: TemplateTags?]
    /// What `sharingFragments` rendered once, which pages read as values.
    private let renders: SharedRenders

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
        self.init(compiled: templates, namesPartialsFromValues: sources.values.contains { Self.hasDynamicPartial($0.text) },
                  tags: sources.mapValues { TemplateTags($0.text) }, renders: { _ in nil })
    }

    private init(compiled: [String: MustacheTemplate], namesPartialsFromValues: Bool, tags: [String: TemplateTags?],
                 renders: (MustacheLibrary) -> SharedRenders?) {
        templates = compiled
        library = MustacheLibrary(templates: compiled)
        names = Set(compiled.keys.filter { !$0.hasPrefix(Self.hiddenPrefix) })
        self.namesPartialsFromValues = namesPartialsFromValues
        self.tags = tags
        self.renders = renders(library) ?? SharedRenders(plain: namesPartialsFromValues)
    }

    /// Names no `{{> …}}` can reach (partial names have no colon): a cached partial's own template.
    private static let hiddenPrefix = "bantin:"

    /// The same set with what pages share rendered once instead of once per page:
    /// - every `shared/` fragment, rendered with `siteValues` (the header, sidebars, footer);
    /// - every partial that sees only the page's values (`cachedPartials`: the menu, which marks the page's link), rendered
    ///   once per distinct value of the names it reads, when a page first needs it.
    /// Pages read them as values (`SharedRenders`), one piece each. Where a partial or block is included indented, the
    /// engine indents the first line of each piece it renders, not each line: nothing rendered once could be pasted
    /// the same, so such a set renders everything for each page.
    func sharingFragments(_ siteValues: TemplateFields) -> TemplateSet {
        var compiled = templates
        let pasteWhole = tags.values.allSatisfy { $0 != nil } && !tags.values.contains { tags in
            tags!.tags.contains { $0.indented && ($0.sigil == ">" || $0.sigil == "<" || $0.sigil == "$") }
        }
        var fragments: [String: TemplateNode] = [:]
        var partials: [String: SharedRenders.Partial] = [:]
        if pasteWhole {
            for name in names.sorted() where name.hasPrefix(Self.sharedFolder) {
                let value = "bantin-fragment-\(fragments.count)"
                fragments[value] = .text(render(name, own: siteValues))
                compiled[name] = Self.valueTemplate(value)
            }
            for (name, roots) in cachedPartials().sorted(by: { $0.key < $1.key }) {
                let value = "bantin-partial-\(partials.count)"
                compiled[Self.hiddenPrefix + name] = templates[name]
                compiled[name] = Self.valueTemplate(value)
                partials[value] = SharedRenders.Partial(number: partials.count, template: Self.hiddenPrefix + name, roots: roots)
            }
        }
        let plain = namesPartialsFromValues
        return TemplateSet(compiled: compiled, namesPartialsFromValues: plain, tags: tags) { library in
            SharedRenders(fragments: fragments, partials: partials, library: library, plain: plain)
        }
    }

    /// A template that prints a value of `SharedRenders` as it is.
    private static func valueTemplate(_ value: String) -> MustacheTemplate {
        try! MustacheTemplate(string: "{{{\(value)}}}")
    }

    /// The partials (not `shared/`) whose output depends only on the values of the names they read, looked up from
    /// the page's values, with those names (theirs and their partials'). A partial qualifies when every `{{> …}}`
    /// of it, and of each template including it, sits outside any section (so the engine's stack holds the page's
    /// values alone), and it has no blocks (`{{$…}}`) nor names relative to the top of the stack (`{{.}}`). None
    /// qualifies when a partial's name comes from a value (`{{>*name}}`), a template's tags cannot be read, or a
    /// block is expanded inside a section (the blocks of a page are then rendered deeper than the page).
    func cachedPartials() -> [String: [String]] {
        guard !namesPartialsFromValues else { return [:] }
        var read: [String: TemplateTags] = [:]
        for (name, tags) in tags {
            guard let tags else { return [:] }
            read[name] = tags
        }
        if read.values.contains(where: { $0.tags.contains { $0.sigil == "$" && $0.depth > 0 } }) { return [:] }
        // A template rendered deeper than a page's top: included inside a section, or by such a template.
        var nested = Set<String>()
        var changed = true
        while changed {
            changed = false
            for (name, tags) in read {
                for tag in tags.tags where (tag.sigil == ">" || tag.sigil == "<") && !nested.contains(tag.name)
                    && (tag.depth > 0 || nested.contains(name)) {
                    nested.insert(tag.name)
                    changed = true
                }
            }
        }
        let included = Set(read.values.flatMap { $0.tags.filter { $0.sigil == ">" }.map(\.name) })
        let parents = Set(read.values.flatMap { $0.tags.filter { $0.sigil == "<" }.map(\.name) })
        var result: [String: [String]] = [:]
        for name in included.sorted() where !name.hasPrefix(Self.sharedFolder) && !nested.contains(name) && !parents.contains(name) {
            // The names it reads, with those of the partials it includes (shared fragments read site values only).
            var roots = Set<String>(), seen = Set<String>(), pending = [name], qualifies = true
            while let next = pending.popLast(), qualifies {
                guard seen.insert(next).inserted, let tags = read[next] else { continue }
                for tag in tags.tags {
                    if tag.sigil == "$" || tag.sigil == "<" || (TemplateTags.readsValue(tag) && tag.depth == 0 && tag.name.hasPrefix(".")) {
                        qualifies = false
                    } else if tag.sigil == ">", !tag.name.hasPrefix(Self.sharedFolder) {
                        pending.append(tag.name)
                    } else if TemplateTags.readsValue(tag), let root = TemplateTags.rootName(tag.name) {
                        roots.insert(root)
                    }
                }
            }
            if qualifies { result[name] = roots.sorted() }
        }
        return result
    }

    /// Renders with typed values (`TemplateValues.swift`) alone.
    func render<Values: Encodable>(_ name: String, _ values: Values) -> String {
        render(name, own: TemplateEncoder.fields(values))
    }

    /// Renders with a page's own values over the site-wide ones (see `LayeredValues`).
    func render(_ name: String, own: TemplateFields, site: TemplateFields = .empty) -> String {
        library.render(LayeredValues(own: own, site: site, shared: renders), withTemplate: name) ?? ""
    }

    /// How many times a cached partial was rendered (once per distinct value), for tests.
    var partialRenders: Int { renders.rendered }

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
