import Mustache

/// What a page's template sees: the page's own values, then the site-wide ones.
struct LayeredValues: MustacheParent {
    let own: [String: Any]
    let site: [String: Any]

    func child(named name: String) -> Any? {
        own[name] ?? site[name]
    }
}
