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
final class TemplateFields: MustacheParent, MemoTop, Sendable {
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

    func node(named name: String) -> TemplateNode? { values[name] }

    func child(named name: String) -> Any? {
        if let node = values[name] { return node.engineValue }
        return SharedRenders.memoised(name, top: self)
    }
}

/// Text and numbers: rendered as they are (text escaped by `{{ }}`), no children, a section over them shown once.
extension TemplateNode: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    func child(named name: String) -> Any? {
        if case .fields(let fields) = self { return fields.child(named: name) }
        return SharedRenders.memoised(name, top: nil)
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
/// A class: the engine copies the value for each cast it makes of it (two or three per name looked up), and a
/// reference is one retain where a struct of three references was three.
final class LayeredValues: MustacheParent, MemoTop, Sendable {
    let own: TemplateFields
    let site: TemplateFields
    let shared: SharedRenders

    init(own: TemplateFields, site: TemplateFields, shared: SharedRenders) {
        self.own = own
        self.site = site
        self.shared = shared
    }

    func child(named name: String) -> Any? {
        guard let node = node(named: name) else { return shared.value(named: name, top: self) }
        return shared.plain ? PlainValue.of(node) : node.engineValue
    }

    func node(named name: String) -> TemplateNode? { own.values[name] ?? site.values[name] }
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
