import Mustache

/// What a page's template sees: the page's own values, then the site-wide ones.
///
/// Values are handed to the engine wrapped (`TemplateValue`): swift-mustache asks every value it meets
/// whether it is a parent, a renderable, a lambda or an optional through dynamic casts, and a dictionary's
/// conditional conformance and a plain string take its slowest paths. The wrappers answer those casts at
/// once; what any template renders is the same (`TemplateValueTests` compares the two).
struct LayeredValues: MustacheParent {
    let own: [String: Any]
    let site: [String: Any]
    /// False when a template takes a partial's name from a value (`{{>*name}}`): the engine reads that name
    /// only from a plain `String`.
    var wrapsText = true

    func child(named name: String) -> Any? {
        TemplateValue.wrap(own[name] ?? site[name], text: wrapsText)
    }
}

/// The wrappers `LayeredValues` hands to the engine, each rendering, iterating and transforming exactly as
/// the plain value it holds.
enum TemplateValue {
    private static let mappingType = ObjectIdentifier([String: Any].self)
    private static let mappingsType = ObjectIdentifier([[String: Any]].self)
    private static let textType = ObjectIdentifier(String.self)

    static func wrap(_ value: Any?, text: Bool) -> Any? {
        guard let value else { return nil }
        // The exact type, compared by identity: a cast would cost what the wrapping saves.
        switch ObjectIdentifier(type(of: value)) {
        case mappingType: return Mapping(values: value as! [String: Any], wrapsText: text)
        case mappingsType: return (value as! [[String: Any]]).map { Mapping(values: $0, wrapsText: text) }
        case textType where text: return Text(text: value as! String)
        default: return value
        }
    }

    /// A `[String: Any]`: its keys are its children.
    struct Mapping: MustacheParent, MustacheTransformable, CustomStringConvertible, CustomDebugStringConvertible {
        let values: [String: Any]
        let wrapsText: Bool

        func child(named name: String) -> Any? { TemplateValue.wrap(values[name], text: wrapsText) }
        func transform(_ name: String) -> Any? { values.transform(name) }
        var description: String { String(describing: values) }
        var debugDescription: String { String(reflecting: values) }
    }

    /// A `String`: rendered as it is (escaped by `{{ }}`), no children, a section over it shown once.
    struct Text: MustacheCustomRenderable, MustacheParent, MustacheTransformable, CustomStringConvertible,
                 CustomDebugStringConvertible {
        let text: String

        var renderText: String { text }
        var isNull: Bool { false }
        func child(named name: String) -> Any? { nil }
        func transform(_ name: String) -> Any? { text.transform(name) }
        var description: String { text }
        var debugDescription: String { String(reflecting: text) }
    }
}
