import Mustache
import Synchronization

/// A value as swift-mustache reads it, made from the typed page values by `TemplateEncoder` (the only place
/// that makes them), with the fingerprint of what it shows: an incremental build renders a page again only when
/// the fingerprint of its values (or its template) changed.
///
/// Nodes answer the engine's questions at once: swift-mustache asks every value it meets whether it is a
/// parent, a renderable, a lambda or an optional through dynamic casts, and a plain `String` or dictionary
/// takes its slowest paths (a `String` on the context stack is even searched with `Mirror`).
enum TemplateNode: Sendable {
    case text(String)
    case flag(Bool)
    case number(Int)
    case list(TemplateList)
    case fields(TemplateFields)

    private enum Tag: UInt64 { case text = 1, flag, number, list, fields }

    /// Equal values hash equally; any change in a name, a value or an order changes it.
    var fingerprint: UInt64 {
        switch self {
        case .text(let text): Self.fingerprint(of: text)
        case .flag(let flag): Self.tagged(.flag, flag ? 1 : 0)
        case .number(let number): Self.tagged(.number, UInt64(bitPattern: Int64(number)))
        case .list(let list): list.fingerprint
        case .fields(let fields): fields.fingerprint
        }
    }

    /// What the engine is handed: `Bool` itself (a section tests it), the fields' object, the list as an
    /// array (which the engine repeats a section over), else the node.
    var engineValue: Any {
        switch self {
        case .flag(let flag): flag
        case .fields(let fields): fields
        case .list(let list): list.items
        case .text, .number: self
        }
    }

    static func fingerprint(of text: String) -> UInt64 {
        var hash = ContentHash()
        hash.combine(Tag.text.rawValue)
        hash.combine(text)
        return hash.finalized
    }

    private static func tagged(_ tag: Tag, _ bits: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(tag.rawValue)
        hash.combine(bits)
        return hash.finalized
    }

    static func listFingerprint(_ items: [TemplateNode]) -> UInt64 {
        var hash = ContentHash()
        hash.combine(Tag.list.rawValue)
        hash.combine(items.count)
        for item in items { hash.combine(item.fingerprint) }
        return hash.finalized
    }

    /// Entries are combined by addition (`entrySum`): the order fields were encoded in does not matter.
    static func fieldsFingerprint(count: Int, entrySum: UInt64) -> UInt64 {
        var hash = ContentHash()
        hash.combine(Tag.fields.rawValue)
        hash.combine(count)
        hash.combine(entrySum)
        return hash.finalized
    }

    static func entryFingerprint(_ name: String, _ value: TemplateNode) -> UInt64 {
        var hash = ContentHash()
        hash.combine(name)
        hash.combine(value.fingerprint)
        return hash.finalized
    }
}

/// A list's entries and their fingerprint.
struct TemplateList: Sendable {
    let items: [TemplateNode]
    let fingerprint: UInt64

    init(_ items: [TemplateNode]) {
        self.items = items
        fingerprint = TemplateNode.listFingerprint(items)
    }
}

/// An object's fields by name. A class: the fields many pages share (site values, list entries, menus) are
/// made once per build and held, not copied, by every page that shows them.
final class TemplateFields: MustacheParent, Sendable {
    let values: [String: TemplateNode]
    let fingerprint: UInt64
    /// The sum of the entries' fingerprints, kept so that fields merged into a larger object are not hashed again.
    let entrySum: UInt64

    init(values: [String: TemplateNode], entrySum: UInt64) {
        self.values = values
        self.entrySum = entrySum
        fingerprint = TemplateNode.fieldsFingerprint(count: values.count, entrySum: entrySum)
    }

    static let empty = TemplateFields(values: [:], entrySum: 0)

    func child(named name: String) -> Any? { values[name]?.engineValue }
}

/// Text and numbers: rendered as they are (text escaped by `{{ }}`), no children, a section over them shown once.
extension TemplateNode: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    func child(named name: String) -> Any? {
        if case .fields(let fields) = self { return fields.child(named: name) }
        return nil
    }

    var renderText: String {
        switch self {
        case .text(let text): text
        case .number(let number): String(number)
        case .flag(let flag): String(flag)
        case .list(let list): String(describing: list.items.map(\.renderText))
        case .fields(let fields): String(describing: fields.values.mapValues(\.renderText))
        }
    }

    var isNull: Bool { false }

    func transform(_ name: String) -> Any? {
        switch self {
        case .text(let text): text.transform(name)
        case .list(let list): list.items.transform(name)
        case .number, .flag, .fields: nil
        }
    }
}

/// As a value nested in something the engine prints whole (`{{#enumerated(list)}}{{.}}`): the plain value's text.
extension TemplateNode: CustomStringConvertible, CustomDebugStringConvertible {
    var description: String { renderText }
    var debugDescription: String {
        if case .text(let text) = self { return String(reflecting: text) }
        return renderText
    }
}

/// What a page's template sees: the page's own values, then the site-wide ones, then what the build rendered once
/// for every page (`SharedRenders`).
///
/// Three references and nothing more: within an existential's three inline words, so the engine's casts of it
/// copy no box (a fourth field put one on the heap for every value looked up).
struct LayeredValues: MustacheParent {
    let own: TemplateFields
    let site: TemplateFields
    let shared: SharedRenders

    func child(named name: String) -> Any? {
        guard let node = own.values[name] ?? site.values[name] else { return shared.value(named: name, for: self) }
        return shared.plain ? PlainValue.of(node) : node.engineValue
    }
}

/// What pages share, rendered once (`TemplateSet.sharingFragments`): each `shared/` fragment, and each cached
/// partial once per distinct value of the names it reads. A page's template reads them as values whose names no
/// typed value can have (a Swift name has no `-`), through a template that prints the value as it is.
final class SharedRenders: Sendable {
    struct Partial: Sendable {
        let number: Int
        /// The partial's own template, under a name no `{{> …}}` reaches.
        let template: String
        /// The names its output depends on, as the page's values give them.
        let roots: [String]
    }

    private let fragments: [String: TemplateNode]
    private let partials: [String: Partial]
    private let library: MustacheLibrary
    /// True when a template takes a partial's name from a value (`{{>*name}}`): the engine reads that name only
    /// from a plain `String`, so every value is handed over as plain Swift values (`PlainValue`).
    let plain: Bool
    /// Rendered partials by the fingerprint of what they read.
    private let cache = Mutex<[UInt64: String]>([:])
    private let renders = Atomic(0)
    /// Past this many distinct values (a partial reading something every page has its own of, such as the page's
    /// title), a partial is rendered for each page and not kept.
    static let limit = 4096

    /// Nothing rendered once (a set before `sharingFragments`).
    convenience init(plain: Bool) {
        self.init(fragments: [:], partials: [:], library: MustacheLibrary(), plain: plain)
    }

    init(fragments: [String: TemplateNode], partials: [String: Partial], library: MustacheLibrary, plain: Bool) {
        self.fragments = fragments
        self.partials = partials
        self.library = library
        self.plain = plain
    }

    var rendered: Int { renders.load(ordering: .relaxed) }

    func value(named name: String, for page: LayeredValues) -> Any? {
        guard !fragments.isEmpty || !partials.isEmpty else { return nil }
        if let fragment = fragments[name] { return fragment.engineValue }
        guard let partial = partials[name] else { return nil }
        var hash = ContentHash()
        hash.combine(partial.number)
        for root in partial.roots {
            if let node = page.own.values[root] ?? page.site.values[root] {
                hash.combine(1)
                hash.combine(node.fingerprint)
            } else {
                hash.combine(0)
            }
        }
        let key = hash.finalized
        if let text = cache.withLock({ $0[key] }) { return TemplateNode.text(text).engineValue }
        renders.add(1, ordering: .relaxed)
        let text = library.render(LayeredValues(own: page.own, site: page.site, shared: self),
                                  withTemplate: partial.template) ?? ""
        cache.withLock { if $0.count < Self.limit { $0[key] = text } }
        return TemplateNode.text(text).engineValue
    }
}

/// A node as plain Swift values (`String`, `Int`, `Bool`, arrays, objects), for templates naming partials
/// from values.
struct PlainValue: MustacheParent {
    let fields: TemplateFields

    func child(named name: String) -> Any? { fields.values[name].map(Self.of) }

    static func of(_ node: TemplateNode) -> Any {
        switch node {
        case .text(let text): text
        case .number(let number): number
        case .flag(let flag): flag
        case .list(let list): list.items.map(of)
        case .fields(let fields): PlainValue(fields: fields)
        }
    }
}
