import Mustache
import Synchronization

/// What pages share, rendered once (`TemplateSet.sharingFragments`), read by a page's template as values whose
/// names no typed value can have (a Swift name has no `-`):
/// - each `shared/` fragment, rendered once per build with the site's values;
/// - each memoised partial (the menu, the breadcrumb: `TemplateSet.memoisedPartials`),
///   rendered once per distinct value of what it reads (`PartialMemo`), as Hugo's `partialCached` does with a key.
final class SharedRenders: Sendable {
    /// The prefix of every name `TemplateSet` gives a memoised partial's place.
    static let memoPrefix = "bantin-partial-"

    private let fragments: [String: TemplateNode]
    private let memos: [String: PartialMemo]
    let library: MustacheLibrary
    /// True when a template takes a partial's name from a value (`{{>*name}}`): the engine reads that name only
    /// from a plain `String`, so every value is handed over as plain Swift values (`PlainValue`).
    let plain: Bool
    private let renders = Atomic(0)

    /// The renders under way on this thread: a value the engine asks for a memoised partial's name finds them here,
    /// since the engine tells a value nothing of the page it is on.
    @TaskLocal static var scope: Scope?

    struct Scope: Sendable {
        let renders: SharedRenders
        /// While a memoised partial is rendered alone, partials it includes are rendered in full, so that what they
        /// read counts as read by it.
        let isolating: Bool
    }

    /// Nothing rendered once (a set before `sharingFragments`).
    convenience init(library: MustacheLibrary, plain: Bool) {
        self.init(fragments: [:], memos: [:], library: library, plain: plain)
    }

    init(fragments: [String: TemplateNode], memos: [String: PartialMemo], library: MustacheLibrary, plain: Bool) {
        self.fragments = fragments
        self.memos = memos
        self.library = library
        self.plain = plain
    }

    /// How many times memoised partials were rendered (once per distinct value they read).
    var rendered: Int { renders.load(ordering: .relaxed) }

    func render(_ template: String, _ values: LayeredValues) -> String {
        guard !memos.isEmpty else { return library.render(values, withTemplate: template) ?? "" }
        return Self.$scope.withValue(Scope(renders: self, isolating: false)) {
            library.render(values, withTemplate: template) ?? ""
        }
    }

    /// A fragment's text, or a memoised partial's output as seen from `top`, the value on top of the engine's stack.
    func value(named name: String, top: (any MemoTop)?) -> Any? {
        if let fragment = fragments[name] { return fragment.engineValue }
        guard let memo = memos[name] else { return nil }
        return memo.output(top: top, renders: self, isolating: Self.scope?.isolating ?? false)
    }

    /// What a value on top of the stack answers for a name it does not have: a memoised partial's output.
    static func memoised(_ name: String, top: (any MemoTop)?) -> Any? {
        guard name.utf8.first == UInt8(ascii: "b"), name.hasPrefix(memoPrefix), let scope else { return nil }
        return scope.renders.value(named: name, top: top)
    }

    fileprivate func fragment(named name: String) -> Any? { fragments[name]?.engineValue }

    fileprivate func counted() { renders.add(1, ordering: .relaxed) }
}

/// A value the engine may find on top of its stack where a memoised partial is included: the page's values, or an
/// object among them (an article, an entry of a list).
protocol MemoTop {
    func node(named name: String) -> TemplateNode?
    func child(named name: String) -> Any?
}

/// One partial's outputs by what they read. A partial is rendered alone with the value on top of the stack
/// (`Isolated`), and the names it asked that value for are recorded: its output is the same wherever that value
/// gives the same nodes for those names (the engine reads nothing else: what sits above the top comes from those
/// nodes, and nothing was looked up below it). So the output is kept under the fingerprints of those nodes, and
/// the next top whose nodes for the same names have the same fingerprints gets it without a render.
///
/// Where the partial looked below the top (a name the top lacks, which the page's other values might have), or
/// printed `{{` (its output is handed to the engine as a template), the original partial is handed to the engine
/// instead, which renders it in place, as if nothing were memoised.
final class PartialMemo: Sendable {
    /// The partial's own template, under a name no `{{> …}}` reaches.
    let template: String
    private let original: MustacheTemplate
    private let state = Mutex(State())

    private struct State {
        /// The sets of names renders read, each with an index of its own in the keys.
        var shapes: [[String]] = []
        var outputs: [UInt64: MustacheTemplate] = [:]
        var bytes = 0
        var uses = 0
        var hits = 0
        var given = false
    }

    /// A partial each page reads with values of its own (a page's pagination) gains nothing, and a render kept costs
    /// more than one in place (it is parsed again as a template): after `trial` renders with fewer than one use in
    /// eight found kept, it is rendered in place. (An entry of the related lists, tried as a partial: 81 found in the
    /// first 1,000 uses at 10,000 articles; the breadcrumb: 968.) Outputs are kept up to `byteLimit` bytes.
    static let trial = 1024
    static let byteLimit = 32 << 20
    static let shapeLimit = 8

    init(template: String, original: MustacheTemplate) {
        self.template = template
        self.original = original
    }

    func output(top: (any MemoTop)?, renders: SharedRenders, isolating: Bool) -> MustacheTemplate {
        guard let top, !isolating else { return original }
        let shapes: [[String]]? = state.withLock { state in
            if state.given { return nil }
            state.uses += 1
            if state.uses - state.hits == Self.trial, state.hits * 8 < Self.trial {
                state.given = true
                state.outputs = [:]
                return nil
            }
            return state.shapes
        }
        guard let shapes else { return original }
        let keys = shapes.indices.map { Self.key($0, shapes[$0], top) }
        let found: MustacheTemplate? = state.withLock { state in
            for key in keys {
                if let output = state.outputs[key] {
                    state.hits += 1
                    return output
                }
            }
            return nil
        }
        if let found { return found }
        renders.counted()
        let log = ReadLog()
        let text = SharedRenders.$scope.withValue(SharedRenders.Scope(renders: renders, isolating: true)) {
            renders.library.render(Isolated(top: top, log: log, renders: renders), withTemplate: template) ?? ""
        }
        guard !log.escaped, !ByteSearch.contains(text, "{{"), let made = try? MustacheTemplate(string: text) else { return original }
        let names = Array(Set(log.names)).sorted()
        state.withLock { state in
            var index = state.shapes.firstIndex(of: names)
            if index == nil, state.shapes.count < Self.shapeLimit {
                state.shapes.append(names)
                index = state.shapes.count - 1
            }
            guard let index, !state.given, state.bytes + text.utf8.count <= Self.byteLimit else { return }
            state.outputs[Self.key(index, names, top)] = made
            state.bytes += text.utf8.count
        }
        return made
    }

    private static func key(_ shape: Int, _ names: [String], _ top: any MemoTop) -> UInt64 {
        var hash = ContentHash()
        hash.combine(shape)
        for name in names {
            if let node = top.node(named: name) {
                hash.combine(1)
                hash.combine(node.fingerprint)
            } else {
                hash.combine(0)
            }
        }
        return hash.finalized
    }
}

/// The names a partial rendered alone asked of the value on top, and whether it looked below it.
private final class ReadLog {
    var names: [String] = []
    var escaped = false
}

/// The bottom of the stack of a partial rendered alone: the top's answers, recorded; a name the top lacks marks the
/// render as one that looked below it. Shared fragments are the site's, the same on every page.
private struct Isolated: MustacheParent {
    let top: any MemoTop
    let log: ReadLog
    let renders: SharedRenders

    func child(named name: String) -> Any? {
        if let fragment = renders.fragment(named: name) { return fragment }
        if name.hasPrefix(SharedRenders.memoPrefix) { return renders.value(named: name, top: nil) }
        log.names.append(name)
        guard let value = top.child(named: name) else {
            log.escaped = true
            return nil
        }
        return value
    }
}
