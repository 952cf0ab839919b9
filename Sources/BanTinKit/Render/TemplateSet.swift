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
        self.renders = renders(library) ?? SharedRenders(library: library, plain: namesPartialsFromValues)
    }

    /// Names no `{{> …}}` can reach (partial names have no colon): a cached partial's own template.
    private static let hiddenPrefix = "bantin:"

    /// The same set with what pages share rendered once instead of once per page:
    /// - every `shared/` fragment, rendered with `siteValues` (the header, sidebars, footer);
    /// - every partial whose output depends only on the values it reads (`memoisedPartials`: the menu, which marks
    ///   the page's link; the breadcrumb, once per category), rendered once per distinct value of what it
    ///   reads, when a page first needs it (`PartialMemo`).
    /// Pages read them as values (`SharedRenders`), one piece each. Where a partial or block is included indented, the
    /// engine indents the first line of each piece it renders, not each line: nothing rendered once could be pasted
    /// the same, so such a set renders everything for each page.
    func sharingFragments(_ siteValues: TemplateFields) -> TemplateSet {
        var compiled = templates
        let pasteWhole = tags.values.allSatisfy { $0 != nil } && !tags.values.contains { tags in
            tags!.tags.contains { $0.indented && ($0.sigil == ">" || $0.sigil == "<" || $0.sigil == "$") }
        }
        var fragments: [String: TemplateNode] = [:]
        var memos: [String: PartialMemo] = [:]
        if pasteWhole {
            for name in names.sorted() where name.hasPrefix(Self.sharedFolder) {
                let value = "bantin-fragment-\(fragments.count)"
                fragments[value] = .text(render(name, own: siteValues))
                compiled[name] = try! MustacheTemplate(string: "{{{\(value)}}}")
            }
            for name in memoisedPartials() {
                let value = SharedRenders.memoPrefix + "\(memos.count)"
                compiled[Self.hiddenPrefix + name] = templates[name]
                // Printed with `{{ }}`: the engine renders a template found there in place, with the page's whole stack;
                // a memoised output is handed over as a template of one piece of text.
                compiled[name] = try! MustacheTemplate(string: "{{\(value)}}")
                memos[value] = PartialMemo(template: Self.hiddenPrefix + name, original: templates[name]!)
            }
        }
        let plain = namesPartialsFromValues
        return TemplateSet(compiled: compiled, namesPartialsFromValues: plain, tags: tags) { library in
            SharedRenders(fragments: fragments, memos: memos, library: library, plain: plain)
        }
    }

    /// The partials (not `shared/`) that can be memoised: included with `{{> …}}`, not a parent (`{{< …}}`), and
    /// neither they nor the partials they include have blocks (`{{$…}}`, which read the including page's overrides)
    /// or, outside their own sections, names relative to the top of the stack (`{{.}}`, `{{.title}}`, `first()`:
    /// the value or the position in a list they are included at). None can when a partial's name comes from a value
    /// (`{{>*name}}`) or a template's tags cannot be read.
    func memoisedPartials() -> [String] {
        guard !namesPartialsFromValues else { return [] }
        var read: [String: TemplateTags] = [:]
        for (name, tags) in tags {
            guard let tags else { return [] }
            read[name] = tags
        }
        let included = Set(read.values.flatMap { $0.tags.filter { $0.sigil == ">" }.map(\.name) })
        let parents = Set(read.values.flatMap { $0.tags.filter { $0.sigil == "<" }.map(\.name) })
        return included.sorted().filter { name in
            guard !name.hasPrefix(Self.sharedFolder), !parents.contains(name) else { return false }
            var seen = Set<String>(), pending = [name]
            while let next = pending.popLast() {
                guard seen.insert(next).inserted, let tags = read[next] else { continue }
                for tag in tags.tags {
                    if tag.sigil == "$" || tag.sigil == "<"
                        || (TemplateTags.readsValue(tag) && tag.depth == 0 && TemplateTags.rootName(tag.name) == nil) {
                        return false
                    }
                    if tag.sigil == ">", !tag.name.hasPrefix(Self.sharedFolder) { pending.append(tag.name) }
                }
            }
            return true
        }
    }

    /// Renders with typed values (`TemplateValues.swift`) alone.
    func render<Values: Encodable>(_ name: String, _ values: Values) -> String {
        render(name, own: TemplateEncoder.fields(values))
    }

    /// Renders with a page's own values over the site-wide ones (see `LayeredValues`).
    func render(_ name: String, own: TemplateFields, site: TemplateFields = .empty) -> String {
        renders.render(name, LayeredValues(own: own, site: site, shared: renders))
    }

    /// How many times memoised partials were rendered (once per distinct value they read), for tests.
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
